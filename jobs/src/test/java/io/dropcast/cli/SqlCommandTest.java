package io.dropcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.ledger.RunLedger;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SqlCommandTest {
  @TempDir
  static Path warehouse;

  /** Two finished runs in the ledger: one succeeded with counts, one failed with a message holding a comma. */
  @BeforeAll
  static void twoRunsInTheLedger() {
    Warehouse wh = new Warehouse(SharedSpark.get(), warehouse.toString());
    RunLedger ledger = new RunLedger(wh, Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC));
    ledger.started("ingest-2026-11-26-a", "ingest", LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-26"),
        "ingest --date 2026-11-26");
    ledger.finished("ingest-2026-11-26-a", new RunOutcome(RunStatus.SUCCEEDED, Map.of("orders", 10L),
        Map.of("orders", 9L), Map.of("orders/units_not_positive", 1L), Map.of("orders", 3L), "ok"));
    ledger.started("ingest-2026-11-25-b", "ingest", LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-25"),
        "ingest --date 2026-11-25");
    ledger.finished("ingest-2026-11-25-b", new RunOutcome(RunStatus.FAILED, null, null, null, null,
        "bad ratio, see quarantine"));
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 2];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--warehouse";
    full[args.length + 1] = warehouse.toString();
    int code = cli.execute(full);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void aQueryPrintsAnAlignedTableWithARowCount() {
    String[] r = run("sql", "SELECT run_id, status, rows_read['orders'] AS read FROM job_runs ORDER BY run_id");
    assertEquals("0", r[0], r[2]);
    assertEquals(String.join("\n",
        "+---------------------+-----------+------+",
        "| run_id              | status    | read |",
        "+---------------------+-----------+------+",
        "| ingest-2026-11-25-b | failed    | NULL |",
        "| ingest-2026-11-26-a | succeeded | 10   |",
        "+---------------------+-----------+------+",
        "2 rows", ""), r[1]);
  }

  @Test
  void csvQuotesFieldsWithCommasAndLeavesNullsEmpty() {
    String[] r = run("sql", "SELECT run_id, message, rows_read['orders'] AS read FROM job_runs ORDER BY run_id",
        "--format", "csv");
    assertEquals("0", r[0], r[2]);
    assertEquals(String.join("\n",
        "run_id,message,read",
        "ingest-2026-11-25-b,\"bad ratio, see quarantine\",",
        "ingest-2026-11-26-a,ok,10", ""), r[1]);
  }

  @Test
  void jsonPrintsOneObjectPerRow() {
    String[] r = run("sql", "SELECT run_id, rows_quarantined FROM job_runs WHERE status = 'succeeded'",
        "--format", "json");
    assertEquals("0", r[0], r[2]);
    assertEquals("{\"run_id\":\"ingest-2026-11-26-a\",\"rows_quarantined\":{\"orders/units_not_positive\":1}}\n",
        r[1]);
  }

  @Test
  void theTableFormatSaysWhenMoreRowsExistThanTheLimit() {
    String[] r = run("sql", "SELECT run_id FROM job_runs ORDER BY run_id", "--limit", "1");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].endsWith("1 row shown; more exist (use --limit N, or --format csv for all)\n"), r[1]);
  }

  @Test
  void aQueryOnAMissingTableFailsWithSparksMessageAndExitCodeOne() {
    String[] r = run("sql", "SELECT * FROM no_such_table");
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("no_such_table"), r[2]);
  }

  @Test
  void aBadConfigurationValueStopsTheCommandWithExitCodeTwoBeforeSparkRuns() {
    String[] r = run("sql", "SELECT 1", "--set", "dropcast.h3-resolution=99");
    assertEquals("2", r[0]);
    assertTrue(r[2].startsWith("dropcast sql: Configuration key 'dropcast.h3-resolution' has value '99'"), r[2]);
  }
}

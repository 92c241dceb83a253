package io.dropcast.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.errors.DropcastException;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunLedger#start}: a run of a job on dates overlapping a live 'running' run of the same job refuses to
 * start (and is recorded as failed); a 'running' row whose driver is dead is marked abandoned and does not block.
 * Rows are written with a fixed clock at 02:00 on 2026-11-27.
 */
class RunClaimTest {
  private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-11-26");

  @TempDir
  Path dir;

  private Warehouse warehouse() {
    return new Warehouse(SharedSpark.get(), dir.toString());
  }

  /** Appends a 'running' row as a driver would have left it, started at {@code started}. */
  private static void running(Warehouse w, String runId, LocalDate from, LocalDate to, Instant started, String driver) {
    w.ensureCreated(Tables.JOB_RUNS);
    Row row = RowFactory.create(runId, "ingest", from == null ? null : java.sql.Date.valueOf(from),
        to == null ? null : java.sql.Date.valueOf(to), Timestamp.from(started), null, "running", null, null, null,
        null, driver, "ingest");
    SharedSpark.get().createDataFrame(List.of(row), Tables.JOB_RUNS.schema()).write().format("delta").mode("append")
        .save(w.path(Tables.JOB_RUNS));
  }

  private static List<String> statuses(Warehouse w) {
    return w.read(Tables.JOB_RUNS).orderBy("run_id").selectExpr("concat(run_id, ':', status)").collectAsList()
        .stream().map(r -> r.getString(0)).toList();
  }

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void aLiveRunOfTheSameJobAndDateBlocksTheSecondWhichIsRecordedAsFailed() {
    Warehouse w = warehouse();
    RunLedger ledger = new RunLedger(w, Clock.fixed(NOW, ZoneOffset.UTC));
    running(w, "a", DAY, DAY, NOW.minusSeconds(60), RunLedger.driverId());

    DropcastException e = assertThrows(DropcastException.class,
        () -> ledger.start("b", "ingest", DAY.minusDays(1), DAY, "ingest --from .. --to ..", 720));
    assertEquals("RUN_IN_PROGRESS", e.code());
    assertTrue(e.getMessage().startsWith("dropcast ingest for 2026-11-25 to 2026-11-26 did not start: run a of the"
        + " same job and date(s) is running (started 2026-11-27T01:59:00Z, " + RunLedger.driverId() + ")"),
        e.getMessage());
    assertEquals(List.of("a:running", "b:failed"), statuses(w));
    String message = w.read(Tables.JOB_RUNS).where("run_id = 'b'").select("message").head().getString(0);
    assertTrue(message.startsWith("DropcastException: dropcast ingest for 2026-11-25 to 2026-11-26 did not start"),
        message);
  }

  @Test
  void aRunWhoseDriverOnThisMachineIsGoneIsMarkedAbandonedAndTheNewRunStarts() throws Exception {
    Warehouse w = warehouse();
    RunLedger ledger = new RunLedger(w, Clock.fixed(NOW, ZoneOffset.UTC));
    String host = RunLedger.driverId().replaceFirst(" pid \\d+$", "");
    long pid = deadPid();
    running(w, "a", DAY, DAY, NOW.minusSeconds(60), host + " pid " + pid);

    ledger.start("b", "ingest", DAY, DAY, "ingest --date 2026-11-26", 720);
    assertEquals(List.of("a:abandoned", "b:running"), statuses(w));
    String message = w.read(Tables.JOB_RUNS).where("run_id = 'a'").select("message").head().getString(0);
    assertEquals(host + " pid " + pid + "; abandoned by run b: its " + host + " pid " + pid
        + " is no longer running (the driver died without recording its end)", message);
  }

  @Test
  void aRunOnAnotherMachineIsAbandonedOnlyAfterTheConfiguredTime() {
    Warehouse w = warehouse();
    RunLedger ledger = new RunLedger(w, Clock.fixed(NOW, ZoneOffset.UTC));
    running(w, "a", DAY, DAY, NOW.minusSeconds(11 * 3600), "driver elsewhere pid 1");
    running(w, "c", DAY, DAY, NOW.minusSeconds(13 * 3600), "driver elsewhere pid 2");

    DropcastException e = assertThrows(DropcastException.class,
        () -> ledger.start("b", "ingest", DAY, DAY, "ingest --date 2026-11-26", 720));
    assertTrue(e.getMessage().contains("run a of the same job"), "11 hours old still blocks: " + e.getMessage());
    assertEquals(List.of("a:running", "b:failed", "c:abandoned"), statuses(w), "13 hours old is abandoned");
  }

  @Test
  void runsOfOtherDatesOrOtherJobsDoNotBlock() {
    Warehouse w = warehouse();
    RunLedger ledger = new RunLedger(w, Clock.fixed(NOW, ZoneOffset.UTC));
    running(w, "a", DAY.minusDays(1), DAY.minusDays(1), NOW.minusSeconds(60), RunLedger.driverId());
    ledger.start("b", "ingest", DAY, DAY, "ingest --date 2026-11-26", 720);
    ledger.start("c", "plan", DAY, DAY, "plan --date 2026-11-26", 720);
    assertEquals(List.of("a:running", "b:running", "c:running"), statuses(w));
  }
}

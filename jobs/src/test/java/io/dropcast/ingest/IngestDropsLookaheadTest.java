package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.drop;
import static io.dropcast.ingest.Fixtures.hub;
import static io.dropcast.ingest.Fixtures.order;
import static io.dropcast.ingest.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * dropcast.ingest.drops-lookahead-days (default 1), run once for the class: the drops folder of day 2 has landed
 * (two good drops and one naming an unknown hub) when day 1 is ingested, day 3's drops folder too (beyond the
 * lookahead). Then day 2 is ingested (re-reading day 2's drops, and quarantining one of its orders), then day 1
 * again (which must not remove day 2's order quarantine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestDropsLookaheadTest {
  private static final LocalDate DAY1 = LocalDate.of(2026, 11, 25);
  private static final LocalDate DAY2 = LocalDate.of(2026, 11, 26);
  private static final LocalDate DAY3 = LocalDate.of(2026, 11, 27);

  @TempDir
  static Path tmp;

  private Path landing;
  private String warehouseRoot;
  private Warehouse warehouse;
  private final List<Integer> codes = new ArrayList<>();
  private String day1Out;
  private String day1Err;
  private Map<String, List<String>> afterDay1;
  private Map<String, List<String>> afterDay2;
  private Map<String, List<String>> afterDay1Again;
  private List<String> dropsAfterDay1;
  private List<String> dropsAfterDay2;

  private Path folder(String source, LocalDate date) {
    return landing.resolve(source).resolve("date=" + date);
  }

  @BeforeAll
  void runScenario() {
    landing = tmp.resolve("landing");
    warehouseRoot = tmp.resolve("warehouse").toString();
    warehouse = new Warehouse(SharedSpark.get(), warehouseRoot);

    Fixtures.writeParquet(folder("hubs", DAY1).resolve("part-00000.parquet"), Source.HUBS, List.of(
        hub("H1", 38.7108, -9.1368), hub("H2", 38.7369, -9.1426)));
    Fixtures.writeCsv(folder("drops", DAY1).resolve("part-00000.csv"), Source.DROPS, List.of(drop("D1", 1)));
    Fixtures.writeCsv(folder("orders", DAY1).resolve("part-00000.csv"), Source.ORDERS, List.of(order("O1")));
    // Announced ahead: day 2's drops are in their folder before day 1 is ingested; D3 names a hub nobody knows.
    Fixtures.writeCsv(folder("drops", DAY2).resolve("part-00000.csv"), Source.DROPS, List.of(
        with(drop("D2", 1), "starts_at", "2026-11-26T09:00:00Z", "ends_at", "2026-11-26T18:00:00Z"),
        with(drop("D2", 2), "starts_at", "2026-11-26T12:00:00Z", "ends_at", "2026-11-26T18:00:00Z"),
        with(drop("D3", 1), "starts_at", "2026-11-26T09:00:00Z", "ends_at", "2026-11-26T18:00:00Z",
            "hub_ids", "H9")));
    // Two days ahead: beyond the default lookahead of 1 day for day 1, within it for day 2.
    Fixtures.writeCsv(folder("drops", DAY3).resolve("part-00000.csv"), Source.DROPS, List.of(
        with(drop("D4", 1), "starts_at", "2026-11-27T09:00:00Z", "ends_at", "2026-11-27T18:00:00Z")));
    Fixtures.CliRun day1 = ingest(DAY1);
    codes.add(day1.code());
    day1Out = day1.out();
    day1Err = day1.err();
    afterDay1 = snapshot();
    dropsAfterDay1 = dropsUpTo(DAY2);

    // Day 2: its drops folder is read again; one of its orders has an unknown status.
    Fixtures.writeCsv(folder("orders", DAY2).resolve("part-00000.csv"), Source.ORDERS, List.of(
        with(order("O2"), "drop_id", "D2", "created_at", "2026-11-26T10:00:00Z"),
        with(order("O3"), "drop_id", "D2", "created_at", "2026-11-26T10:30:00Z", "status", "lost"),
        with(order("O4"), "drop_id", "D2", "created_at", "2026-11-26T11:00:00Z"),
        with(order("O5"), "drop_id", "D2", "created_at", "2026-11-26T11:30:00Z")));
    codes.add(ingest(DAY2).code());
    afterDay2 = snapshot();
    dropsAfterDay2 = dropsUpTo(DAY2);

    codes.add(ingest(DAY1).code());
    afterDay1Again = snapshot();
  }

  private Fixtures.CliRun ingest(LocalDate date) {
    return Fixtures.cli("ingest", "--date", date.toString(), "--set", "dropcast.warehouse=" + warehouseRoot,
        "--set", "dropcast.landing=" + landing, "--set", "dropcast.ingest.max-bad-ratio=0.5");
  }

  /** Full content of the tables ingest writes, sorted, without quarantine.run_id. */
  private Map<String, List<String>> snapshot() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Table t : IngestJob.OUTPUTS) {
      Dataset<Row> df = warehouse.read(t);
      if (t == Tables.QUARANTINE) {
        df = df.drop("run_id");
      }
      out.put(t.name(), sorted(df));
    }
    return out;
  }

  private static List<String> sorted(Dataset<Row> df) {
    Column[] all = Arrays.stream(df.columns()).map(c -> functions.col(c).cast("string")).toArray(Column[]::new);
    return df.orderBy(all).collectAsList().stream().map(Row::toString).toList();
  }

  private List<String> dropsUpTo(LocalDate date) {
    return sorted(warehouse.read(Tables.DROPS).where("drop_date <= DATE'" + date + "'"));
  }

  private List<Row> quarantine(String where) {
    return warehouse.read(Tables.QUARANTINE).where(where).orderBy("source_file", "row_number").collectAsList();
  }

  @Test
  void everyRunSucceeds() {
    assertEquals(List.of(0, 0, 0), codes, "exit codes of ingest day 1, day 2, day 1 again; day 1 stderr: " + day1Err);
  }

  @Test
  void aDropAnnouncedForTheNextDayIsInTheDropsTableAfterIngestOfTheDayBefore() {
    List<String> ids = afterDay1.get("drops").stream().toList();
    Dataset<Row> drops = warehouse.read(Tables.DROPS);
    assertEquals(3, dropsAfterDay1.size(), "D1 batch 1 and D2 batches 1 and 2 after ingest day 1: " + ids);
    assertTrue(dropsAfterDay1.stream().anyMatch(r -> r.startsWith("[D2,1,2026-11-26,")), "D2 batch 1 on day 2: " + ids);
    assertTrue(dropsAfterDay1.stream().noneMatch(r -> r.startsWith("[D4,")), "D4 is two days ahead: " + ids);
    assertEquals(1L, drops.where("drop_id = 'D4' AND drop_date = DATE'2026-11-27'").count(),
        "D4 is read by the lookahead of day 2");
    assertTrue(day1Out.startsWith("Ingested 2026-11-25 and the drops of 2026-11-26 (ahead): read 7 records"
        + " (hubs 2, drops 4, orders 1), accepted 6, quarantined 1 (drops/unknown_hub 1)."), day1Out);
  }

  @Test
  void aBadDropAheadIsQuarantinedWithItsOwnFolderDateAsRunDate() {
    List<Row> bad = quarantine("source = 'drops'");
    assertEquals(1, bad.size(), "one quarantined drop");
    Row r = bad.get(0);
    assertEquals("2026-11-26", r.getAs("run_date").toString(), "run_date of the drop's folder");
    assertEquals("unknown_hub", r.getAs("rule"), "rule");
    assertTrue(r.getAs("source_file").toString().endsWith("drops/date=2026-11-26/part-00000.csv"), "file");
    assertEquals(3L, (long) r.<Long>getAs("row_number"), "D3 is the third record");
  }

  @Test
  void ingestOfTheNextDayReReadingTheSameDropsFolderGivesIdenticalDrops() {
    assertEquals(dropsAfterDay1, dropsAfterDay2, "drops up to day 2 after ingest day 1 vs after ingest day 2");
    List<String> dropQuarantineDay1 = afterDay1.get("quarantine");
    List<String> dropQuarantineDay2 = afterDay2.get("quarantine").stream().filter(r -> r.contains(",drops,")).toList();
    assertEquals(dropQuarantineDay1, dropQuarantineDay2, "the quarantined drop is the same record");
  }

  @Test
  void reIngestingTheDayBeforeKeepsTheOrdersQuarantineOfTheDayAheadAndChangesNoTable() {
    assertEquals(1, quarantine("source = 'orders' AND run_date = DATE'2026-11-26'").size(),
        "O3 (status lost) stays quarantined on day 2");
    assertEquals(afterDay2, afterDay1Again, "every table after ingest day 2 vs after ingest day 1 again");
  }

  @Test
  void theLedgerCountsTheDropsAheadUnderTheRunsOwnDates() {
    Row run = warehouse.read(Tables.JOB_RUNS).where("status = 'succeeded' AND date_from = DATE'2026-11-25'")
        .orderBy("started_at").head();
    assertEquals("2026-11-25", run.getAs("date_to").toString(), "date_to is the run's last date");
    Map<String, Long> read = run.getJavaMap(run.fieldIndex("rows_read"));
    Map<String, Long> quarantined = run.getJavaMap(run.fieldIndex("rows_quarantined"));
    assertEquals(Map.of("hubs", 2L, "drops", 4L, "orders", 1L), read, "rows read, drops ahead included");
    assertEquals(Map.of("drops/unknown_hub", 1L), quarantined, "rows quarantined");
  }
}

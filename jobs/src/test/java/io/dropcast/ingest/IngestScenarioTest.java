package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.drop;
import static io.dropcast.ingest.Fixtures.hub;
import static io.dropcast.ingest.Fixtures.order;
import static io.dropcast.ingest.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.cli.Dropcast;
import io.dropcast.cli.JobContext;
import io.dropcast.config.ConfigLoader;
import io.dropcast.config.DropcastConfig;
import io.dropcast.errors.DropcastException;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end ingest of a small hand-made world through the CLI, run once for the class (ingest is a sequence
 * of Delta commits; the scenario keeps their number low): day 1 clean, day 2 with a duplicate across two files,
 * a late pickup event, a late order and a corrupt file, day 2 again (must change nothing), days 2 and 3 as one
 * batch where day 3 is too dirty (the whole batch must fail, naming day 3 only, and change nothing), a write
 * failing midway (must restore), and a late file for day 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestScenarioTest {
  private static final LocalDate DAY1 = LocalDate.of(2026, 11, 25);
  private static final LocalDate DAY2 = LocalDate.of(2026, 11, 26);
  private static final LocalDate DAY3 = LocalDate.of(2026, 11, 27);
  private static final List<Table> DATA_TABLES = IngestJob.OUTPUTS;

  @TempDir
  static Path tmp;

  private Path landing;
  private String warehouseRoot;
  private Warehouse warehouse;

  private int day1Code;
  private int day2Code;
  private int rerunCode;
  private String day2Out;
  private Map<String, List<String>> afterDay2;
  private Map<String, List<String>> afterRerun;
  private Map<String, OptionalLong> versionsBeforeBadDay;
  private Map<String, OptionalLong> versionsAfterBadDay;
  private Map<String, List<String>> afterBadDay;
  private int badDayCode;
  private String badDayErr;
  private DropcastException midwayFailure;
  private Map<String, OptionalLong> versionsAfterMidwayFailure;
  private Map<String, List<String>> afterMidwayFailure;
  private int lateFileCode;

  private Path folder(String source, LocalDate date) {
    return landing.resolve(source).resolve("date=" + date);
  }

  @BeforeAll
  void runScenario() {
    SharedSpark.get();
    landing = tmp.resolve("landing");
    warehouseRoot = tmp.resolve("warehouse").toString();
    warehouse = new Warehouse(SharedSpark.get(), warehouseRoot);

    // Day 1: three hubs (H3 far out west), two drops in CSV, orders in Parquet and JSON lines; O6 has 0 units.
    Fixtures.writeParquet(folder("hubs", DAY1).resolve("part-00000.parquet"), Source.HUBS, List.of(
        hub("H1", 38.7108, -9.1368), hub("H2", 38.7369, -9.1426), hub("H3", 38.80, -9.38)));
    Fixtures.writeCsv(folder("drops", DAY1).resolve("part-00000.csv"), Source.DROPS, List.of(
        drop("D1", 1), with(drop("D1", 2), "starts_at", "2026-11-25T12:00:00Z"),
        with(drop("D2", 1), "hub_ids", "H2", "channels", null, "title", "Croissants, \"buttery\"")));
    Fixtures.writeParquet(folder("orders", DAY1).resolve("part-00000.parquet"), Source.ORDERS, List.of(
        order("O1"),
        with(order("O2"), "hub_id", "H2", "status", "picked_up", "picked_up_at", "2026-11-25T15:00:00Z",
            "updated_at", "2026-11-25T15:00:00Z"),
        with(order("O3"), "drop_id", "D2", "hub_id", "H2"),
        // Far from every hub: its neighbourhood keeps only its nearest hub, flagged beyond reach.
        with(order("O4"), "drop_id", null, "hub_id", null, "fulfilment_mode", "ship", "latitude", "38.95",
            "longitude", "-9.60")));
    Fixtures.writeJsonl(folder("orders", DAY1).resolve("part-00001.jsonl"), Source.ORDERS, List.of(
        with(order("O5"), "drop_id", null, "sku_id", null, "fulfilment_mode", "courier", "hub_id", null),
        with(order("O6"), "units", "0")));
    day1Code = ingest(DAY1, new StringWriter(), new StringWriter());

    // Day 2: O8 in two files with the same version (duplicate); O1 picked up (late pickup event of a day-1
    // order); O9 created on 2026-11-24 (late data); O10 at an unknown hub; and a corrupt Parquet file.
    Fixtures.writeCsv(folder("orders", DAY2).resolve("part-00000.csv"), Source.ORDERS, List.of(
        with(order("O7"), "created_at", "2026-11-26T08:00:00Z"),
        with(order("O8"), "created_at", "2026-11-26T09:00:00Z"),
        with(order("O1"), "status", "picked_up", "picked_up_at", "2026-11-26T09:30:00Z",
            "updated_at", "2026-11-26T09:30:00Z"),
        with(order("O9"), "created_at", "2026-11-24T20:00:00Z")));
    Fixtures.writeJsonl(folder("orders", DAY2).resolve("part-00001.jsonl"), Source.ORDERS, List.of(
        with(order("O8"), "created_at", "2026-11-26T09:00:00Z"),
        with(order("O10"), "created_at", "2026-11-26T11:00:00Z", "hub_id", "H9")));
    Fixtures.write(folder("orders", DAY2).resolve("part-00002.parquet"), "PAR1 this is not a parquet file");
    StringWriter out = new StringWriter();
    day2Code = ingest(DAY2, out, new StringWriter());
    day2Out = out.toString();
    afterDay2 = snapshot();

    rerunCode = ingest(DAY2, new StringWriter(), new StringWriter());
    afterRerun = snapshot();

    // Day 3: three of four orders have an unknown status: 75% bad, above the 50% allowed in this scenario.
    Fixtures.writeCsv(folder("orders", DAY3).resolve("part-00000.csv"), Source.ORDERS, List.of(
        with(order("O11"), "created_at", "2026-11-27T08:00:00Z"),
        with(order("O12"), "created_at", "2026-11-27T08:00:00Z", "status", "lost"),
        with(order("O13"), "created_at", "2026-11-27T08:00:00Z", "status", "lost"),
        with(order("O14"), "created_at", "2026-11-27T08:00:00Z", "status", "lost")));
    versionsBeforeBadDay = versions();
    StringWriter err = new StringWriter();
    badDayCode = ingest(List.of("--from", DAY2.toString(), "--to", DAY3.toString()), new StringWriter(), err);
    badDayErr = err.toString();
    versionsAfterBadDay = versions();
    afterBadDay = snapshot();

    // Day 2 again, with the orders MERGE failing after hubs/drops were written: every table must be restored.
    IngestJob job = new IngestJob(context(), "test-salt").beforeWrite(table -> {
      if (table.equals("orders")) {
        throw new IllegalStateException("simulated storage failure");
      }
    });
    Fixtures.writeParquet(folder("hubs", DAY2).resolve("part-00000.parquet"), Source.HUBS, List.of(
        with(hub("H1", 38.7108, -9.1368), "updated_at", "2026-11-26T06:00:00Z", "capacity_units", "500")));
    midwayFailure = assertThrows(DropcastException.class, () -> job.run(DAY2), "the simulated failure");
    versionsAfterMidwayFailure = versions();
    afterMidwayFailure = snapshot();
    deleteRecursively(folder("hubs", DAY2));

    // A late file for day 1: O15 arrives after day 2 was ingested.
    Fixtures.writeCsv(folder("orders", DAY1).resolve("part-00002.csv"), Source.ORDERS, List.of(order("O15")));
    lateFileCode = ingest(DAY1, new StringWriter(), new StringWriter());
  }

  private int ingest(LocalDate date, StringWriter out, StringWriter err) {
    return ingest(List.of("--date", date.toString()), out, err);
  }

  private int ingest(List<String> dates, StringWriter out, StringWriter err) {
    var cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new java.util.ArrayList<>(List.of("ingest"));
    args.addAll(dates);
    args.addAll(List.of("--set", "dropcast.warehouse=" + warehouseRoot, "--set", "dropcast.landing=" + landing,
        "--set", "dropcast.ingest.max-bad-ratio=0.5"));
    return cli.execute(args.toArray(String[]::new));
  }

  private JobContext context() {
    DropcastConfig config = ConfigLoader.load(Optional.empty(), Optional.empty(), Map.of(
        "dropcast.warehouse", warehouseRoot, "dropcast.landing", landing.toString(),
        "dropcast.ingest.max-bad-ratio", "0.5"));
    return new JobContext("ingest", "ingest-test-midway", config, SharedSpark.get(), warehouse, Clock.systemUTC());
  }

  /** Full content of every table ingest writes, sorted, without run bookkeeping (quarantine.run_id). */
  private Map<String, List<String>> snapshot() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Table t : DATA_TABLES) {
      if (!warehouse.exists(t)) {
        continue;
      }
      Dataset<Row> df = warehouse.read(t);
      if (t == Tables.QUARANTINE) {
        df = df.drop("run_id");
      }
      Column[] all = Arrays.stream(df.columns()).map(c -> functions.col(c).cast("string")).toArray(Column[]::new);
      out.put(t.name(), df.orderBy(all).collectAsList().stream().map(Row::toString).toList());
    }
    return out;
  }

  private Map<String, OptionalLong> versions() {
    Map<String, OptionalLong> out = new LinkedHashMap<>();
    for (Table t : DATA_TABLES) {
      out.put(t.name(), warehouse.version(t));
    }
    return out;
  }

  private List<Row> orders(String where) {
    return warehouse.read(Tables.ORDERS).where(where).orderBy("order_id").collectAsList();
  }

  private List<Row> quarantine(String where) {
    return warehouse.read(Tables.QUARANTINE).where(where).orderBy("source_file", "row_number").collectAsList();
  }

  private static void deleteRecursively(Path p) {
    try (var s = java.nio.file.Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- tests --------------------------------------------------------------------------------------

  @Test
  void cleanDaysSucceed() {
    assertEquals(0, day1Code, "day 1 exit code");
    assertEquals(0, day2Code, "day 2 exit code");
    assertEquals(0, rerunCode, "day 2 rerun exit code");
    assertEquals(0, lateFileCode, "day 1 rerun with a late file exit code");
  }

  @Test
  void aCorruptFileIsOneFileLevelQuarantineRecordAndTheOtherFilesLoad() {
    List<Row> files = quarantine("rule = 'file_unreadable'");
    assertEquals(1, files.size(), "one file-level record");
    Row r = files.get(0);
    assertTrue(r.getAs("source_file").toString().endsWith("orders/date=2026-11-26/part-00002.parquet"),
        "the corrupt file is named: " + r.getAs("source_file"));
    assertEquals((Object) null, r.getAs("row_number"), "no row number for a file-level record");
    assertTrue(r.getAs("reason").toString().startsWith("cannot read it as PARQUET: "), "reason: " + r.getAs("reason"));
    assertEquals(List.of("O1", "O7", "O8", "O9"),
        orders("order_id IN ('O1', 'O7', 'O8', 'O9', 'O10')").stream().map(o -> o.<String>getAs("order_id")).toList(),
        "the other day-2 files loaded (O10 is quarantined as unknown_hub)");
  }

  @Test
  void anOrderIdTwiceAcrossTwoFilesIsQuarantinedOnceAsDuplicate() {
    List<Row> dups = quarantine("rule = 'duplicate_order_id'");
    assertEquals(1, dups.size(), "one duplicate");
    assertTrue(dups.get(0).getAs("source_file").toString().endsWith("part-00001.jsonl"), "the second file's copy");
    assertEquals(1L, (long) dups.get(0).<Long>getAs("row_number"), "first record of the JSON file");
    assertTrue(dups.get(0).getAs("reason").toString().startsWith(
        "order_id O8 with updated_at 2026-11-26T09:00:00Z appears again; first seen in "), "reason");
    assertEquals(1, orders("order_id = 'O8'").size(), "O8 stored once");
  }

  @Test
  void aLatePickupEventUpdatesTheOrderInItsOwnDate() {
    List<Row> o1 = orders("order_id = 'O1'");
    assertEquals(1, o1.size(), "one row for O1");
    assertEquals("picked_up", o1.get(0).getAs("status"), "status updated by the day-2 event");
    assertEquals("2026-11-25", o1.get(0).getAs("order_date").toString(), "stays in its creation date");
    assertEquals(java.sql.Timestamp.from(java.time.Instant.parse("2026-11-26T09:30:00Z")),
        o1.get(0).getAs("picked_up_at"), "picked_up_at");
    assertEquals("2026-11-24", orders("order_id = 'O9'").get(0).getAs("order_date").toString(),
        "a late order lands in its own date");
  }

  @Test
  void aLateFileForAnOldDateLandsWithoutUndoingLaterUpdates() {
    assertEquals(1, orders("order_id = 'O15' AND order_date = DATE'2026-11-25'").size(), "O15 landed on day 1");
    assertEquals("picked_up", orders("order_id = 'O1'").get(0).getAs("status"),
        "rerunning day 1 does not bring back O1's older version");
  }

  @Test
  void rerunningADateLeavesEveryTableIdentical() {
    assertEquals(afterDay2.keySet(), afterRerun.keySet(), "same tables");
    for (String table : afterDay2.keySet()) {
      assertEquals(afterDay2.get(table), afterRerun.get(table), "content of " + table + " after the rerun");
    }
    assertFalse(afterDay2.get("orders").isEmpty(), "orders not empty");
  }

  @Test
  void aBatchWithOneTooDirtyDateFailsWholeNamingThatDateItsWorstRuleAndFileAndChangesNoTable() {
    assertEquals(Dropcast.EXIT_FAILURE, badDayCode, "exit code; stderr: " + badDayErr);
    assertTrue(badDayErr.contains("Ingest of 2026-11-26 to 2026-11-27 rejected: 1 of its 2 run dates (2026-11-27)"
        + " have a share of records breaking a rule above dropcast.ingest.max-bad-ratio = 0.5"), "what: " + badDayErr);
    assertTrue(badDayErr.contains("2026-11-27: 3 of 4 records (75.0%) broke a rule"), "the date's figures: " + badDayErr);
    assertFalse(badDayErr.contains("2026-11-26: "), "the clean date is not rejected: " + badDayErr);
    assertTrue(badDayErr.contains("narrower ranges"), "how to proceed: " + badDayErr);
    assertTrue(badDayErr.toLowerCase(java.util.Locale.ROOT).contains("worst rules: orders/status_unknown (3)"),
        "worst rule: " + badDayErr);
    assertTrue(badDayErr.contains("orders/date=2026-11-27/part-00000.csv (3)"), "worst file: " + badDayErr);
    assertEquals(versionsBeforeBadDay, versionsAfterBadDay, "Delta versions of every table");
    assertEquals(afterRerun, afterBadDay, "content of every table");
  }

  @Test
  void aWriteFailingMidwayRestoresTheTablesAlreadyChanged() {
    assertEquals("INGEST_WRITE_FAILED", midwayFailure.code(), "error code");
    assertTrue(midwayFailure.getMessage().contains("failed while writing table 'orders'"), midwayFailure.getMessage());
    assertTrue(midwayFailure.getMessage().contains("Restored hubs to version "), midwayFailure.getMessage());
    assertEquals(afterRerun, afterMidwayFailure, "content of every table after the restore");
    assertTrue(versionsAfterMidwayFailure.get("hubs").getAsLong() > versionsBeforeBadDay.get("hubs").getAsLong(),
        "the restore is itself a new Delta version of hubs");
  }

  @Test
  void countsReconcileInTheLedgerForEverySource() {
    Dataset<Row> runs = warehouse.read(Tables.JOB_RUNS).where("status = 'succeeded' AND date_from = DATE'2026-11-26'");
    Row run = runs.orderBy("started_at").head();
    Map<String, Long> read = run.getJavaMap(run.fieldIndex("rows_read"));
    Map<String, Long> accepted = run.getJavaMap(run.fieldIndex("rows_accepted"));
    Map<String, Long> quarantined = run.getJavaMap(run.fieldIndex("rows_quarantined"));
    assertEquals(Map.of("hubs", 0L, "drops", 0L, "orders", 7L), read, "read per source (a corrupt file counts 1)");
    assertEquals(Map.of("hubs", 0L, "drops", 0L, "orders", 4L), accepted, "accepted per source");
    assertEquals(Map.of("orders/duplicate_order_id", 1L, "orders/unknown_hub", 1L, "orders/file_unreadable", 1L),
        quarantined, "quarantined per source/rule");
    for (String source : read.keySet()) {
      long q = quarantined.entrySet().stream().filter(e -> e.getKey().startsWith(source + "/"))
          .mapToLong(Map.Entry::getValue).sum();
      assertEquals((long) read.get(source), accepted.get(source) + q, "read = accepted + quarantined for " + source);
    }
    assertTrue(day2Out.startsWith("Ingested 2026-11-26: read 7 records (hubs 0, drops 0, orders 7), accepted 4,"
        + " quarantined 3 (orders/duplicate_order_id 1, orders/file_unreadable 1, orders/unknown_hub 1)."), day2Out);
  }

  @Test
  void ordersHoldNoRawCustomerIdAndNoCoordinates() {
    Dataset<Row> orders = warehouse.read(Tables.ORDERS);
    assertFalse(Arrays.asList(orders.columns()).contains("latitude"), "no latitude column");
    assertFalse(Arrays.asList(orders.columns()).contains("longitude"), "no longitude column");
    assertFalse(Arrays.asList(orders.columns()).contains("customer_id"), "no customer_id column");
    assertEquals(0L, orders.where("customer_hash LIKE 'customer-%' OR length(customer_hash) <> 64").count(),
        "every customer_hash is a 64-hex-digit hash");
    // The hash is staged as bytes and written as hex: it must come out exactly as sha2 gives it (lower-case hex).
    String salt = io.dropcast.config.Secrets.customerSalt(ConfigLoader.load(Optional.empty(), Optional.empty(),
        Map.of("dropcast.warehouse", warehouseRoot)), System.getenv());
    Row o1 = orders.where("order_id = 'O1'").select(functions.col("customer_hash"),
        functions.sha2(functions.lit(salt + "customer-O1"), 256)).head();
    assertEquals(o1.getString(1), o1.getString(0), "O1's customer_hash is the hex SHA-256 of salt + customer id");
    assertEquals(0L, warehouse.read(Tables.QUARANTINE).where("raw_record LIKE '%customer-O%'").count(),
        "the quarantine's raw records carry the hash, not the customer id");
    assertEquals(0L, orders.where("neighbourhood IS NULL").count(), "every order has a neighbourhood");
  }

  @Test
  void everyNeighbourhoodHasItsNearestHubAndWeightsSumToOne() {
    Dataset<Row> c = warehouse.read(Tables.CATCHMENTS);
    long neighbourhoods = warehouse.read(Tables.ORDERS).select("neighbourhood").distinct().count();
    assertEquals(neighbourhoods, c.where("nearest").count(), "one nearest hub per neighbourhood");
    assertEquals(0L, c.groupBy("neighbourhood").agg(functions.sum("weight").as("w"))
        .where("abs(w - 1.0) > 1e-9").count(), "weights sum to 1");
    assertEquals(1L, c.where("NOT within_reach").count(), "only O4's neighbourhood is beyond reach");
  }
}

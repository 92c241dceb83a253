package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.hub;
import static io.dropcast.ingest.Fixtures.order;
import static io.dropcast.ingest.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.forecast.DemandHistory;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run dates are the city's local dates (dropcast.time-zone = Europe/Lisbon), whatever the session's zone was, and
 * the two daylight-saving changes of 2026 (clocks forward at 01:00 UTC on 29 March, back at 01:00 UTC on 25
 * October) neither count a day twice nor lose one: orders near midnight UTC and around the change land on their
 * local date, exactly, in orders and in the daily demand history. Two batch ingests for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeZoneDstTest {
  @TempDir
  static Path tmp;

  private Warehouse warehouse;
  private List<Fixtures.CliRun> runs;

  /** A valid courier order (no drop, no hub) created at the instant {@code utc}. */
  private static Map<String, String> at(String id, String utc) {
    return with(order(id), "drop_id", null, "hub_id", null, "fulfilment_mode", "courier", "created_at", utc);
  }

  @BeforeAll
  void ingestAcrossBothChanges() {
    Path landing = tmp.resolve("landing");
    warehouse = new Warehouse(SharedSpark.get(), tmp.resolve("warehouse").toString());
    Fixtures.writeParquet(landing.resolve("hubs/date=2026-03-28/part-00000.parquet"), Source.HUBS,
        List.of(with(hub("H1", 38.7108, -9.1368), "updated_at", "2026-03-28T06:00:00Z")));
    Path orders = landing.resolve("orders");
    // Spring forward: local 03-28 is UTC+0 all day; on 03-29 01:00 UTC becomes 02:00 local (UTC+1).
    Fixtures.writeCsv(orders.resolve("date=2026-03-28/part-00000.csv"), Source.ORDERS, List.of(
        at("M1", "2026-03-28T00:30:00Z"), at("M2", "2026-03-28T23:30:00Z")));
    Fixtures.writeCsv(orders.resolve("date=2026-03-29/part-00000.csv"), Source.ORDERS, List.of(
        at("M3", "2026-03-29T00:30:00Z"), at("M4", "2026-03-29T01:30:00Z"), at("M5", "2026-03-29T22:30:00Z"),
        // 00:15 local on 03-30: after the end of run date 2026-03-29 in Lisbon, though still the 29th in UTC.
        at("M6", "2026-03-29T23:15:00Z")));
    Fixtures.writeCsv(orders.resolve("date=2026-03-30/part-00000.csv"), Source.ORDERS, List.of(
        at("M7", "2026-03-29T23:30:00Z")));
    // Fall back: on 10-25 local 02:00 (UTC+1) becomes 01:00 (UTC+0), so local 01:30 happens twice.
    Fixtures.writeCsv(orders.resolve("date=2026-10-24/part-00000.csv"), Source.ORDERS, List.of(
        at("N1", "2026-10-24T22:30:00Z")));
    Fixtures.writeCsv(orders.resolve("date=2026-10-25/part-00000.csv"), Source.ORDERS, List.of(
        at("N2", "2026-10-24T23:30:00Z"), at("N3", "2026-10-25T00:30:00Z"), at("N4", "2026-10-25T01:30:00Z"),
        at("N5", "2026-10-25T23:30:00Z")));
    Fixtures.writeCsv(orders.resolve("date=2026-10-26/part-00000.csv"), Source.ORDERS, List.of(
        at("N6", "2026-10-26T00:30:00Z")));
    List<String> common = List.of("--set", "dropcast.warehouse=" + warehouse.root(), "--set",
        "dropcast.landing=" + landing, "--set", "dropcast.ingest.max-bad-ratio=0.5");
    // The session starts in UTC, as if spark-submit had set spark.sql.session.timeZone=UTC: ingest must still
    // date records in the city's zone.
    runs = SharedSpark.withSqlConf("spark.sql.session.timeZone", "UTC", () -> List.of(
        Fixtures.cli(args("--from", "2026-03-28", "--to", "2026-03-30", common)),
        Fixtures.cli(args("--from", "2026-10-24", "--to", "2026-10-26", common))));
  }

  private static String[] args(String a, String b, String c, String d, List<String> common) {
    List<String> all = new java.util.ArrayList<>(List.of("ingest", a, b, c, d));
    all.addAll(common);
    return all.toArray(String[]::new);
  }

  @Test
  void ordersLandOnTheirLocalDateAcrossBothChanges() {
    assertEquals(List.of(0, 0), runs.stream().map(Fixtures.CliRun::code).toList(),
        "exit codes; stderr: " + runs.stream().map(Fixtures.CliRun::err).toList());
    Map<String, List<String>> byDate = new TreeMap<>();
    for (Row r : warehouse.read(Tables.ORDERS).select("order_date", "order_id").orderBy("order_id").collectAsList()) {
      byDate.computeIfAbsent(r.getDate(0).toString(), d -> new java.util.ArrayList<>()).add(r.getString(1));
    }
    assertEquals(Map.of(
        "2026-03-28", List.of("M1", "M2"),
        "2026-03-29", List.of("M3", "M4", "M5"),
        "2026-03-30", List.of("M7"),
        "2026-10-24", List.of("N1"),
        "2026-10-25", List.of("N2", "N3", "N4", "N5"),
        "2026-10-26", List.of("N6")), byDate, "orders per local order_date");
  }

  @Test
  void anOrderAfterLocalMidnightIsOutsideTheRunDateEvenIfItIsStillThatDateInUtc() {
    List<String> q = warehouse.read(Tables.QUARANTINE).selectExpr("concat(run_date, ' ', rule, ' | ', reason)")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("2026-03-29 timestamp_out_of_window | created_at 2026-03-30T00:15:00+01:00 is after the end of"
        + " run date 2026-03-29 (Europe/Lisbon)"), q);
  }

  @Test
  void theDailyDemandHistoryHasEachLocalDateOnceWithItsExactUnits() {
    LocalDate last = LocalDate.parse("2026-10-26");
    List<Row> daily = DemandHistory.daily(warehouse.read(Tables.ORDERS), warehouse.read(Tables.DROPS),
        new DemandHistory.Params(last, 2.0, 1)).orderBy(DemandHistory.DATE).collectAsList();
    long days = ChronoUnit.DAYS.between(LocalDate.parse("2026-03-28"), last) + 1;
    assertEquals(days, daily.size(), "one row per local date from the first order to the run date, none twice");
    assertEquals(days, daily.stream().map(r -> r.getAs(DemandHistory.DATE).toString()).distinct().count());
    Map<String, Double> units = new TreeMap<>();
    daily.stream().filter(r -> r.<Double>getAs(DemandHistory.UNITS) > 0)
        .forEach(r -> units.put(r.getAs(DemandHistory.DATE).toString(), r.getAs(DemandHistory.UNITS)));
    assertEquals(Map.of("2026-03-28", 4.0, "2026-03-29", 6.0, "2026-03-30", 2.0, "2026-10-24", 2.0,
        "2026-10-25", 8.0, "2026-10-26", 2.0), units, "units (2 an order) per local date");
  }
}

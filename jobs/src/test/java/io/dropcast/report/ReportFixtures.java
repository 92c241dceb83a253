package io.dropcast.report;

import io.dropcast.ingest.H3Cells;
import io.dropcast.ledger.RunLedger;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A tiny warehouse for the report, every table exactly per its schema (Tables, or the contract for the
 * forecast and plan tables): run date 2026-11-26, drops on 2026-11-27, two hubs, two neighbourhoods.
 *
 * <p>Built so that every warning fires once: hub-a gets 12 units for a capacity of 10 (capacity breach) and
 * 7.6 expected pickups at 11:00 for a pick-pack rate of 4 an hour (overload); one of its two forecast series
 * is cold-start (low confidence); ingest of the run date quarantined 12 records against a median of 1.
 * Drop d1's title holds a script tag, hub-a's name a bold tag: the page must show both as text.
 */
final class ReportFixtures {
  private ReportFixtures() {}

  static final LocalDate D = LocalDate.parse("2026-11-26");
  static final String EVIL_TITLE = "<script>alert('x')</script> Croissants & co";
  static final String EVIL_HUB = "Baixa <b>hub</b>";
  /** Two H3 cells of Lisbon at resolution 8: CELL_A is nearest to hub-a, CELL_B to hub-b. */
  static final String CELL_A = H3Cells.h3().latLngToCellAddress(38.7110, -9.1370, 8);
  static final String CELL_B = H3Cells.h3().latLngToCellAddress(38.7360, -9.1420, 8);

  static Date date(LocalDate d) {
    return Date.valueOf(d);
  }

  static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  static void write(Warehouse w, Table table, List<Row> rows) {
    var spark = SharedSpark.get();
    w.ensureCreated(table);
    spark.createDataFrame(rows, table.schema()).write().format("delta").mode("append").save(w.path(table));
  }

  static Row hub(String id, String name, double lat, double lng, int capacity, int pickPack) {
    return RowFactory.create(id, name, lat, lng, H3Cells.h3().latLngToCellAddress(lat, lng, 8), capacity, pickPack,
        2.0, "08:00", "20:00", null, ts("2026-11-01T06:00:00Z"), "hubs.parquet");
  }

  static Row dropBatch(String id, int batch, String title, String start, String end, int units) {
    return RowFactory.create(id, batch, date(D.plusDays(1)), "m1", "sku-" + id, "bakery", title,
        scala.jdk.javaapi.CollectionConverters.asScala(List.of("hub-a", "hub-b")).toSeq(), ts(start), ts(end), units,
        new BigDecimal("9.90"), new BigDecimal("14.00"), scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toSeq(),
        "drops.parquet");
  }

  /** A plan row of plan_date D for drop_date D+1. */
  static Row plan(String drop, String hub, int units, double demand, double p10, double p90, double fill,
      double leftover, double sla, String reason) {
    return RowFactory.create(date(D), date(D.plusDays(1)), drop, "sku-" + drop, "bakery", hub, units, demand, p10,
        p90, fill, leftover, sla, reason, "model-1", "plan-2026-11-26-x");
  }

  static Row forecast(LocalDate run, LocalDate target, String cell, String hub, double mean, double p10, double p90,
      boolean cold) {
    return RowFactory.create(date(run), date(target), (int) (target.toEpochDay() - run.toEpochDay()), cell, "bakery",
        hub, mean, p10, (p10 + p90) / 2, p90,
        scala.jdk.javaapi.CollectionConverters.asScala(Map.of("0.10", p10, "0.50", (p10 + p90) / 2, "0.90", p90)),
        cold, "model-1");
  }

  static Row order(String id, LocalDate day, String cell, int units, String status) {
    Timestamp created = ts(day + "T12:00:00Z");
    return RowFactory.create(id, date(day), "d0", "sku-d0", "bakery", "hash-" + id, cell, created, units, "pickup",
        "hub-a", null, status, null, created, "orders.parquet");
  }

  static Row quarantined(LocalDate runDate, long rowNumber, String rule) {
    return RowFactory.create(date(runDate), "orders", "orders-" + runDate + ".parquet", rowNumber, rule,
        scala.jdk.javaapi.CollectionConverters.asScala(List.of(rule)).toSeq(), "bad " + rule, "{}", "ingest-run");
  }

  /** Writes the whole fixture warehouse under {@code root}. */
  static Warehouse build(String root) {
    Warehouse w = new Warehouse(SharedSpark.get(), root);
    write(w, Tables.HUBS, List.of(
        hub("hub-a", EVIL_HUB, 38.7115, -9.1365, 10, 4),
        hub("hub-b", "Avenida", 38.7355, -9.1425, 100, 50)));
    write(w, Tables.DROPS, List.of(
        dropBatch("d1", 1, EVIL_TITLE, "2026-11-27T10:00:00Z", "2026-11-27T11:00:00Z", 10),
        dropBatch("d1", 2, "second batch title", "2026-11-27T11:00:00Z", "2026-11-27T12:00:00Z", 5),
        dropBatch("d2", 1, "Pastéis de nata", "2026-11-27T11:00:00Z", "2026-11-27T12:00:00Z", 9)));
    write(w, ReportInputs.plan(), List.of(
        // d1 at hub-a: 9 x 0.8 = 7.2 expected sales over 10:00-12:00, 3.6 an hour.
        plan("d1", "hub-a", 8, 9.0, 5.0, 12.0, 0.8, 1.0, 0.95, "stock_bound"),
        plan("d1", "hub-b", 0, 0.5, 0.0, 1.0, 0.0, 0.0, 1.0, "demand_bound"),
        // d2 at hub-a: 5 x 0.8 = 4 expected sales in the 11:00 hour: 7.6 then, above 4 an hour.
        plan("d2", "hub-a", 4, 5.0, 2.0, 8.0, 0.8, 0.5, 0.9, "capacity_bound"),
        plan("d2", "hub-b", 5, 4.0, 2.0, 6.0, 1.0, 1.0, 1.0, "demand_bound"),
        // An older plan, so that "the latest plan" of a later date is this file's D.
        RowFactory.create(date(D.minusDays(1)), date(D), "d0", "sku-d0", "bakery", "hub-a", 3, 3.0, 1.0, 5.0, 1.0,
            0.0, 1.0, "demand_bound", "model-1", "plan-2026-11-25-x")));
    write(w, ReportInputs.demandForecast(), List.of(
        forecast(D, D.plusDays(1), CELL_A, "hub-a", 10.0, 6.0, 14.0, false),
        forecast(D, D.plusDays(1), CELL_B, "hub-b", 4.0, 1.0, 9.0, true),
        forecast(D, D.plusDays(2), CELL_A, "hub-a", 11.0, 7.0, 15.0, false),
        // Made the day before D for D: 6 at hub-a.
        forecast(D.minusDays(1), D, CELL_A, "hub-a", 6.0, 3.0, 9.0, false)));
    write(w, Tables.ORDERS, List.of(
        order("o1", D, CELL_A, 3, "picked_up"),
        order("o2", D, CELL_A, 2, "placed"),
        order("o3", D, CELL_A, 7, "cancelled"),
        order("o4", D.minusDays(1), CELL_B, 4, "no_show"),
        // Outside the 28-day window: never counted.
        order("o5", D.minusDays(40), CELL_A, 50, "picked_up")));
    write(w, Tables.CATCHMENTS, List.of(
        RowFactory.create(CELL_A, "hub-a", 0.1, 0.6, 0.8, true, true),
        RowFactory.create(CELL_A, "hub-b", 2.8, 16.8, 0.2, false, false),
        RowFactory.create(CELL_B, "hub-b", 0.1, 0.6, 1.0, true, true)));
    List<Row> q = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      q.add(quarantined(D, i, i <= 8 ? "units_not_positive" : "unknown_hub"));
    }
    for (int day = 1; day <= 3; day++) {
      q.add(quarantined(D.minusDays(day), 1, "status_unknown"));
    }
    write(w, Tables.QUARANTINE, q);
    RunLedger ledger = new RunLedger(w, Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC));
    ledger.started("ingest-range", "ingest", D.minusDays(5), D, "ingest --from .. --to ..");
    ledger.finished("ingest-range", new RunOutcome(RunStatus.SUCCEEDED, null, null, null, null, "ok"));
    return w;
  }
}

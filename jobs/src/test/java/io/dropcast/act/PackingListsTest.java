package io.dropcast.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dropcast.cli.JobContext;
import io.dropcast.config.DropcastConfig;
import io.dropcast.errors.DropcastException;
import io.dropcast.ledger.RunLedger;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing lists on a tiny plan: rows and picking order, CSV and JSON content, the pack job end to end. */
class PackingListsTest {
  private static final LocalDate D = LocalDate.parse("2026-07-01");

  /** A row of {@code table} with the given columns; every other column a fixed placeholder of its type. */
  private static Row row(Table table, Map<String, Object> values) {
    StructField[] fields = table.schema().fields();
    Object[] out = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      out[i] = values.containsKey(fields[i].name()) ? values.get(fields[i].name()) : placeholder(fields[i].dataType());
    }
    return RowFactory.create(out);
  }

  private static Object placeholder(DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return "x";
    } else if (t.equals(DataTypes.IntegerType)) {
      return 1;
    } else if (t.equals(DataTypes.DoubleType)) {
      return 0.0;
    } else if (t.equals(DataTypes.BooleanType)) {
      return false;
    } else if (t.equals(DataTypes.DateType)) {
      return Date.valueOf(D);
    } else if (t.equals(DataTypes.TimestampType)) {
      return Timestamp.valueOf("2026-07-01 00:00:00");
    } else if (t instanceof org.apache.spark.sql.types.DecimalType) {
      return new BigDecimal("1.00");
    } else if (t instanceof org.apache.spark.sql.types.ArrayType) {
      return List.of();
    }
    return null;
  }

  private static Dataset<Row> frame(Table table, List<Row> rows) {
    return SharedSpark.get().createDataFrame(rows, table.schema());
  }

  private static Row plan(String drop, String hub, int units) {
    return row(Tables.HUB_PREPOSITIONING_PLAN, Map.of("plan_date", Date.valueOf(D), "drop_date",
        Date.valueOf(D.plusDays(1)), "drop_id", drop, "sku_id", "sku-" + drop, "category", "bakery", "hub_id", hub,
        "units", units, "run_id", "plan-run-1"));
  }

  /** A drop batch starting at {@code start} (UTC); July in Lisbon is UTC+1. */
  private static Row drop(String drop, int batch, String start, String end, String title) {
    return row(Tables.DROPS, Map.of("drop_id", drop, "batch_number", batch, "drop_date", Date.valueOf(D.plusDays(1)),
        "merchant_id", "m-" + drop, "sku_id", "sku-" + drop, "category", "bakery", "title", title,
        "starts_at", Timestamp.from(java.time.Instant.parse(start)),
        "ends_at", Timestamp.from(java.time.Instant.parse(end)), "units_released", 10));
  }

  private static Row hub(String hub, double sla) {
    return row(Tables.HUBS, Map.of("hub_id", hub, "pickup_sla_hours", sla));
  }

  /**
   * Three drops at two hubs: d-late starts last but sorts first by id; d-early has two batches (the window runs
   * from the first start to the last end); d-zero gets no units at hub-2 and must not be listed.
   */
  private static final List<Row> PLAN = List.of(plan("d-late", "hub-1", 5), plan("d-early", "hub-1", 7),
      plan("d-early", "hub-2", 3), plan("d-zero", "hub-2", 0), plan("d-late", "hub-2", 2));
  private static final List<Row> DROPS = List.of(
      drop("d-late", 1, "2026-07-02T16:00:00Z", "2026-07-02T19:00:00Z", "Bolo, \"caseiro\""),
      drop("d-early", 1, "2026-07-02T08:00:00Z", "2026-07-02T10:00:00Z", "=Croissants"),
      drop("d-early", 2, "2026-07-02T09:00:00Z", "2026-07-02T11:30:00Z", "=Croissants"),
      drop("d-zero", 1, "2026-07-02T07:00:00Z", "2026-07-02T08:00:00Z", "Nada"));
  private static final List<Row> HUBS = List.of(hub("hub-1", 2.0), hub("hub-2", 4.5));

  @Test
  void aHubsListHoldsItsPlacedDropsInPickingOrderWithLocalWindowsSlaAndPlanVersion() {
    List<String> rows = PackingLists.build(frame(Tables.HUB_PREPOSITIONING_PLAN, PLAN), frame(Tables.DROPS, DROPS),
            frame(Tables.HUBS, HUBS), D, 12, "pack-run-1")
        .orderBy("hub_id", "pick_order").drop("window_start", "window_end").collectAsList().stream()
        .map(Row::toString).toList();
    assertEquals(List.of(
        "[2026-07-01,hub-1,1,2026-07-02,d-early,sku-d-early,bakery,m-d-early,=Croissants,7,"
            + "2026-07-02 09:00,2026-07-02 12:30,2.0,12,plan-run-1,pack-run-1]",
        "[2026-07-01,hub-1,2,2026-07-02,d-late,sku-d-late,bakery,m-d-late,Bolo, \"caseiro\",5,"
            + "2026-07-02 17:00,2026-07-02 20:00,2.0,12,plan-run-1,pack-run-1]",
        "[2026-07-01,hub-2,1,2026-07-02,d-early,sku-d-early,bakery,m-d-early,=Croissants,3,"
            + "2026-07-02 09:00,2026-07-02 12:30,4.5,12,plan-run-1,pack-run-1]",
        "[2026-07-01,hub-2,2,2026-07-02,d-late,sku-d-late,bakery,m-d-late,Bolo, \"caseiro\",2,"
            + "2026-07-02 17:00,2026-07-02 20:00,4.5,12,plan-run-1,pack-run-1]"), rows,
        "by drop start (the earlier drop first although its id sorts later), 0-unit rows left out, Lisbon time");
    Row first = PackingLists.build(frame(Tables.HUB_PREPOSITIONING_PLAN, PLAN), frame(Tables.DROPS, DROPS),
        frame(Tables.HUBS, HUBS), D, 12, "pack-run-1").where("hub_id = 'hub-1' AND pick_order = 1").head();
    assertEquals(List.of("2026-07-02T08:00:00Z", "2026-07-02T11:30:00Z"),
        List.of(first.getTimestamp(first.fieldIndex("window_start")).toInstant().toString(),
            first.getTimestamp(first.fieldIndex("window_end")).toInstant().toString()),
        "the window runs from the first batch's start to the last batch's end");
  }

  @Test
  void packWritesTheTableAndOneCsvAndJsonPerHubFromThePinnedPlanVersion(@TempDir Path dir) throws Exception {
    Warehouse warehouse = new Warehouse(SharedSpark.get(), dir.toString());
    JobContext context = packContext(warehouse);

    PackJob.Result r = PackJob.run(context, D);
    assertEquals(1, r.planVersion(), "the plan table was created (v0) and written once (v1)");
    assertEquals(List.of(2, 4L, 17L), List.of(r.hubs(), r.rows(), r.units()));
    assertEquals(4, warehouse.read(Tables.HUB_PACKING_LISTS).where("plan_version = 1").count());

    Path folder = dir.resolve("exports/packing-lists/date=2026-07-01");
    List<String> names = new ArrayList<>();
    try (var files = Files.list(folder)) {
      files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().forEach(names::add);
    }
    assertEquals(List.of("hub-1.csv", "hub-1.json", "hub-2.csv", "hub-2.json", "summary.json"), names);
    assertEquals(String.join("\n",
        "pick_order,drop_date,drop_id,sku_id,category,merchant_id,title,units,window_start_local,window_end_local,"
            + "pickup_sla_hours,plan_version,plan_run_id",
        "1,2026-07-02,d-early,sku-d-early,bakery,m-d-early,\"'=Croissants\",7,2026-07-02 09:00,2026-07-02 12:30,2,1,"
            + "plan-run-1",
        "2,2026-07-02,d-late,sku-d-late,bakery,m-d-late,\"Bolo, \"\"caseiro\"\"\",5,2026-07-02 17:00,"
            + "2026-07-02 20:00,2,1,plan-run-1", ""), Files.readString(folder.resolve("hub-1.csv")),
        "CSV: header, picking order, quoted titles, a formula-like title defused");
    String json = Files.readString(folder.resolve("hub-2.json"));
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    assertEquals(1, doc.get("schema_version").asInt());
    assertEquals("dropcast:v1:hub-2:2026-07-01", doc.get("idempotency_key").asText());
    assertEquals(1, doc.get("plan_version").asLong());
    assertEquals("plan-run-1", doc.get("plan_run_id").asText());
    assertEquals(4.5, doc.get("pickup_sla_hours").asDouble());
    assertEquals("Europe/Lisbon", doc.get("time_zone").asText());
    assertEquals(5, doc.get("total_units").asLong());
    assertEquals(List.of("d-early:3:2026-07-02 09:00:2026-07-02T08:00:00Z", "d-late:2:2026-07-02 17:00:2026-07-02T16:00:00Z"),
        java.util.stream.StreamSupport.stream(doc.get("items").spliterator(), false)
            .map(i -> i.get("drop_id").asText() + ":" + i.get("units").asInt() + ":" + i.get("window_start_local")
                .asText() + ":" + i.get("window_start").asText()).toList());
    var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve("summary.json").toFile());
    assertEquals("dropcast:v1:all:2026-07-01", summary.get("idempotency_key").asText());
    assertEquals("[{\"hub_id\":\"hub-1\",\"drops\":2,\"units\":12},{\"hub_id\":\"hub-2\",\"drops\":2,\"units\":5}]",
        summary.get("hubs").toString());

    // Publishing the date again replaces the folder whole (a file of the old run does not survive) and leaves no
    // temporary folder behind.
    PackingListFiles.publish(SharedSpark.get().sessionState().newHadoopConf(),
        PackingListFiles.folder(warehouse.root(), D), "pack-run-2", Map.of("hub-2.json", json, "summary.json", "{}"));
    try (var files = Files.list(folder)) {
      assertEquals(List.of("hub-2.json", "summary.json"), files.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted().toList());
    }
    assertEquals(json, Files.readString(folder.resolve("hub-2.json")));
    try (var siblings = Files.list(folder.getParent())) {
      assertEquals(List.of("date=2026-07-01"), siblings.map(p -> p.getFileName().toString()).toList());
    }
  }

  /** The plan table holding the plan of D only, and a pack context; the ledger starts empty. */
  private static JobContext packContext(Warehouse warehouse) {
    for (var t : List.of(Map.entry(Tables.HUB_PREPOSITIONING_PLAN, PLAN), Map.entry(Tables.DROPS, DROPS),
        Map.entry(Tables.HUBS, HUBS))) {
      warehouse.ensureCreated(t.getKey());
      frame(t.getKey(), t.getValue()).write().format("delta").mode("append").save(warehouse.path(t.getKey()));
    }
    return new JobContext("pack", "pack-run-1", DropcastConfig.defaults(), SharedSpark.get(), warehouse,
        Clock.systemUTC());
  }

  /** Records a succeeded run of {@code job} for {@code date} that wrote {@code table} at version 7. */
  private static void succeeded(Warehouse warehouse, String runId, String job, LocalDate date, String table) {
    RunLedger ledger = new RunLedger(warehouse, Clock.systemUTC());
    ledger.started(runId, job, date, date, job + " --date " + date);
    ledger.finished(runId, new RunOutcome(RunStatus.SUCCEEDED, null, null, null, Map.of(table, 7L), "done"));
  }

  @Test
  void packOfADateNoPlanWasMadeForFailsNamingThePlanCommandEvenAfterAScenarioOfIt(@TempDir Path dir) {
    Warehouse warehouse = new Warehouse(SharedSpark.get(), dir.toString());
    JobContext context = packContext(warehouse);
    LocalDate next = D.plusDays(1);
    succeeded(warehouse, "plan-scenario-1", "plan", next, Tables.HUB_PREPOSITIONING_SCENARIO.name());
    succeeded(warehouse, "pack-other-1", "pack", next, Tables.HUB_PREPOSITIONING_PLAN.name());

    DropcastException e = assertThrows(DropcastException.class, () -> PackJob.run(context, next));
    assertEquals("Option --date has value '2026-07-02'. The plan table hub_prepositioning_plan (v1) has no rows "
        + "for plan_date 2026-07-02 and no succeeded plan run covered the date. Fix: run 'dropcast plan --date "
        + "2026-07-02' first", e.getMessage());
    assertFalse(Files.exists(dir.resolve("exports/packing-lists/date=2026-07-02")), "nothing published");
  }

  @Test
  void packOfAnEmptyPlanThatWasMadeWritesNoListsAndASummaryWithNoHubs(@TempDir Path dir) throws Exception {
    Warehouse warehouse = new Warehouse(SharedSpark.get(), dir.toString());
    JobContext context = packContext(warehouse);
    LocalDate next = D.plusDays(1);
    succeeded(warehouse, "plan-2026-07-02-old", "plan", next, Tables.HUB_PREPOSITIONING_PLAN.name());
    succeeded(warehouse, "plan-2026-07-02-new", "plan", next, Tables.HUB_PREPOSITIONING_PLAN.name());

    PackJob.Result r = PackJob.run(context, next);
    assertEquals(List.of(1L, 0, 0L, 0L), List.of(r.planVersion(), r.hubs(), r.rows(), r.units()));
    assertEquals(0, warehouse.read(Tables.HUB_PACKING_LISTS).count());
    Path folder = dir.resolve("exports/packing-lists/date=2026-07-02");
    try (var files = Files.list(folder)) {
      assertEquals(List.of("summary.json"), files.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted().toList());
    }
    var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve("summary.json").toFile());
    assertEquals(List.of("[]", "0", "plan-2026-07-02-new"), List.of(summary.get("hubs").toString(),
        summary.get("total_units").asText(), summary.get("plan_run_id").asText()),
        "no hubs, no units, and the run id of the latest plan run that covered the date");
  }
}

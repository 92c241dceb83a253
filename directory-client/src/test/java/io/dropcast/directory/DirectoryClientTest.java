package io.dropcast.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory client against plan tables written by Spark and Delta with the jobs' own table declaration
 * (schema, partitioning, comments), read back with Delta Kernel alone.
 */
class DirectoryClientTest {
  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().appName("directory-client-tests").master("local[1]")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static Table planTable() {
    return Tables.byName(DirectoryClient.PLAN_TABLE).orElseThrow(() -> new AssertionError(
        "io.dropcast.tables.Tables declares no table '" + DirectoryClient.PLAN_TABLE + "'"));
  }

  private static Row line(String planDate, String dropId, String hubId, int units, String reason) {
    return RowFactory.create(Date.valueOf(planDate), Date.valueOf(LocalDate.parse(planDate).plusDays(1)), dropId,
        "sku-" + dropId, "bakery", hubId, units, units * 1.1, units * 0.5, units * 1.8, 0.9, 1.5, 0.97, reason,
        "model-7", "plan-" + planDate + "-abc");
  }

  /** Appends plan lines as the plan job does (one commit per plan date). */
  private void write(Warehouse warehouse, Row... rows) {
    warehouse.ensureCreated(planTable());
    spark.createDataFrame(List.of(rows), planTable().schema()).write().format("delta").mode("append")
        .save(warehouse.path(planTable()));
  }

  @Test
  void theLatestPlanForAHubIsReadWithKernelInTheOrderAHubWorks() {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    // Two nights: the 24th planned hub-01 and hub-02; the 25th planned three drops over two hubs.
    write(warehouse, line("2026-11-24", "d1", "hub-01", 5, "demand_bound"), line("2026-11-24", "d1", "hub-02", 3, "stock_bound"));
    write(warehouse, line("2026-11-25", "d3", "hub-02", 4, "capacity_bound"), line("2026-11-25", "d2", "hub-02", 7, "demand_bound"),
        line("2026-11-25", "d2", "hub-01", 0, "stock_bound"));

    DirectoryClient client = DirectoryClient.open(dir.toString());
    assertEquals(Optional.of(LocalDate.parse("2026-11-25")), client.latestPlanDate());
    assertEquals(List.of(LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-25")), client.planDates());

    List<PlanLine> hub02 = client.latestPlanForHub("hub-02");
    assertEquals(List.of("d2", "d3"), hub02.stream().map(PlanLine::dropId).toList(), "hub-02's lines, by drop");
    PlanLine d2 = hub02.get(0);
    assertEquals(new PlanLine(LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-26"), "d2", "sku-d2", "bakery",
        "hub-02", 7, 7 * 1.1, 3.5, 7 * 1.8, 0.9, 1.5, 0.97, "demand_bound", "model-7", "plan-2026-11-25-abc"), d2,
        "every column of the line reads back as Spark wrote it");
    assertEquals(List.of("d1"), client.planForHub(LocalDate.parse("2026-11-24"), "hub-02").stream()
        .map(PlanLine::dropId).toList(), "an older night stays readable");
    assertEquals(3, client.plan(LocalDate.parse("2026-11-25")).size());
    assertEquals(List.of(), client.plan(LocalDate.parse("2026-11-23")), "a date with no plan has no lines");
    assertEquals(List.of(), client.latestPlanForHub("hub-99"), "a hub the plan does not mention has no lines");
  }

  @Test
  void aRepublishedPlanReplacesTheOldLinesForEveryReader() {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    write(warehouse, line("2026-11-25", "d1", "hub-01", 5, "demand_bound"));
    DirectoryClient client = DirectoryClient.open(dir.toString());
    assertEquals(5, client.latestPlanForHub("hub-01").get(0).units());
    // A rerun of the night replaces its partition, as the plan job does.
    spark.createDataFrame(List.of(line("2026-11-25", "d1", "hub-01", 6, "demand_bound")), planTable().schema())
        .write().format("delta").mode("overwrite").option("replaceWhere", "plan_date = DATE'2026-11-25'")
        .save(warehouse.path(planTable()));
    assertEquals(List.of(6), client.latestPlanForHub("hub-01").stream().map(PlanLine::units).toList(),
        "the same client sees the rerun's plan, and only it");
  }

  /** A cadence row with the given columns set and every other column at a neutral value of its type. */
  private static Row cadenceRow(java.util.Map<String, Object> values) {
    org.apache.spark.sql.types.StructType schema = Tables.CADENCE_RECOMMENDATIONS.schema();
    Object[] cells = new Object[schema.size()];
    for (int i = 0; i < cells.length; i++) {
      org.apache.spark.sql.types.StructField f = schema.fields()[i];
      cells[i] = values.containsKey(f.name()) ? values.get(f.name()) : switch (f.dataType().typeName()) {
        case "integer" -> 0;
        case "long" -> 0L;
        case "double" -> 0.0;
        case "boolean" -> false;
        case "date" -> Date.valueOf("2026-01-01");
        case "array" -> scala.jdk.javaapi.CollectionConverters.asScala(List.of()).toSeq();
        default -> f.nullable() ? null : "";
      };
    }
    return RowFactory.create(cells);
  }

  private static java.util.Map<String, Object> values(Object... nameThenValue) {
    java.util.Map<String, Object> m = new java.util.HashMap<>();
    for (int i = 0; i < nameThenValue.length; i += 2) {
      m.put((String) nameThenValue[i], nameThenValue[i + 1]);
    }
    return m;
  }

  private static scala.collection.immutable.Seq<Object> seq(Object... items) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(items)).toList();
  }

  @Test
  void theLatestCadenceForAHubCarriesItsWeekdaysWindowAndBatches() {
    Warehouse warehouse = new Warehouse(spark, dir.toString());
    warehouse.ensureCreated(Tables.CADENCE_RECOMMENDATIONS);
    List<Row> rows = List.of(
        cadenceRow(values("run_date", Date.valueOf("2026-11-25"), "level", "category_hub",
            "category", "bakery", "hub_id", "hub-01", "weekdays", seq("Saturday", "Friday"),
            "window_start_local", "09:00", "window_end_local", "12:00", "interval_days", 2, "units_per_drop", 60,
            "batches", seq(RowFactory.create(1, 20, "09:00"), RowFactory.create(2, 20, "10:00"),
                RowFactory.create(3, 20, "11:00")),
            "expected_sell_through", 0.95, "pick_pack_per_hour", 25, "confidence", "high")),
        cadenceRow(values("run_date", Date.valueOf("2026-11-25"), "level", "category_hub",
            "category", "bakery", "hub_id", "hub-02", "confidence", "low")),
        cadenceRow(values("run_date", Date.valueOf("2026-11-24"), "level", "category_hub",
            "category", "bakery", "hub_id", "hub-01", "confidence", "medium")));
    spark.createDataFrame(rows, Tables.CADENCE_RECOMMENDATIONS.schema()).write().format("delta").mode("append")
        .save(warehouse.path(Tables.CADENCE_RECOMMENDATIONS));

    DirectoryClient client = DirectoryClient.open(dir.toString());
    assertEquals(Optional.of(LocalDate.parse("2026-11-25")), client.latestCadenceDate());
    List<CadenceRecommendation> hub01 = client.latestCadenceForHub("hub-01");
    assertEquals(1, hub01.size(), "one recommendation for hub-01 on the latest run date: " + hub01);
    CadenceRecommendation r = hub01.get(0);
    assertEquals(List.of("Saturday", "Friday"), r.weekdays());
    assertEquals("09:00-12:00", r.windowStartLocal() + "-" + r.windowEndLocal());
    assertEquals(List.of(new CadenceRecommendation.Batch(1, 20, "09:00"), new CadenceRecommendation.Batch(2, 20, "10:00"),
        new CadenceRecommendation.Batch(3, 20, "11:00")), r.batches());
    assertEquals(2, r.intervalDays());
    assertEquals(0.95, r.expectedSellThrough());
    assertEquals("high", r.confidence());
    assertEquals(2, client.cadence(LocalDate.parse("2026-11-25")).size(), "every hub of the run date");
    assertEquals("medium", client.cadenceForHub(LocalDate.parse("2026-11-24"), "hub-01").get(0).confidence());
  }

  @Test
  void aWarehouseWithoutAPlanFailsSayingWhichStepWritesIt() {
    DirectoryClientException e = assertThrows(DirectoryClientException.class,
        () -> DirectoryClient.open(dir.toString()).latestPlanDate());
    assertTrue(e.getMessage().startsWith("No Dropcast table 'hub_prepositioning_plan' at " + dir), e.getMessage());
    assertTrue(e.getMessage().contains("the nightly plan step has not written it yet"), e.getMessage());
    assertTrue(e.getMessage().contains("Fix: run 'dropcast nightly --date D'"), e.getMessage());
  }

  @Test
  void aTableWhoseColumnsDriftedFromTheContractFailsNamingTheColumn() {
    String path = dir.resolve(DirectoryClient.PLAN_TABLE).toString();
    spark.sql("SELECT DATE'2026-11-25' AS plan_date, 'x' AS drop_id, 1.5D AS units").write().format("delta")
        .partitionBy("plan_date").save(path);
    DirectoryClientException e = assertThrows(DirectoryClientException.class,
        () -> DirectoryClient.open(dir.toString()).latestPlanDate());
    assertTrue(e.getMessage().contains("has no column 'drop_date'"), e.getMessage());
    assertTrue(e.getMessage().contains("as docs/tables.md documents it"), e.getMessage());
  }
}

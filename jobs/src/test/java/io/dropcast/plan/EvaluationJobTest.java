package io.dropcast.plan;

import static io.dropcast.plan.PlanWorld.D;
import static io.dropcast.plan.PlanWorld.NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Tables;
import io.dropcast.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate-plans on one hand-worked drop: e1, 10 bakery units (p = 4, h = 1) at h1 (SLA 2 h) and h2 (SLA 4 h).
 * The plan placed 4 at h1 and 3 at h2, keeping 3 back. Orders: 6 units at h1, 1 at h2 (a cancelled order of 5 does
 * not count). Latent demand: 8 at h1, 1 at h2, and 2 at h3 where e1 was not planned. Recent bakery sales: 3 units
 * at h1, 1 at h2. Only units on hand at the hub sell within the SLA and count against shortage; units kept back
 * serve late, reported apart. The warehouse already holds a plan_evaluation written before the two late columns
 * existed.
 */
class EvaluationJobTest {
  @TempDir
  static Path dir;

  static Map<String, Row> byKey = new HashMap<>();
  static String printed;

  @BeforeAll
  static void evaluateTheHandWorkedPlan() {
    String root = dir.resolve("wh").toString();
    PlanWorld world = new PlanWorld(root).hub("h1", 100, 2.0).hub("h2", 100, 4.0)
        .drop("e1", NEXT, "bakery", 10, "h1", "h2")
        .order("o1", "e1", "h1", "bakery", NEXT, 4, "picked_up")
        .order("o2", "e1", "h1", "bakery", NEXT, 2, "no_show")
        .order("o3", "e1", "h2", "bakery", NEXT, 1, "picked_up")
        .order("o4", "e1", "h2", "bakery", NEXT, 5, "cancelled")
        .order("old1", "old", "h1", "bakery", D.minusDays(3), 3, "picked_up")
        .order("old2", "old", "h2", "bakery", D.minusDays(3), 1, "picked_up");
    for (Object[] p : new Object[][] {{"h1", 4}, {"h2", 3}}) {
      Map<String, Object> r = new HashMap<>();
      r.put("plan_date", Date.valueOf(D));
      r.put("drop_date", Date.valueOf(NEXT));
      r.put("drop_id", "e1");
      r.put("category", "bakery");
      r.put("hub_id", p[0]);
      r.put("units", p[1]);
      r.put("reason", "demand_bound");
      world.add(Tables.HUB_PREPOSITIONING_PLAN, r);
    }
    world.write();
    // A plan_evaluation table as the scorer before 2026-12-07 created it: without served_late_units and
    // fill_rate_with_late.
    StructType before = new StructType(java.util.Arrays.stream(Tables.PLAN_EVALUATION.schema().fields())
        .filter(f -> !f.name().equals("served_late_units") && !f.name().equals("fill_rate_with_late"))
        .toArray(org.apache.spark.sql.types.StructField[]::new));
    io.delta.tables.DeltaTable.create(SharedSpark.get()).location(root + "/plan_evaluation").addColumns(before)
        .partitionedBy("plan_date").execute();
    String truth = dir.resolve("truth").toString();
    StructType latent = new StructType().add("date", DataTypes.DateType).add("drop_id", DataTypes.StringType)
        .add("hub_id", DataTypes.StringType).add("latent_units", DataTypes.IntegerType);
    SharedSpark.get().createDataFrame(List.of(RowFactory.create(Date.valueOf(NEXT), "e1", "h1", 5),
            RowFactory.create(Date.valueOf(NEXT), "e1", "h1", 3), RowFactory.create(Date.valueOf(NEXT), "e1", "h2", 1),
            RowFactory.create(Date.valueOf(NEXT), "e1", "h3", 2)), latent)
        .write().parquet(truth + "/latent_demand/date=" + NEXT);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = io.dropcast.cli.Dropcast.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("evaluate-plans", "--from", D.toString(), "--to", D.toString(), "--truth", truth,
        "--set", "dropcast.warehouse=" + root);
    assertEquals(0, code, "stderr: " + err);
    printed = out.toString();
    for (Row r : SharedSpark.get().read().format("delta").load(root + "/plan_evaluation").collectAsList()) {
      byKey.put(r.getAs("method") + "/" + r.getAs("demand_source"), r);
    }
  }

  private static Row row(String method, String source) {
    Row r = byKey.get(method + "/" + source);
    assertTrue(r != null, "no evaluation row " + method + "/" + source + " in " + byKey.keySet());
    return r;
  }

  private static void expect(String method, String source, long placed, double sold, double within, double late,
      long leftover, double shortage, int stockouts, double fill, double fillWithLate, double cost) {
    Row r = row(method, source);
    String what = method + " against " + source + ": ";
    assertEquals(placed, r.<Long>getAs("placed_units"), what + "placed");
    assertEquals(sold, r.<Double>getAs("sold_units"), 1e-9, what + "sold");
    assertEquals(within, r.<Double>getAs("within_sla_units"), 1e-9, what + "within SLA");
    assertEquals(late, r.<Double>getAs("served_late_units"), 1e-9, what + "served late from units kept back");
    assertEquals(leftover, r.<Long>getAs("leftover_units"), what + "leftover");
    assertEquals(shortage, r.<Double>getAs("shortage_units"), 1e-9, what + "shortage");
    assertEquals(stockouts, r.<Integer>getAs("stockout_pairs"), what + "stockouts");
    assertEquals(fill, r.<Double>getAs("fill_rate"), 1e-9, what + "fill rate");
    assertEquals(fillWithLate, r.<Double>getAs("fill_rate_with_late"), 1e-9, what + "fill rate with late service");
    assertEquals(within / r.<Long>getAs("demand_units"), r.<Double>getAs("within_sla_share"), 1e-9, what + "SLA share");
    assertEquals(cost, r.<Double>getAs("cost"), 1e-9, what + "cost");
  }

  @Test
  void unitsKeptBackServeTheShortageOnlyLateSoItStaysShortageAndOutsideTheSla() {
    // Orders: h1 wants 6, 4 on hand, 2 short (both served late by 2 of the 3 kept back); h2: 1 sold, 2 left.
    // Sold on hand 5 of 7, with late 7 of 7; cost 1 x 2 left + 4 x 2 short = 10.
    expect("dropcast", "orders", 7, 5, 5, 2, 2, 2, 1, 5.0 / 7, 1.0, 10.0);
    // Latent: h1 wants 8: 4 on hand, 4 short, of which the 3 kept back serve 3 late; cost 1 x 2 + 4 x 4 = 18.
    expect("dropcast", "latent", 7, 5, 5, 3, 2, 4, 1, 5.0 / 9, 8.0 / 9, 18.0);
  }

  @Test
  void theEqualSplitBaselinePlacesFiveAndFiveAndKeepsNothingBack() {
    expect("equal-split", "orders", 10, 6, 6, 0, 4, 1, 1, 6.0 / 7, 6.0 / 7, 8.0);
    expect("equal-split", "latent", 10, 6, 6, 0, 4, 3, 1, 6.0 / 9, 6.0 / 9, 16.0);
  }

  @Test
  void theSalesShareBaselineSplitsByRecentSalesThreeToOneWithTheTieToTheLowestHub() {
    // Quotas 7.5 and 2.5: 7 and 2, the last unit to h1 (equal remainders, lowest id).
    expect("sales-share", "orders", 10, 7, 7, 0, 3, 0, 0, 1.0, 1.0, 3.0);
    expect("sales-share", "latent", 10, 9, 9, 0, 1, 0, 0, 1.0, 1.0, 1.0);
  }

  @Test
  void aPlanEvaluationTableWrittenBeforeTheLateColumnsGainsThemInTheirDeclaredPlace() {
    String[] columns = SharedSpark.get().read().format("delta").load(dir.resolve("wh") + "/plan_evaluation").columns();
    assertEquals(java.util.Arrays.asList(Tables.PLAN_EVALUATION.schema().fieldNames()), java.util.Arrays.asList(columns),
        "the table's columns after evaluate-plans added the missing ones");
  }

  @Test
  void demandAtAHubThePlanDidNotCoverIsCountedNotScored() {
    assertEquals(2L, row("dropcast", "latent").<Long>getAs("unmatched_demand_units"));
    assertEquals(0L, row("dropcast", "orders").<Long>getAs("unmatched_demand_units"));
    assertEquals(7L, row("dropcast", "orders").<Long>getAs("demand_units"));
  }

  @Test
  void theCommandPrintsEachMethodsCostAgainstTheBetterBaseline() {
    assertTrue(printed.contains("latent   dropcast"), printed);
    // Latent: dropcast 18 against the better baseline's 1; 3 units served late, fill with them 8 / 9.
    assertTrue(printed.lines().anyMatch(l -> l.startsWith("latent   dropcast") && l.trim().endsWith("18.000")
        && l.contains(" 3.0 ") && l.contains(" 0.889 ")), printed);
  }
}

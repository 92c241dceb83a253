package io.dropcast.plan;

import static io.dropcast.plan.PlanWorld.D;
import static io.dropcast.plan.PlanWorld.NEXT;
import static io.dropcast.plan.PlanWorld.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.cli.Dropcast;
import io.dropcast.tables.Tables;
import io.dropcast.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan job end to end on a hand-worked world (costs p = 4, h = 1 everywhere: critical ratio 0.8; only units
 * placed at a hub count as sold within the SLA, units kept back are worth nothing). Four independent cases share one drop date, each at its own hubs and neighbourhoods, so one run plans
 * them all. Uniform demand U(0, b) makes every number hand-checkable: the k-th unit at a hub facing U(0, 10)
 * earns 4 - 5 (k - 0.5) / 10, so its newsvendor target is 8.
 */
class PlanJobTest {
  @TempDir
  static Path dir;

  static String root;
  static String firstRunOut;
  static Map<String, Row> plan = new HashMap<>();

  @BeforeAll
  static void planTheHandWorkedWorld() {
    root = dir.resolve("wh").toString();
    PlanWorld world = new PlanWorld(root)
        // Capacity: two bakery drops of 20 units share hub hc (10 units, SLA 2 h), whose only neighbourhood nc
        // wants U(0, 20) bakery units: each drop sees U(0, 10), target 8; 10 units go 5 and 5.
        .hub("hc", 10, 2.0).catchment("nc", "hc", 1.0)
        .drop("cap-a", NEXT, "bakery", 20, "hc").drop("cap-b", NEXT, "bakery", 20, "hc")
        .forecast(NEXT, "nc", "bakery", uniform(20))
        // Stock: one produce drop of 10 units at hs1 and hs2 (100 units each); neighbourhood ns, U(0, 20), is
        // shared 0.5/0.5: each hub sees U(0, 10), target 8; the 10 units go 5 and 5.
        .hub("hs1", 100, 4.0).hub("hs2", 100, 4.0).catchment("ns", "hs1", 0.5).catchment("ns", "hs2", 0.5)
        .drop("stock-a", NEXT, "produce", 10, "hs1", "hs2")
        .forecast(NEXT, "ns", "produce", uniform(20))
        // Shared neighbourhood, two drops: nd (U(0, 20) beauty) is shared 0.5/0.5 by hd1 and hd2, drop share-a is
        // at hd1 only, share-b at hd2 only, both with ample stock: each gets half of nd, target 8.
        .hub("hd1", 100, 2.0).hub("hd2", 100, 2.0).catchment("nd", "hd1", 0.5).catchment("nd", "hd2", 0.5)
        .drop("share-a", NEXT, "beauty", 100, "hd1").drop("share-b", NEXT, "beauty", 100, "hd2")
        .forecast(NEXT, "nd", "beauty", uniform(20))
        // Zero demand: hub hz serves no neighbourhood.
        .hub("hz", 50, 2.0).drop("zero-a", NEXT, "home", 20, "hz")
        // Pickup history: np is shared 0.5/0.5 by hp1 and hp2 by distance, but its last 6 pickups were at hp1. With
        // the prior of 2 pickups at the distance weights, hp1 gets (6 + 1) / 8 = 0.875 of np, hp2 0.125; np
        // wants U(0, 80) meals: hp1 sees U(0, 70) (target 56), hp2 U(0, 10) (8).
        .hub("hp1", 100, 2.0).hub("hp2", 100, 2.0).catchment("np", "hp1", 0.5).catchment("np", "hp2", 0.5)
        .drop("pick-a", NEXT, "meals", 100, "hp1", "hp2")
        .forecast(NEXT, "np", "meals", uniform(80))
        // A drop of the day after the horizon and a forecast row of another run date: both must be ignored.
        .drop("later", NEXT.plusDays(1), "bakery", 20, "hc")
        ;
    for (int i = 0; i < 6; i++) {
      world.add(Tables.ORDERS, Map.of("order_id", "past-" + i, "neighbourhood", "np", "hub_id", "hp1",
          "category", "meals", "order_date", java.sql.Date.valueOf(D.minusDays(1 + i)), "units", 1,
          "status", "picked_up", "fulfilment_mode", "pickup"));
    }
    // An order after the plan date must not count.
    world.add(Tables.ORDERS, Map.of("order_id", "future", "neighbourhood", "np", "hub_id", "hp2",
        "category", "meals", "order_date", java.sql.Date.valueOf(NEXT), "units", 1, "status", "picked_up",
        "fulfilment_mode", "pickup"));
    world.write();
    firstRunOut = run("plan", "--date", D.toString());
    for (Row r : SharedSpark.get().read().format("delta").load(root + "/hub_prepositioning_plan").collectAsList()) {
      plan.put(r.getAs("drop_id") + "@" + r.getAs("hub_id"), r);
    }
  }

  static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--set", "dropcast.warehouse=" + root));
    int code = cli.execute(all.toArray(String[]::new));
    assertEquals(0, code, "exit code of " + all + "; stderr: " + err);
    return out.toString();
  }

  private static Row row(String drop, String hub) {
    Row r = plan.get(drop + "@" + hub);
    assertTrue(r != null, "the plan has a row for " + drop + " at " + hub + "; it has " + plan.keySet());
    return r;
  }

  private static int units(String drop, String hub) {
    return row(drop, hub).<Integer>getAs("units");
  }

  @Test
  void twoDropsSharingAFullHubSplitItsCapacityAndAreCapacityBound() {
    assertEquals(5, units("cap-a", "hc"), "cap-a's units at the 10-unit hub");
    assertEquals(5, units("cap-b", "hc"), "cap-b's units at the 10-unit hub");
    Row a = row("cap-a", "hc");
    assertEquals("capacity_bound", a.getAs("reason"));
    assertEquals(5.0, a.<Double>getAs("expected_demand"), 1e-9, "P50 of U(0, 10)");
    assertEquals(1.0, a.<Double>getAs("demand_p10"), 1e-9, "P10 of U(0, 10)");
    assertEquals(9.0, a.<Double>getAs("demand_p90"), 1e-9, "P90 of U(0, 10)");
    // E[min(D, 5)] = 5 - 25/20 = 3.75: leftover 1.25; the expected shortage 1.25 stays shortage although 15 units
    // are kept back (they could only serve it late): fill and within SLA 3.75 / 5.
    assertEquals(1.25, a.<Double>getAs("expected_leftover"), 1e-9, "expected leftover");
    assertEquals(0.75, a.<Double>getAs("expected_fill_rate"), 1e-9, "fill rate from the units on hand only");
    assertEquals(0.75, a.<Double>getAs("expected_within_sla"), 1e-9, "share within the SLA: the units on hand");
    assertEquals("model-1", a.getAs("model_id"));
  }

  @Test
  void aDropShortOfStockIsSplitOverTheHubsOfASharedNeighbourhoodAndIsStockBound() {
    assertEquals(5, units("stock-a", "hs1"), "units at hs1");
    assertEquals(5, units("stock-a", "hs2"), "units at hs2");
    assertEquals("stock_bound", row("stock-a", "hs1").getAs("reason"));
    assertEquals(5.0, row("stock-a", "hs2").<Double>getAs("expected_demand"), 1e-9, "half of U(0, 20) has P50 5");
    // Nothing kept back: the expected shortage 1.25 of each hub is lost.
    assertEquals(0.75, row("stock-a", "hs1").<Double>getAs("expected_fill_rate"), 1e-9, "fill 3.75 / 5");
  }

  @Test
  void aNeighbourhoodSharedByTwoHubsOfTwoDropsGivesEachHalfItsDemandAndItsNewsvendorTarget() {
    assertEquals(8, units("share-a", "hd1"), "share-a's target on half of U(0, 20)");
    assertEquals(8, units("share-b", "hd2"), "share-b's target on half of U(0, 20)");
    assertEquals("demand_bound", row("share-a", "hd1").getAs("reason"));
    assertEquals(5.0, row("share-b", "hd2").<Double>getAs("expected_demand"), 1e-9, "P50 of U(0, 10)");
  }

  @Test
  void aNeighbourhoodSharedByTwoHubsFollowsItsPickupHistoryWithTheDistanceWeightsAsAPrior() {
    assertEquals(56, units("pick-a", "hp1"), "target on 0.875 of U(0, 80)");
    assertEquals(8, units("pick-a", "hp2"), "target on 0.125 of U(0, 80)");
    assertEquals(35.0, row("pick-a", "hp1").<Double>getAs("expected_demand"), 1e-9, "P50 of U(0, 70)");
  }

  @Test
  void aHubWithoutDemandGetsZeroUnitsAndARowSayingSo() {
    Row z = row("zero-a", "hz");
    assertEquals(0, z.<Integer>getAs("units"));
    assertEquals("demand_bound", z.getAs("reason"));
    assertEquals(0.0, z.<Double>getAs("expected_demand"), 0);
    assertEquals(1.0, z.<Double>getAs("expected_fill_rate"), 0, "no demand: nothing to miss");
    assertEquals(1.0, z.<Double>getAs("expected_within_sla"), 0);
  }

  @Test
  void thePlanHasOneRowPerEligiblePairOfTheHorizonOnlyAndSaysWhatItDid() {
    assertEquals(9, plan.size(), "rows: " + plan.keySet());
    assertTrue(plan.keySet().stream().noneMatch(k -> k.startsWith("later@")), "a drop after the horizon was planned");
    assertTrue(firstRunOut.contains("7 drops, 9 (drop, hub) rows, 100 units placed"), firstRunOut);
  }

  @Test
  void aRerunReplacesThePlanDateWithTheSameRowsAndAScenarioNeverTouchesIt() {
    run("plan", "--date", D.toString());
    String out = run("plan", "--date", D.toString(), "--scenario", "big-hc", "--capacity", "hc=20");
    var spark = SharedSpark.get();
    var production = spark.read().format("delta").load(root + "/hub_prepositioning_plan");
    assertEquals(9, production.count(), "the rerun replaced the date's rows instead of adding to them");
    assertEquals(5, production.filter("drop_id = 'cap-a'").head().<Integer>getAs("units"),
        "the production plan after a scenario run");
    var scenario = spark.read().format("delta").load(root + "/" + Tables.HUB_PREPOSITIONING_SCENARIO.name())
        .filter("scenario = 'big-hc'");
    Row a = scenario.filter("drop_id = 'cap-a'").head();
    assertEquals(8, a.<Integer>getAs("units"), "with 20 units of room both drops reach their target");
    assertEquals("demand_bound", a.getAs("reason"));
    assertEquals("capacity hc=20", a.getAs("overrides"));
    // 8 units against U(0, 10): E[min(D, 8)] = 8 - 64/20 = 4.8 of a mean of 5 within the SLA, whatever is kept back.
    assertEquals(0.96, a.<Double>getAs("expected_within_sla"), 1e-9);
    assertEquals(0.96, a.<Double>getAs("expected_fill_rate"), 1e-9);
    assertTrue(out.contains("units placed") && out.contains("100") && out.contains("106") && out.contains("+6"),
        "the printed difference against production: " + out);
    assertTrue(out.contains("cap-a at hc: 5 -> 8 units"), out);
  }

  @Test
  void theScenarioCoreComputesThePlanInMemoryWithItsExpectedCostAndWritesNothing() {
    var spark = SharedSpark.get();
    var config = io.dropcast.config.ConfigLoader.load(java.util.Optional.empty(), java.util.Optional.empty(),
        Map.of("dropcast.warehouse", root));
    var warehouse = new io.dropcast.tables.Warehouse(spark, config);
    PlanJob.Sources in = PlanJob.Sources.read(warehouse);
    java.util.Set<String> before = new java.util.TreeSet<>(warehouse.existingNames());
    Scenario bigHc = new Scenario("in-memory", Map.of("hc", 20), null, null, null, null);
    PlanParams params = PlanParams.from(config, D, bigHc);
    var rows = PlanJob.plan(in, params, "notebook", PlanJob.forecastModel(in, params));
    assertEquals(java.util.Arrays.asList(Tables.HUB_PREPOSITIONING_SCENARIO.schema().fieldNames()),
        java.util.Arrays.asList(rows.columns()), "the in-memory scenario has the scenario table's columns");
    Map<String, Row> byPair = new HashMap<>();
    for (Row r : PlanJob.withExpectedCost(rows, PlanJob.pairs(in, params), params).collectAsList()) {
      byPair.put(r.getAs("drop_id") + "@" + r.getAs("hub_id"), r);
    }
    assertEquals(9, byPair.size(), "one row per eligible pair: " + byPair.keySet());
    assertEquals(8, byPair.get("cap-a@hc").<Integer>getAs("units"), "with 20 units of room cap-a reaches its target");
    assertEquals("capacity hc=20", byPair.get("cap-a@hc").getAs("overrides"));
    // cap-a: 8 units at hc facing U(0, 10), 12 kept back: E[shortage] = 5 - 4.8 = 0.2 (the units kept back serve it
    // only late), E[leftover] = 64/20 = 3.2, cost = 4 x 0.2 + 1 x 3.2 = 4.0.
    Row c = byPair.get("cap-a@hc");
    assertEquals(0.2, c.<Double>getAs("expected_shortage"), 1e-9, "expected shortage of cap-a with units kept back");
    assertEquals(4.0, c.<Double>getAs("expected_cost"), 1e-9, "expected cost of cap-a");
    // stock-a: 5 units at each of hs1 and hs2, each facing U(0, 10), nothing kept back: E[leftover] = 25/20 = 1.25,
    // E[shortage] = 1.25 (fill 3.75 / 5), cost = p 4 x 1.25 + h 1 x 1.25 = 6.25.
    Row s = byPair.get("stock-a@hs1");
    assertEquals(5, s.<Integer>getAs("units"), "stock-a at hs1");
    assertEquals(5.0, s.<Double>getAs("expected_mean_demand"), 1e-9, "mean of U(0, 10)");
    assertEquals(1.25, s.<Double>getAs("expected_shortage"), 1e-9, "expected shortage of stock-a at hs1");
    assertEquals(6.25, s.<Double>getAs("expected_cost"), 1e-9, "expected cost of stock-a at hs1");
    // zero-a: no demand, 0 units: nothing short, nothing left over.
    assertEquals(0.0, byPair.get("zero-a@hz").<Double>getAs("expected_cost"), 1e-9, "expected cost without demand");
    assertEquals(before, new java.util.TreeSet<>(warehouse.existingNames()), "no table was created");
    if (warehouse.exists(Tables.HUB_PREPOSITIONING_SCENARIO)) {
      assertEquals(0, warehouse.read(Tables.HUB_PREPOSITIONING_SCENARIO).filter("scenario = 'in-memory'").count(),
          "the in-memory scenario was written");
    }
  }

  @Test
  void aPlanDateWithoutItsForecastFailsSayingWhichCommandToRunFirst() {
    StringWriter err = new StringWriter();
    var cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("plan", "--date", D.plusDays(3).toString(), "--set", "dropcast.warehouse=" + root);
    assertTrue(code != 0, "exit code " + code);
    assertTrue(err.toString().contains("run 'dropcast forecast --date " + D.plusDays(3) + "' first"), err.toString());
  }

  @Test
  void overridesWithoutAScenarioNameAreRefusedBeforeAnyDataIsRead() {
    StringWriter err = new StringWriter();
    var cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("plan", "--date", D.toString(), "--stock-factor", "0.5", "--set",
        "dropcast.warehouse=" + root);
    assertTrue(code != 0, "exit code " + code);
    assertTrue(err.toString().contains("add --scenario NAME"), err.toString());
  }
}

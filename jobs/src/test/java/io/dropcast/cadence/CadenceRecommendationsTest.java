package io.dropcast.cadence;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.cadence.Weekdays;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cadence job's core on the hand-made history of {@link CadenceWorld}, where the right answers are known. */
class CadenceRecommendationsTest {
  private static Map<String, Row> byGroup;
  private static List<Row> rows;

  @BeforeAll
  static void recommendOnce() {
    rows = recommend(CadenceWorld.sources(), CadenceWorld.LAST, "run-1");
    byGroup = rows.stream().collect(Collectors.toMap(
        r -> r.getAs("level") + "/" + r.getAs("category") + "/" + r.getAs("hub_id"), r -> r));
  }

  @Test
  void everyCategoryAtEveryHubAndEveryMerchantWithEnoughHistoryGetsOneRecommendation() {
    assertEquals(List.of("category_hub/bakery/H1", "category_hub/meals/H2", "category_hub/produce/H1",
            "merchant/bakery/H1", "merchant/meals/H2", "merchant/produce/H1"),
        byGroup.keySet().stream().sorted().toList(), "three category x hub groups and their three merchants");
    assertNull(byGroup.get("category_hub/bakery/H1").getAs("merchant_id"), "no merchant at category level");
    assertEquals("M1", byGroup.get("merchant/bakery/H1").getAs("merchant_id"), "merchant of the bakery drops");
    for (Row r : rows) {
      assertEquals(java.sql.Date.valueOf(CadenceWorld.LAST), r.getAs("run_date"), "run date");
      assertEquals("run-1", r.getAs("run_id"), "run id");
    }
  }

  @Test
  void aClearSaturdayMorningPeakRecommendsSaturdayFirstAndANineToElevenWindow() {
    Row r = byGroup.get("category_hub/bakery/H1");
    assertEquals("Saturday", weekdays(r).get(0), "Saturday has 40 orders a drop-day, every other day 10");
    assertEquals("09:00", r.getAs("window_start_local"), "all orders at 09:xx and 10:xx");
    assertEquals("11:00", r.getAs("window_end_local"), "two hours hold them all");
    assertEquals(1, i(r, "batch_count"), "1,000 pickups an hour: one release");
    assertEquals(200, i(r, "units_per_drop"), "every drop released 200 units");
    Row batch = r.<scala.collection.Seq<Row>>getAs("batches").apply(0);
    assertEquals(List.of(1, 200, "09:00"), List.of(batch.get(0), batch.get(1), batch.get(2)), "one batch at 09:00");
    assertEquals(56, i(r, "drops_used"), "eight weeks of daily drops");
    assertEquals(8 * 40 + 48 * 10, l(r, "orders_used"), "orders used");
    assertEquals(java.sql.Date.valueOf(CadenceWorld.FIRST), r.getAs("history_from"), "history starts on day 1");
    List<Row> evidence = CadenceRecommendations.list(r, "weekday_evidence");
    assertEquals(7, evidence.size(), "every weekday");
    assertEquals("Monday", evidence.get(0).getAs("weekday"), "Monday first");
    assertEquals(8, i(evidence.get(5), "drop_days"), "eight Saturdays");
    assertTrue(d(evidence.get(5), "expected_orders") > 3 * d(evidence.get(0), "expected_orders"),
        "Saturday expects about four times Monday's orders: " + evidence);
    assertTrue(r.getAs("push_effect") == null || d(r, "push_effect") == 1.0,
        "every drop was pushed: the push effect is not identified");
  }

  @Test
  void aCategoryThatSellsLessTheDayAfterADropGetsATwoDayIntervalAndNoAdjacentWeekdays() {
    Row r = byGroup.get("category_hub/produce/H1");
    assertTrue(b(r, "recovery_identified"), "28 drop-days with gaps 1, 2 and 3");
    assertEquals(0.3, d(r, "recovery_dip"), 0.01, "14 orders instead of 20 the day after a drop");
    assertEquals(2, i(r, "interval_days"), "a back-to-back drop sells 30% less: at least 2 days apart");
    List<String> days = weekdays(r);
    assertEquals(2, days.size(), "two drop days a week");
    int a = weekdayNumber(days.get(0));
    int b = weekdayNumber(days.get(1));
    assertTrue(Weekdays.gapForward(a, b) >= 2 && Weekdays.gapForward(b, a) >= 2, "not adjacent: " + days);
    assertFalse(b(r, "interval_relaxed"), "two non-adjacent weekdays exist");
  }

  @Test
  void aHubWhoseCapacityIsEightPickupsAnHourGetsThreeBatchesOfEight() {
    Row r = byGroup.get("category_hub/meals/H2");
    assertEquals("12:00", r.getAs("window_start_local"), "window start");
    assertEquals("15:00", r.getAs("window_end_local"), "three hours: two hold under 80% of the orders");
    assertEquals(24, i(r, "units_per_drop"), "the median drop released 24 units");
    assertEquals(3, i(r, "batch_count"), "three batches");
    List<Row> batches = CadenceRecommendations.list(r, "batches");
    assertEquals(List.of("1:8:12:00", "2:8:13:00", "3:8:14:00"), batches.stream()
        .map(b -> b.get(0) + ":" + b.get(1) + ":" + b.get(2)).toList(), "eight units at 12:00, 13:00 and 14:00");
    assertEquals(8, i(r, "pick_pack_per_hour"), "capacity");
    // Planned on the meals' release curve: of the 2,268 orders of its 56 drops, 1,148 came in the first hour after
    // the release (42 small drops x 24 + 14 big ones x 10) and 560 in each of the next two (big drops: 40, 40).
    // The first batch of 8 draws D / 3 x 1148 / 2268 = 6.83 units in its hour (D = 40.5 orders a drop-day, less
    // the 0.01 % outside the window), so 1.17 of its units sell at 13:00 with the second batch: 9.17 pickups
    // against 8. The third sells out at 14:00. This is the planner's cheapest plan on that curve.
    assertEquals(30.497, d(r, "expected_demand_units"), 1e-3, "D x (1 + 1708/2268 + 1148/2268) / 3, D = 40.496");
    double drawnFirstHour = d(r, "expected_demand_units") / (1 + (1148.0 + 560) / 2268 + 1148.0 / 2268)
        * 1148 / 2268;
    assertEquals(8 - drawnFirstHour, d(r, "expected_over_capacity_pickups"), 1e-9,
        "what the first batch does not sell in its hour is over capacity at 13:00");
    assertEquals((16 - drawnFirstHour) / 8, d(r, "expected_peak_load_ratio"), 1e-9, "13:00: 9.17 against 8");
    assertTrue(d(r, "single_release_over_capacity_pickups") > 10,
        "a single release would sell about 20 in the first hour: " + r.getAs("single_release_over_capacity_pickups"));
    assertEquals(1.0, d(r, "expected_sell_through"), 1e-9, "every unit still sells");
    assertTrue(CadenceRecommendations.<String>list(r, "what_would_change").stream()
        .anyMatch(s -> s.startsWith("a pick/pack capacity of at least")), "says what capacity allows one release");
  }

  @Test
  void theRecommendationsDoNotDependOnDataAfterTheRunDate() {
    LocalDate runDate = CadenceWorld.FIRST.plusDays(41);
    CadenceRecommendations.Sources all = CadenceWorld.sources();
    CadenceRecommendations.Sources cut = new CadenceRecommendations.Sources(
        all.orders().filter(col("order_date").leq(java.sql.Date.valueOf(runDate))),
        all.drops().filter(col("drop_date").leq(java.sql.Date.valueOf(runDate))), all.catchments(), all.hubs());
    List<Row> withFuture = sorted(recommend(all, runDate, "r"));
    List<Row> withoutFuture = sorted(recommend(cut, runDate, "r"));
    assertEquals(withoutFuture, withFuture, "a run for day 42 reads nothing dated after it");
    assertEquals(java.sql.Date.valueOf(runDate), withFuture.get(0).getAs("history_to"), "history ends on the run date");
  }

  /** The recommendation rows of a run, the way the job computes them. */
  static List<Row> recommend(CadenceRecommendations.Sources sources, LocalDate runDate, String runId) {
    CadenceSettings s = CadenceSettings.defaults();
    CadenceHistory.Facts facts = CadenceRecommendations.facts(sources, runDate, s).cached();
    try {
      return CadenceRecommendations.recommend(CadenceRecommendations.inputs(facts, sources.hubs(), s), s, runDate,
          runId).collectAsList();
    } finally {
      facts.unpersist();
    }
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(java.util.Comparator.comparing(r -> r.getAs("level") + "/" + r.getAs("category")))
        .toList();
  }

  static int i(Row r, String field) {
    return r.<Integer>getAs(field);
  }

  static double d(Row r, String field) {
    return r.<Double>getAs(field);
  }

  static long l(Row r, String field) {
    return r.<Long>getAs(field);
  }

  static boolean b(Row r, String field) {
    return r.<Boolean>getAs(field);
  }

  private static List<String> weekdays(Row r) {
    return CadenceRecommendations.list(r, "weekdays");
  }

  private static int weekdayNumber(String name) {
    for (int w = 1; w <= 7; w++) {
      if (Weekdays.name(w).equals(name)) {
        return w;
      }
    }
    throw new AssertionError(name);
  }
}

package io.dropcast.forecast;

import static io.dropcast.forecast.ForecastFixtures.batch;
import static io.dropcast.forecast.ForecastFixtures.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class DemandHistoryTest {
  private static final String A = ForecastFixtures.CELL_A;
  private static final String B = ForecastFixtures.CELL_B;
  private static final LocalDate NOV1 = LocalDate.parse("2026-11-01");
  private static final LocalDate NOV2 = LocalDate.parse("2026-11-02");
  private static final LocalDate NOV3 = LocalDate.parse("2026-11-03");

  /**
   * Bakery over three days, windows 10:00-20:00 UTC (Lisbon is UTC+0 in November):
   * D0 (11-01) never sells out: 1 unit at 10:30, 1 at 14:30, 2 at 19:30, so its curve has a quarter of the
   * units by 10% of the window, half by 50% and all by the end;
   * D1 (11-02) releases 4 units and runs dry at 15:00 (half the window) with a cancelled order holding stock;
   * D2 (11-03) releases 2 units at 10:00, dry at 11:00, and 2 more at 15:00 that do not sell out;
   * a produce drop on 11-03 sells nothing; an order of 11-04 is after the run date.
   */
  private static Dataset<Row> orders() {
    return ForecastFixtures.orders(List.of(
        order("o1", "D0", "bakery", A, "2026-11-01T10:30:00Z", 1, "picked_up"),
        order("o2", "D0", "bakery", B, "2026-11-01T14:30:00Z", 1, "picked_up"),
        order("o3", "D0", "bakery", A, "2026-11-01T19:30:00Z", 2, "no_show"),
        order("o4", "D1", "bakery", A, "2026-11-02T11:00:00Z", 2, "picked_up"),
        order("o5", "D1", "bakery", A, "2026-11-02T12:00:00Z", 1, "cancelled"),
        order("o6", "D1", "bakery", B, "2026-11-02T15:00:00Z", 1, "refunded"),
        order("o7", "D2", "bakery", A, "2026-11-03T11:00:00Z", 2, "picked_up"),
        order("o8", "D2", "bakery", B, "2026-11-03T16:00:00Z", 1, "placed"),
        order("o9", "D4", "bakery", A, "2026-11-04T11:00:00Z", 5, "placed")));
  }

  private static Dataset<Row> drops() {
    return ForecastFixtures.drops(List.of(
        batch("D0", 1, "bakery", NOV1, "2026-11-01T10:00:00Z", "2026-11-01T20:00:00Z", 10),
        batch("D1", 1, "bakery", NOV2, "2026-11-02T10:00:00Z", "2026-11-02T20:00:00Z", 4),
        batch("D2", 1, "bakery", NOV3, "2026-11-03T10:00:00Z", "2026-11-03T20:00:00Z", 2),
        batch("D2", 2, "bakery", NOV3, "2026-11-03T15:00:00Z", "2026-11-03T20:00:00Z", 2),
        batch("P1", 1, "produce", NOV3, "2026-11-03T10:00:00Z", "2026-11-03T20:00:00Z", 5),
        batch("D4", 1, "bakery", LocalDate.parse("2026-11-04"), "2026-11-04T10:00:00Z", "2026-11-04T20:00:00Z", 5)));
  }

  private static Map<String, Double> upliftsOf(double maxUplift) {
    Map<String, Double> out = new TreeMap<>();
    for (Row r : DemandHistory.uplifts(orders(), drops(), new DemandHistory.Params(NOV3, maxUplift, 91))
        .collectAsList()) {
      out.put(r.getString(0), Math.round(r.getDouble(1) * 1e6) / 1e6);
    }
    return out;
  }

  @Test
  void aSoldOutDropIsRaisedByTheShareOfItsCategorysSalesCurveItMissed() {
    // D1 ran dry at half its window, where the curve has served half the demand: x2. D2's first batch ran dry
    // at 10% and its period ended at 50%: it missed 0.5 - 0.25 of the demand, x 1 / 0.75. D4 is after the run date.
    assertEquals(Map.of("D0", 1.0, "D1", 2.0, "D2", 1.333333, "P1", 1.0), upliftsOf(4.0));
  }

  @Test
  void theUpliftOfASoldOutDropNeverExceedsTheConfiguredMaximum() {
    assertEquals(Map.of("D0", 1.0, "D1", 1.5, "D2", 1.333333, "P1", 1.0), upliftsOf(1.5));
  }

  @Test
  void dailyDemandKeepsObservedAndEstimatedUnitsWithZeroDaysFilledForEveryCategory() {
    Map<String, String> got = new TreeMap<>();
    for (Row r : DemandHistory.daily(orders(), drops(), new DemandHistory.Params(NOV3, 4.0, 91)).collectAsList()) {
      String key = (r.getString(0).equals(A) ? "A" : "B") + " " + r.getString(1) + " " + r.getDate(2);
      got.put(key, String.format(java.util.Locale.ROOT, "%.4f/%.4f/%s", r.getDouble(3), r.getDouble(4), r.getBoolean(5)));
    }
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("A bakery 2026-11-01", "3.0000/3.0000/false"),
        Map.entry("A bakery 2026-11-02", "2.0000/4.0000/true"),
        Map.entry("A bakery 2026-11-03", "2.0000/2.6667/true"),
        Map.entry("B bakery 2026-11-01", "1.0000/1.0000/false"),
        Map.entry("B bakery 2026-11-02", "1.0000/2.0000/true"),
        Map.entry("B bakery 2026-11-03", "1.0000/1.3333/true"),
        Map.entry("A produce 2026-11-01", "0.0000/0.0000/false"),
        Map.entry("A produce 2026-11-02", "0.0000/0.0000/false"),
        Map.entry("A produce 2026-11-03", "0.0000/0.0000/false"),
        Map.entry("B produce 2026-11-01", "0.0000/0.0000/false"),
        Map.entry("B produce 2026-11-02", "0.0000/0.0000/false"),
        Map.entry("B produce 2026-11-03", "0.0000/0.0000/false")));
    assertEquals(expected, got);
  }

  @Test
  void aDaysDemandDependsOnNoDataAfterItSoLaterRunsWriteTheSameValuesForIt() {
    Dataset<Row> early = DemandHistory.daily(orders(), drops(), new DemandHistory.Params(NOV2, 4.0, 91));
    Dataset<Row> late = DemandHistory.daily(orders(), drops(), new DemandHistory.Params(NOV3, 4.0, 91))
        .filter("date <= '2026-11-02' AND category = 'bakery'");
    List<String> a = early.collectAsList().stream().map(Row::toString).sorted().toList();
    List<String> b = late.collectAsList().stream().map(Row::toString).sorted().toList();
    assertEquals(4, a.size(), "2 cells x bakery (the only category seen by 11-02) x 2 days: " + a);
    assertEquals(a, b);
  }
}

package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ForecastFeaturesTest {
  private static final LocalDate START = LocalDate.of(2026, 1, 1);

  /** Two neighbouring cells, one category, 70 days; units = day index (1 on START) plus 100 on the second cell. */
  private static Dataset<Row> ramp(int days) {
    List<String> cells = Fixtures.ring1();
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= days; i++) {
      rows.add(Fixtures.row(cells.get(0), "grocery", START.plusDays(i - 1), (double) i));
      rows.add(Fixtures.row(cells.get(1), "grocery", START.plusDays(i - 1), 100.0 + i));
    }
    return Fixtures.history(rows);
  }

  private static FeatureSpec spec(int horizon, boolean fill) {
    return new SeasonalNaiveForecaster().setHorizon(horizon).setFillMissingAsZero(fill)
        .setHolidays("01-01", "2026-02-17").featureSpec(horizon);
  }

  /** The one feature row of a series, origin and horizon, looked up in collected rows. */
  private static Row only(List<Row> features, String cell, LocalDate origin, int horizon) {
    List<Row> rows = features.stream()
        .filter(r -> r.getAs("neighbourhood").equals(cell)
            && r.<Date>getAs(ForecastFeatures.ORIGIN).toLocalDate().equals(origin)
            && r.<Integer>getAs(ForecastFeatures.HORIZON) == horizon)
        .toList();
    assertEquals(1, rows.size(), "exactly one feature row per series, origin and horizon");
    return rows.get(0);
  }

  @Test
  void featuresAtAnOriginAreIdenticalWhetherOrNotDemandSpikesOnAndAfterTheOrigin() {
    Dataset<Row> history = ramp(70);
    LocalDate origin = START.plusDays(49);
    Dataset<Row> spiked = history.withColumn("units",
        when(col("date").geq(lit(Date.valueOf(origin))), col("units").multiply(1000).plus(1e6))
            .otherwise(col("units")));
    List<LocalDate> origins = List.of(origin, origin.plusDays(1));
    Dataset<Row> clean = ForecastFeatures.build(history, origins, spec(14, false));
    Dataset<Row> dirty = ForecastFeatures.build(spiked, origins, spec(14, false));
    Date o = Date.valueOf(origin);
    assertEquals(Fixtures.sorted(clean.filter(col("origin").equalTo(lit(o)))),
        Fixtures.sorted(dirty.filter(col("origin").equalTo(lit(o)))),
        "features at the origin must not read demand on or after it");
    // The comparison is sensitive: one day later the spike is legitimately visible as lag_1.
    Date next = Date.valueOf(origin.plusDays(1));
    assertNotEquals(Fixtures.sorted(clean.filter(col("origin").equalTo(lit(next)))),
        Fixtures.sorted(dirty.filter(col("origin").equalTo(lit(next)))),
        "the spike on the origin day must show in the next origin's features");
  }

  @Test
  void aCovariateIsReadOnlyForHorizonsWithinTheCovariateHorizonAndIsUnknownBeyond() {
    // One series; the covariate "planned" equals 10 x the day index on every day, future days included.
    String cell = Fixtures.ring1().get(0);
    LocalDate origin = START.plusDays(39);
    Dataset<Row> history = ramp(50).withColumn("planned", col("units").multiply(10.0))
        .withColumn("units", when(col("date").geq(lit(Date.valueOf(origin))), lit(null)).otherwise(col("units")));
    FeatureSpec spec = new SeasonalNaiveForecaster().setHorizon(3).setCovariateCols("planned").setCovariateHorizon(1)
        .featureSpec(3);
    List<Row> f = ForecastFeatures.build(history, List.of(origin), spec).collectAsList();
    assertEquals(400.0, only(f, cell, origin, 1).<Double>getAs("planned"), "h=1 targets day index 40: known");
    assertEquals(ForecastFeatures.UNKNOWN_COVARIATE, only(f, cell, origin, 2).<Double>getAs("planned"),
        "h=2 is beyond the covariate horizon");
    assertEquals(ForecastFeatures.UNKNOWN_COVARIATE, only(f, cell, origin, 3).<Double>getAs("planned"));
  }

  @Test
  void lagsSameWeekdayValuesAndRollingStatisticsMatchHandComputedValues() {
    String cell = Fixtures.ring1().get(0);
    LocalDate origin = START.plusDays(39); // day index 40: lag_k = 40 - k
    List<Row> f = ForecastFeatures.build(ramp(60), List.of(origin), spec(14, false)).collectAsList();
    Row h1 = only(f, cell, origin, 1);
    for (int k = 1; k <= 7; k++) {
      assertEquals(40.0 - k, h1.<Double>getAs(ForecastFeatures.lag(k)), "lag_" + k);
    }
    assertEquals(33.0, h1.<Double>getAs("same_weekday_1"), "h=1 targets the origin's weekday: 7 days back");
    assertEquals(26.0, h1.<Double>getAs("same_weekday_2"));
    assertEquals(12.0, h1.<Double>getAs("same_weekday_4"), "four weeks back: 28 days");
    assertEquals(39.0, only(f, cell, origin, 7).<Double>getAs("same_weekday_1"), "h=7 is the day before origin");
    assertEquals(33.0, only(f, cell, origin, 8).<Double>getAs("same_weekday_1"), "h=8 wraps to 7 days back");
    assertEquals(39.0, only(f, cell, origin, 14).<Double>getAs("same_weekday_1"), "t = day 53 shares day 39's weekday");
    assertEquals(36.0, h1.<Double>getAs("mean_7"), 1e-12);
    assertEquals(2.0, h1.<Double>getAs("std_7"), 1e-12, "population std of 33..39");
    assertEquals(25.5, h1.<Double>getAs("mean_28"), 1e-12);
    assertEquals(20.0, h1.<Double>getAs("mean_56"), 1e-12, "only 39 days exist: mean of 1..39 (no fill)");
    assertEquals(39, h1.<Integer>getAs(ForecastFeatures.HISTORY_DAYS));
    assertEquals(25.5 + 50.0, h1.<Double>getAs(ForecastFeatures.CATEGORY_MEAN), 1e-12, "mean of 25.5 and 125.5");
    assertEquals(125.5, h1.<Double>getAs(ForecastFeatures.NEIGHBOURS_CATEGORY_MEAN), 1e-12,
        "the neighbour cell's mean, the own cell excluded");
  }

  @Test
  void calendarFeaturesMarkHolidaysWeekdaysAndDaysToPayday() {
    // Origin 2026-02-16 (Monday) with horizon 14: targets 02-16 .. 03-01.
    LocalDate origin = LocalDate.of(2026, 2, 16);
    List<Row> f = ForecastFeatures.build(ramp(60), List.of(origin), spec(14, false)).collectAsList();
    String cell = Fixtures.ring1().get(0);
    Row mon = only(f, cell, origin, 1);
    assertEquals(2, mon.<Integer>getAs(ForecastFeatures.DAY_OF_WEEK), "Monday is 2 (Sunday = 1)");
    assertEquals(16, mon.<Integer>getAs(ForecastFeatures.DAY_OF_MONTH));
    assertEquals(0.0, mon.<Double>getAs(ForecastFeatures.IS_HOLIDAY));
    assertEquals(9.0, mon.<Double>getAs(ForecastFeatures.DAYS_TO_PAYDAY), "16 Feb to 25 Feb");
    assertEquals(1.0, only(f, cell, origin, 2).<Double>getAs(ForecastFeatures.IS_HOLIDAY), "2026-02-17 listed");
    assertEquals(0.0, only(f, cell, origin, 10).<Double>getAs(ForecastFeatures.DAYS_TO_PAYDAY), "25 Feb is payday");
    assertEquals(27.0, only(f, cell, origin, 11).<Double>getAs(ForecastFeatures.DAYS_TO_PAYDAY),
        "26 Feb to 25 Mar");
    // A payday on the 31st falls on the month's last day in February.
    FeatureSpec lastDay = new SeasonalNaiveForecaster().setPaydayDays(31, 15).featureSpec(14);
    List<Row> g = ForecastFeatures.build(ramp(60), List.of(origin), lastDay).collectAsList();
    assertEquals(12.0, only(g, cell, origin, 1).<Double>getAs(ForecastFeatures.DAYS_TO_PAYDAY), "16 Feb to 28 Feb");
    assertEquals(0.0, only(g, cell, origin, 13).<Double>getAs(ForecastFeatures.DAYS_TO_PAYDAY), "28 Feb: the 31st clamped");
    assertEquals(14.0, only(g, cell, origin, 14).<Double>getAs(ForecastFeatures.DAYS_TO_PAYDAY), "1 Mar to 15 Mar");
    // Fixed-date holidays recur: 01-01 of 2027.
    List<Row> ny = ForecastFeatures.build(ramp(60), List.of(LocalDate.of(2027, 1, 1)), spec(1, false))
        .collectAsList();
    assertEquals(1.0, only(ny, cell, LocalDate.of(2027, 1, 1), 1).<Double>getAs(ForecastFeatures.IS_HOLIDAY));
  }

  @Test
  void missingDaysCountAsZeroOnlyWhenFillMissingAsZeroIsSet() {
    LocalDate origin = START.plusDays(39);
    LocalDate gap = origin.minusDays(2);
    Dataset<Row> withGap = ramp(60).filter(col("date").notEqual(lit(Date.valueOf(gap))));
    String cell = Fixtures.ring1().get(0);

    Row kept = only(ForecastFeatures.build(withGap, List.of(origin), spec(7, false)).collectAsList(), cell, origin, 1);
    assertNull(kept.getAs("lag_2"), "a missing day is null without fillMissingAsZero");
    assertEquals((33 + 34 + 35 + 36 + 37 + 39) / 6.0, kept.<Double>getAs("mean_7"), 1e-12,
        "means use the observed days only");

    Row filled = only(ForecastFeatures.build(withGap, List.of(origin), spec(7, true)).collectAsList(), cell, origin,
        1);
    assertEquals(0.0, filled.<Double>getAs("lag_2"), "a missing day is 0 with fillMissingAsZero");
    assertEquals((33 + 34 + 35 + 36 + 37 + 39) / 7.0, filled.<Double>getAs("mean_7"), 1e-12);
    assertEquals((780.0 - 38) / 39, filled.<Double>getAs("mean_56"), 1e-9,
        "days before the series' first day are not filled: the 56-day mean spans the 39 days of history");
  }
}

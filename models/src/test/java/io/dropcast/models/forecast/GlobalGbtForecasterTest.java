package io.dropcast.models.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.dropcast.models.testing.TestSpark;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class GlobalGbtForecasterTest {

  @Test
  void globalGbtBeatsSeasonalNaiveOnMaseWithWeeklyPatternTrendAndHolidays() {
    // 30 series over 126 days: strong weekly profile, +0.6 %/day trend, a holiday every 11 days at 35 %
    // of normal demand, lognormal noise sd 0.1. Two weekly backtest folds at the end.
    LocalDate start = LocalDate.of(2026, 1, 5);
    Set<LocalDate> holidays = new HashSet<>();
    for (int d = 3; d < 126; d += 11) {
      holidays.add(start.plusDays(d));
    }
    Dataset<Row> history = Fixtures.synthetic(30, 126, start, 11L, 0.006, 0.1, holidays, 0.35).cache();
    String[] holidayParam = holidays.stream().map(LocalDate::toString).sorted().toArray(String[]::new);

    GlobalGbtForecaster gbt = new GlobalGbtForecaster().setMaxIter(20).setMaxDepth(4).setStepSize(0.25)
        .setMaxTrainingOrigins(10)
        .setSeed(7L).setCalibrationFolds(0).setHolidays(holidayParam);
    SeasonalNaiveForecaster naive = new SeasonalNaiveForecaster().setCalibrationFolds(0).setHolidays(holidayParam);

    long t0 = System.nanoTime();
    Dataset<Row> gbtRows = RollingOriginBacktest.run(history, gbt, 7, 2, 7).cache();
    long gbtRowsCount = gbtRows.count();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Dataset<Row> naiveRows = RollingOriginBacktest.run(history, naive, 7, 2, 7).cache();

    ForecastMetrics metrics = ForecastMetrics.of(gbt);
    Row g = metrics.overall(metrics.withScales(gbtRows, history)).first();
    Row n = metrics.overall(metrics.withScales(naiveRows, history)).first();
    double gbtMase = g.getDouble(g.fieldIndex("mase"));
    double naiveMase = n.getDouble(n.fieldIndex("mase"));
    System.out.printf("GBT backtest (2 fits + forecasts) %.1f s; MASE gbt %.3f vs seasonal naive %.3f (ratio %.3f); "
            + "WAPE gbt %.3f vs %.3f%n", seconds, gbtMase, naiveMase, gbtMase / naiveMase,
        g.getDouble(g.fieldIndex("wape")), n.getDouble(n.fieldIndex("wape")));
    assertEquals(30L * 2 * 7, gbtRowsCount, "every series, fold and horizon is forecast");
    assertTrue(gbtMase / naiveMase < 1.0, "GBT MASE " + gbtMase + " should beat seasonal naive " + naiveMase);
    gbtRows.unpersist();
    naiveRows.unpersist();
    history.unpersist();
  }

  @Test
  void aHistoryWithMoreCategoriesThanTheTreesDefaultBinsTrainsAndForecastsEveryCategory() {
    // 40 categories: a category index with 41 values, more than Spark's default 32 bins, failed the fit
    // ("DecisionTree requires maxBins (= 32) to be at least as large as the number of values in each categorical
    // feature") before the bins followed the categories.
    Dataset<Row> two = Fixtures.synthetic(2, 56, LocalDate.of(2026, 1, 5), 5L, 0.0, 0.2, Set.of(), 1.0);
    Dataset<Row> history = two.filter(col("category").equalTo("grocery"))
        .crossJoin(TestSpark.get().range(40).select(col("id").cast("string").as("c")))
        .withColumn("category", org.apache.spark.sql.functions.concat(lit("cat-"), col("c"))).drop("c");
    GlobalGbtForecaster gbt = new GlobalGbtForecaster().setMaxIter(2).setMaxDepth(2).setMaxTrainingOrigins(2)
        .setCalibrationFolds(0);
    Dataset<Row> forecast = gbt.fit(history).transform(history);
    assertEquals(40L, forecast.select("category").distinct().count(), "a forecast for every category");
    assertEquals(0L, forecast.filter(col("prediction").isNull()).count());
    assertEquals(32, GlobalGbtForecaster.maxBins(31), "up to 31 categories the trees keep Spark's default bins");
    assertEquals(41, GlobalGbtForecaster.maxBins(40));
  }

  @Test
  void theSameRowsGiveTheSameForecastsWhateverTheirPartitioningAndOrder() {
    Dataset<Row> history = Fixtures.synthetic(12, 84, LocalDate.of(2026, 1, 5), 3L, 0.004, 0.2, Set.of(), 1.0)
        .cache();
    // Subsampling on (0.8) makes every tree depend on which rows each partition holds, in what order.
    GlobalGbtForecaster gbt = new GlobalGbtForecaster().setMaxIter(5).setMaxDepth(3).setMaxTrainingOrigins(4)
        .setSubsamplingRate(0.8).setSeed(11L).setCalibrationFolds(0).setTrainingPartitions(3);
    List<Row> onePartition = Fixtures.sortedRows(gbt.fit(history.coalesce(1)).transform(history));
    Dataset<Row> reshuffled = history.repartition(5, org.apache.spark.sql.functions.rand(42L))
        .sortWithinPartitions(org.apache.spark.sql.functions.rand(7L));
    List<Row> fivePartitions = Fixtures.sortedRows(gbt.fit(reshuffled).transform(history));
    // The same trees: forecasts agree to rounding (sums of doubles still add up in the shuffles' order).
    assertSameForecasts(onePartition, fivePartitions, "from one partition and from five shuffled ones");
    history.unpersist();
  }

  @Test
  void demandThatDiffersOnlyInItsLastBitsGivesTheSameForecasts() {
    // Two runs of the same night sum doubles in the order their shuffles deliver them, so their demand can differ
    // in the last bits (TableContents compares tables to a relative 1e-9 for that reason). Left as they are, such
    // differences can break a tie between split candidates, and the trees, hence the forecasts, part ways.
    Dataset<Row> history = Fixtures.synthetic(12, 84, LocalDate.of(2026, 1, 5), 3L, 0.004, 0.2, Set.of(), 1.0)
        .withColumn("units", round(col("units").divide(5))).cache();
    Column units = col("units");
    Dataset<Row> moved = history.withColumn("moved", when(pmod(hash(col("date"), col("neighbourhood")), lit(3))
        .equalTo(0), units.multiply(1 + 4e-16)).otherwise(units));
    assertTrue(moved.where(col("moved").notEqual(units)).count() > 100,
        "the fixture moves the last bits of many days' demand");
    Dataset<Row> lastBits = moved.drop("units").withColumnRenamed("moved", "units");
    // Calibrated, so that the volume bands, whose edges are levels that many series share, are part of the test.
    GlobalGbtForecaster gbt = new GlobalGbtForecaster().setMaxIter(5).setMaxDepth(3).setMaxTrainingOrigins(4)
        .setSeed(11L).setCalibrationFolds(2).setTrainingPartitions(3);
    List<Row> exact = Fixtures.sortedRows(gbt.fit(history).transform(history));
    List<Row> perturbed = Fixtures.sortedRows(gbt.fit(lastBits).transform(history));
    assertSameForecasts(exact, perturbed, "from the demand as it is and from its last bits moved");
    history.unpersist();
  }

  @Test
  void theGbtSeesItsInputsRoundedToFixedDecimalsAndCovariatesToSignificantDigits() {
    Double[] values = {123.4567891, 0.000123456789, 1.234567e12, -98.7654321, 0.0, 3.0, 1e-16, Double.NaN, null};
    Dataset<Row> x = TestSpark.get().createDataFrame(Arrays.stream(values).map(RowFactory::create).toList(),
        new StructType().add("x", DataTypes.DoubleType));
    List<Row> rows = x.select(StableDoubles.decimals(col("x")), StableDoubles.significant(col("x"))).collectAsList();
    assertEquals(Arrays.asList(123.456789, 0.000123, 1.234567e12, -98.765432, 0.0, 3.0, 0.0, Double.NaN, null),
        rows.stream().map(r -> r.isNullAt(0) ? null : r.getDouble(0)).toList(), "six decimals");
    assertEquals(Arrays.asList(123.457, 0.000123457, 1.23457e12, -98.7654, 0.0, 3.0, 1e-16, Double.NaN, null),
        rows.stream().map(r -> r.isNullAt(1) ? null : r.getDouble(1)).toList(), "six significant digits");
  }

  /** The same series and days in the same order, and every double (point and quantiles) to a relative 1e-9. */
  private static void assertSameForecasts(List<Row> expected, List<Row> actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      Row a = expected.get(i);
      Row b = actual.get(i);
      assertEquals(a.getString(0) + a.getString(1) + a.getDate(3), b.getString(0) + b.getString(1) + b.getDate(3));
      for (int f = 0; f < a.length(); f++) {
        if (a.get(f) instanceof Double x) {
          assertEquals(x, b.getDouble(f), 1e-9 * Math.max(1.0, Math.abs(x)),
              a.schema().fields()[f].name() + " of " + a + " " + what);
        }
      }
    }
  }

  @Test
  void trainingOriginsStepBackFromTheLastFullyObservedHorizon() {
    GlobalGbtForecaster gbt = new GlobalGbtForecaster().setHorizon(7).setOriginStepDays(7).setMinHistoryDays(28)
        .setMaxTrainingOrigins(3);
    LocalDate first = LocalDate.of(2026, 1, 1);
    assertEquals(List.of(LocalDate.of(2026, 3, 25), LocalDate.of(2026, 3, 18), LocalDate.of(2026, 3, 11)),
        gbt.trainingOrigins(first, LocalDate.of(2026, 3, 31)));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> gbt.trainingOrigins(first, LocalDate.of(2026, 1, 20)));
    assertTrue(e.getMessage().contains("history starts on 2026-01-01"), e.getMessage());
  }
}

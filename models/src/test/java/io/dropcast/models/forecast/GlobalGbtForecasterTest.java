package io.dropcast.models.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    assertEquals(onePartition.size(), fivePartitions.size());
    int mean = onePartition.get(0).fieldIndex("prediction");
    for (int i = 0; i < onePartition.size(); i++) {
      Row a = onePartition.get(i);
      Row b = fivePartitions.get(i);
      assertEquals(a.getString(0) + a.getString(1) + a.getDate(3), b.getString(0) + b.getString(1) + b.getDate(3));
      assertEquals(a.getDouble(mean), b.getDouble(mean), 1e-9 * Math.max(1.0, a.getDouble(mean)),
          "forecast of " + a + " from one partition equals that from five shuffled ones");
    }
    history.unpersist();
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

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

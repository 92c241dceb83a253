package io.dropcast.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.dropcast.errors.Errors;
import io.dropcast.models.forecast.ConformalCalibration;
import io.dropcast.models.forecast.ConformalCalibrator;
import io.dropcast.models.forecast.DemandForecaster;
import io.dropcast.models.forecast.ForecastMetrics;
import io.dropcast.models.forecast.RollingOriginBacktest;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Rolling-origin evaluation with honest quantiles, and the calibration of the model that is kept.
 *
 * <p>Folds step back from the end of the history by {@code foldStepDays}; the latest {@code backtestFolds}
 * are scored, the ones before them only calibrate. Every fold's point forecaster is fitted on the data before
 * its origin (baselines learn nothing and are fitted once). A scored fold's quantiles are calibrated
 * (split-conformal, {@link ConformalCalibrator}) on the residuals of the latest {@code calibrationFolds}
 * folds whose whole horizon ends before its origin, so no scored actual ever informs its own interval. The
 * calibration kept with the model uses the latest {@code calibrationFolds} folds.
 */
public final class Evaluation {
  public static final String FORECASTER = "forecaster";

  private Evaluation() {}

  /**
   * @param scored backtest rows of the scored folds: forecast columns, quantile columns, {@code fold},
   *     {@code actual} and {@code forecaster}
   * @param calibration the calibration for a model fitted on the whole history
   */
  public record Result(Dataset<Row> scored, ConformalCalibration calibration, List<LocalDate> scoredOrigins) {}

  /** Folds needed: the scored ones, the calibrating ones, and those whose horizon overlaps the first scored origin. */
  static int totalFolds(ForecastSettings s) {
    int overlap = (s.horizon() + s.foldStepDays() - 1) / s.foldStepDays() - 1;
    return s.backtestFolds() + s.calibrationFolds() + overlap;
  }

  public static Result run(Dataset<Row> history, DemandForecaster<?> forecaster, String name, ForecastSettings s) {
    int total = totalFolds(s);
    DemandForecaster<?> est = forecaster.copy(ParamMap.empty()).setCalibrationFolds(0);
    Dataset<Row> all = RollingOriginBacktest.run(history, est, s.horizon(), total, s.foldStepDays())
        .persist(StorageLevel.MEMORY_AND_DISK());
    LocalDate last = lastDay(history);
    List<LocalDate> origins = RollingOriginBacktest.origins(last, s.horizon(), total, s.foldStepDays());
    Dataset<Row> scored = null;
    List<LocalDate> scoredOrigins = new ArrayList<>();
    for (int k = total - s.backtestFolds() + 1; k <= total; k++) {
      LocalDate origin = origins.get(k - 1);
      List<Integer> calibrating = new ArrayList<>();
      for (int f = k - 1; f >= 1 && calibrating.size() < s.calibrationFolds(); f--) {
        if (origins.get(f - 1).plusDays(s.horizon() - 1L).isBefore(origin)) {
          calibrating.add(f);
        }
      }
      ConformalCalibration cal = calibrator(est, name + "_fold" + k).fit(all.filter(col(RollingOriginBacktest.FOLD)
          .isin(calibrating.toArray())));
      Dataset<Row> fold = cal.transform(all.filter(col(RollingOriginBacktest.FOLD).equalTo(k)));
      scored = scored == null ? fold : scored.unionByName(fold);
      scoredOrigins.add(origin);
    }
    List<Integer> latest = new ArrayList<>();
    for (int f = total; f > total - s.calibrationFolds(); f--) {
      latest.add(f);
    }
    ConformalCalibration kept = calibrator(est, name + "_calibration")
        .fit(all.filter(col(RollingOriginBacktest.FOLD).isin(latest.toArray())));
    return new Result(scored.withColumn(FORECASTER, lit(name)), kept, scoredOrigins);
  }

  private static ConformalCalibrator calibrator(DemandForecaster<?> est, String uid) {
    ConformalCalibrator c = new ConformalCalibrator(uid);
    est.copyValues(c, ParamMap.empty());
    return c;
  }

  static LocalDate lastDay(Dataset<Row> history) {
    Date last = history.filter(col(ForecastSettings.UNITS).isNotNull()).agg(max(col(ForecastSettings.DATE)))
        .first().getDate(0);
    if (last == null) {
      throw Errors.forecastNoHistory("run the backtest", "the history", "pass a history with demand rows");
    }
    return last.toLocalDate();
  }

  /** Metric rows of one forecaster's scored folds: overall, cold_start, warm, and one per series. */
  public static Dataset<Row> metrics(Dataset<Row> scored, Dataset<Row> history, DemandForecaster<?> p, String name) {
    ForecastMetrics m = ForecastMetrics.of(p);
    Dataset<Row> withScales = m.withScales(scored, history).persist(StorageLevel.MEMORY_AND_DISK());
    String nb = p.getNeighbourhoodCol();
    String cat = p.getCategoryCol();
    Column cold = col(p.getColdStartCol());
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.add(scope(m.overall(withScales), "overall", name));
    parts.add(scope(m.overall(withScales.filter(cold)), "cold_start", name));
    parts.add(scope(m.overall(withScales.filter(cold.equalTo(false))), "warm", name));
    Dataset<Row> series = m.perSeries(withScales);
    Dataset<Row> out = null;
    for (Dataset<Row> part : parts) {
      out = out == null ? part : out.unionByName(part, true);
    }
    Dataset<Row> perSeries = series.withColumn("scope", lit("series")).withColumn(FORECASTER, lit(name))
        .withColumnRenamed(nb, "series_key").withColumnRenamed(cat, "series_category")
        .drop(ForecastMetrics.SERIES);
    return out.unionByName(perSeries, true);
  }

  private static Dataset<Row> scope(Dataset<Row> overall, String scope, String name) {
    return overall.drop(ForecastMetrics.SERIES).withColumn("scope", lit(scope)).withColumn(FORECASTER, lit(name));
  }
}

package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rolling-origin backtest. Fold origins sit at the end of the history: the last fold's origin is
 * {@code lastDay - horizon + 1} (its whole horizon is observed) and each earlier fold steps back by
 * {@code stepDays}. For every fold the forecaster is fitted on the rows before the origin only, then
 * forecasts the next {@code horizon} days (a forecaster that learns nothing from data, like the
 * baselines, is fitted once before the first origin and forecasts all origins in one plan) (features read the full history, which is safe: they use
 * demand before the origin and covariates of the target day only). Output: the forecast columns plus
 * {@code fold} (int, 1 = earliest, K = latest) and the actual column (Param actualCol), rows without an
 * actual dropped.
 */
public final class RollingOriginBacktest {
  public static final String FOLD = "fold";

  private RollingOriginBacktest() {}

  /** Origins of folds 1..K, oldest first. */
  public static List<LocalDate> origins(LocalDate lastDay, int horizon, int folds, int stepDays) {
    List<LocalDate> origins = new ArrayList<>();
    LocalDate latest = lastDay.minusDays(horizon - 1L);
    for (int f = folds - 1; f >= 0; f--) {
      origins.add(latest.minusDays((long) f * stepDays));
    }
    return origins;
  }

  public static Dataset<Row> run(Dataset<Row> history, DemandForecaster<?> forecaster, int horizon, int folds,
      int stepDays) {
    if (horizon < 1 || folds < 1 || stepDays < 1) {
      throw new IllegalArgumentException(String.format(
          "Backtest needs horizon, folds and stepDays >= 1 but got horizon=%d, folds=%d, stepDays=%d.",
          horizon, folds, stepDays));
    }
    DemandForecaster<?> est = forecaster.copy(ParamMap.empty()).setHorizon(horizon);
    est.transformSchema(history.schema());
    Row span = history.filter(col(est.getUnitsCol()).isNotNull())
        .agg(min(col(est.getDateCol())), max(col(est.getDateCol()))).first();
    if (span.isNullAt(0)) {
      throw ForecastErrors.noData("run a backtest", "Pass a history with demand rows.");
    }
    LocalDate first = span.getDate(0).toLocalDate();
    List<LocalDate> origins = origins(span.getDate(1).toLocalDate(), horizon, folds, stepDays);
    if (!origins.get(0).isAfter(first)) {
      throw ForecastErrors.historyTooShort("run a " + folds + "-fold backtest", first, origins.get(0));
    }
    Dataset<Row> all;
    if (est.learnsFromData()) {
      all = null;
      for (int f = 0; f < origins.size(); f++) {
        LocalDate o = origins.get(f);
        DemandForecastModel model = est.fit(history.filter(col(est.getDateCol()).lt(lit(Date.valueOf(o)))));
        Dataset<Row> preds = model.forecast(history, o, horizon).withColumn(FOLD, lit(f + 1));
        all = all == null ? preds : all.unionByName(preds);
      }
    } else {
      // Nothing learned from data (a calibration, if any, sees only data before the first origin): one
      // model and one plan for all folds.
      LocalDate latest = origins.get(origins.size() - 1);
      DemandForecastModel model = est.fit(history.filter(col(est.getDateCol()).lt(lit(Date.valueOf(origins.get(0))))));
      all = model.forecast(history, origins, horizon).withColumn(FOLD,
          lit(folds).minus(datediff(lit(Date.valueOf(latest)), col(est.getOriginCol())).divide(stepDays))
              .cast("int"));
    }
    FeatureSpec spec = est.featureSpec(horizon);
    return ForecastFeatures.withActuals(all, history, spec, est.getTargetDateCol(), est.getActualCol())
        .filter(col(est.getActualCol()).isNotNull());
  }
}

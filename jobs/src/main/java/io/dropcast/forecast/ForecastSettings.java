package io.dropcast.forecast;

import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.models.calendar.HolidayCalendar;
import io.dropcast.models.forecast.DemandForecaster;
import io.dropcast.models.forecast.GlobalGbtForecaster;
import io.dropcast.models.forecast.MovingAverageForecaster;
import io.dropcast.models.forecast.SeasonalNaiveForecaster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The forecasting configuration of a run, read once from the validated config, and the forecasters it
 * builds: the global GBT and the two baselines, all with the same column names, calendar, cold-start
 * and quantile settings, so the backtest compares like with like.
 *
 * @param keyCol the series' location column of the model input ("neighbourhood" or "location_id")
 * @param covariates the covariate columns of the model input
 * @param covariateHorizon horizons (from 1) whose covariates are known at forecast time
 */
public record ForecastSettings(int horizon, double[] quantiles, List<String> holidays, int[] paydays,
    int minHistoryDays, int coldStartRing, int calibrationFolds, int backtestFolds, int foldStepDays,
    int gbtMaxIter, int gbtMaxDepth, int gbtTrainingOrigins, long seed, String keyCol, List<String> covariates,
    int covariateHorizon) {

  public static final String GLOBAL_GBT = "global_gbt";
  public static final String SEASONAL_NAIVE = "seasonal_naive_7";
  public static final String MOVING_AVERAGE = "moving_average_28";
  /** Column names of the model input and output. */
  public static final String DATE = "date";
  public static final String UNITS = "units";
  public static final String CATEGORY = "category";

  public static ForecastSettings of(DropcastConfig config, String keyCol, List<String> covariates,
      int covariateHorizon) {
    return new ForecastSettings(config.get(Keys.FORECAST_HORIZON_DAYS),
        config.get(Keys.FORECAST_QUANTILES).stream().mapToDouble(Double::doubleValue).toArray(),
        holidays(config.get(Keys.FORECAST_HOLIDAYS)),
        config.get(Keys.FORECAST_PAYDAY_DAYS).stream().mapToInt(Double::intValue).toArray(),
        config.get(Keys.FORECAST_MIN_HISTORY_DAYS), config.get(Keys.FORECAST_COLD_START_RING),
        config.get(Keys.FORECAST_CALIBRATION_FOLDS), config.get(Keys.FORECAST_BACKTEST_FOLDS),
        config.get(Keys.FORECAST_FOLD_STEP_DAYS), config.get(Keys.FORECAST_GBT_MAX_ITER),
        config.get(Keys.FORECAST_GBT_MAX_DEPTH), config.get(Keys.FORECAST_GBT_TRAINING_ORIGINS), 20_261_126L,
        keyCol, List.copyOf(covariates), covariateHorizon);
  }

  /** The same settings with another horizon (the analyst commands take it from the command line). */
  public ForecastSettings withHorizon(int h) {
    return new ForecastSettings(h, quantiles, holidays, paydays, minHistoryDays, coldStartRing, calibrationFolds,
        backtestFolds, foldStepDays, gbtMaxIter, gbtMaxDepth, gbtTrainingOrigins, seed, keyCol, covariates,
        covariateHorizon);
  }

  /** The same settings with another number of evaluation folds. */
  public ForecastSettings withBacktestFolds(int folds) {
    return new ForecastSettings(horizon, quantiles, holidays, paydays, minHistoryDays, coldStartRing,
        calibrationFolds, folds, foldStepDays, gbtMaxIter, gbtMaxDepth, gbtTrainingOrigins, seed, keyCol,
        covariates, covariateHorizon);
  }

  /** "portugal" expands to Portugal's calendar; other entries are MM-DD or YYYY-MM-DD. */
  static List<String> holidays(List<String> entries) {
    TreeSet<String> out = new TreeSet<>();
    for (String e : entries) {
      if (e.equals("portugal")) {
        out.addAll(HolidayCalendar.portugalEntries());
      } else {
        out.add(e);
      }
    }
    return new ArrayList<>(out);
  }

  private <F extends DemandForecaster<F>> F common(F f) {
    return f.setNeighbourhoodCol(keyCol).setCategoryCol(CATEGORY).setDateCol(DATE).setUnitsCol(UNITS)
        .setCovariateCols(covariates.toArray(new String[0])).setCovariateHorizon(covariateHorizon)
        .setHorizon(horizon).setHolidays(holidays.toArray(new String[0])).setPaydayDays(paydays)
        .setFillMissingAsZero(true).setMinHistoryDays(minHistoryDays).setColdStartRingSize(coldStartRing)
        .setQuantiles(quantiles).setCalibrationFolds(0).setCalibrationStepDays(foldStepDays);
  }

  /** The global GBT, uncalibrated (the jobs calibrate it on their own backtest folds). */
  public GlobalGbtForecaster globalGbt() {
    return common(new GlobalGbtForecaster("demand_" + GLOBAL_GBT)).setMaxIter(gbtMaxIter).setMaxDepth(gbtMaxDepth)
        .setMaxTrainingOrigins(gbtTrainingOrigins).setOriginStepDays(7).setSeed(seed);
  }

  public SeasonalNaiveForecaster seasonalNaive() {
    return common(new SeasonalNaiveForecaster("demand_" + SEASONAL_NAIVE));
  }

  public MovingAverageForecaster movingAverage() {
    return common(new MovingAverageForecaster("demand_" + MOVING_AVERAGE)).setWindow(28);
  }

  /** Every forecaster by name, the model first. */
  public Map<String, DemandForecaster<?>> forecasters() {
    Map<String, DemandForecaster<?>> all = new LinkedHashMap<>();
    all.put(GLOBAL_GBT, globalGbt());
    all.put(SEASONAL_NAIVE, seasonalNaive());
    all.put(MOVING_AVERAGE, movingAverage());
    return all;
  }
}

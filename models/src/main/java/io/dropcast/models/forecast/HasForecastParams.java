package io.dropcast.models.forecast;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * Params every forecaster and forecast model has: input column names, horizon and origin, calendar,
 * gap handling, cold start, calibration folds and output column names. Definitions (doc, validator)
 * and defaults live in {@link Defs}, once.
 */
public interface HasForecastParams extends HasCalibrationParams {

  /** The Param objects of this instance (internal: use the named accessors). */
  Defs forecastDefs();

  default Param<String> neighbourhoodCol() { return forecastDefs().neighbourhoodCol; }
  default Param<String> categoryCol() { return forecastDefs().categoryCol; }
  default Param<String> dateCol() { return forecastDefs().dateCol; }
  default Param<String> unitsCol() { return forecastDefs().unitsCol; }
  default StringArrayParam covariateCols() { return forecastDefs().covariateCols; }
  default IntParam covariateHorizon() { return forecastDefs().covariateHorizon; }
  default IntParam horizon() { return forecastDefs().horizon; }
  default Param<String> origin() { return forecastDefs().origin; }
  default StringArrayParam holidays() { return forecastDefs().holidays; }
  default IntArrayParam paydayDays() { return forecastDefs().paydayDays; }
  default BooleanParam fillMissingAsZero() { return forecastDefs().fillMissingAsZero; }
  default IntParam minHistoryDays() { return forecastDefs().minHistoryDays; }
  default IntParam coldStartRingSize() { return forecastDefs().coldStartRingSize; }
  default DoubleParam coldStartNeighbourWeight() { return forecastDefs().coldStartNeighbourWeight; }
  default IntParam calibrationFolds() { return forecastDefs().calibrationFolds; }
  default IntParam calibrationStepDays() { return forecastDefs().calibrationStepDays; }
  default Param<String> originCol() { return forecastDefs().originCol; }
  default Param<String> targetDateCol() { return forecastDefs().targetDateCol; }
  default Param<String> coldStartCol() { return forecastDefs().coldStartCol; }

  default String getNeighbourhoodCol() { return getOrDefault(neighbourhoodCol()); }
  default String getCategoryCol() { return getOrDefault(categoryCol()); }
  default String getDateCol() { return getOrDefault(dateCol()); }
  default String getUnitsCol() { return getOrDefault(unitsCol()); }
  default String[] getCovariateCols() { return getOrDefault(covariateCols()); }
  default int getCovariateHorizon() { return (Integer) getOrDefault(covariateHorizon()); }
  default int getHorizon() { return (Integer) getOrDefault(horizon()); }
  default String getOrigin() { return getOrDefault(origin()); }
  default String[] getHolidays() { return getOrDefault(holidays()); }
  default int[] getPaydayDays() { return getOrDefault(paydayDays()); }
  default boolean getFillMissingAsZero() { return (Boolean) getOrDefault(fillMissingAsZero()); }
  default int getMinHistoryDays() { return (Integer) getOrDefault(minHistoryDays()); }
  default int getColdStartRingSize() { return (Integer) getOrDefault(coldStartRingSize()); }
  default double getColdStartNeighbourWeight() { return (Double) getOrDefault(coldStartNeighbourWeight()); }
  default int getCalibrationFolds() { return (Integer) getOrDefault(calibrationFolds()); }
  default int getCalibrationStepDays() { return (Integer) getOrDefault(calibrationStepDays()); }
  default String getOriginCol() { return getOrDefault(originCol()); }
  default String getTargetDateCol() { return getOrDefault(targetDateCol()); }
  default String getColdStartCol() { return getOrDefault(coldStartCol()); }

  /** The two key columns of a series, in output order. */
  default List<String> keyCols() {
    return List.of(getNeighbourhoodCol(), getCategoryCol());
  }

  /** The feature builder's view of these Params, with extra rolling windows (e.g. a moving average's). */
  default FeatureSpec featureSpec(int horizon, int... extraWindows) {
    return new FeatureSpec(getNeighbourhoodCol(), getCategoryCol(), getDateCol(), getUnitsCol(),
        Arrays.asList(getCovariateCols()), horizon, Arrays.asList(getHolidays()), getPaydayDays().clone(),
        getFillMissingAsZero(), extraWindows.clone(), getColdStartRingSize(), getCovariateHorizon());
  }

  /** The definitions and the one place their defaults are set. */
  final class Defs implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> neighbourhoodCol;
    final Param<String> categoryCol;
    final Param<String> dateCol;
    final Param<String> unitsCol;
    final StringArrayParam covariateCols;
    final IntParam covariateHorizon;
    final IntParam horizon;
    final Param<String> origin;
    final StringArrayParam holidays;
    final IntArrayParam paydayDays;
    final BooleanParam fillMissingAsZero;
    final IntParam minHistoryDays;
    final IntParam coldStartRingSize;
    final DoubleParam coldStartNeighbourWeight;
    final IntParam calibrationFolds;
    final IntParam calibrationStepDays;
    final Param<String> originCol;
    final Param<String> targetDateCol;
    final Param<String> coldStartCol;

    public Defs(HasForecastParams owner) {
      neighbourhoodCol = new Param<>(owner, "neighbourhoodCol",
          "input key column holding the series' H3 cell address (string)", Checks.nonBlank());
      categoryCol = new Param<>(owner, "categoryCol",
          "input key column holding the series' product category (string)", Checks.nonBlank());
      dateCol = new Param<>(owner, "dateCol", "input day column (date)", Checks.nonBlank());
      unitsCol = new Param<>(owner, "unitsCol",
          "input demand column to learn (numeric; null on future rows that only carry covariates)",
          Checks.nonBlank());
      covariateCols = new StringArrayParam(owner, "covariateCols",
          "numeric covariates known in advance for the target day (e.g. planned_units, discount_depth); "
              + "read from the input row of the target date, 0 when absent", Checks.distinctNonBlank());
      covariateHorizon = new IntParam(owner, "covariateHorizon",
          "covariates are known for horizons 1..covariateHorizon (e.g. a drop schedule announced one day ahead: 1); "
              + "later horizons read -1 (unknown), in training and forecasting alike",
          ParamValidators.<Object>inRange(0, 366));
      horizon = new IntParam(owner, "horizon",
          "days forecast from each origin: target dates origin .. origin + horizon - 1",
          ParamValidators.<Object>inRange(1, 366));
      origin = new Param<>(owner, "origin",
          "first forecast day of transform() as an ISO date; empty = the day after the last day with demand",
          Checks.emptyOrIsoDate());
      holidays = new StringArrayParam(owner, "holidays",
          "holidays as MM-DD (every year) or YYYY-MM-DD (one day), e.g. from HolidayCalendar",
          Checks.holidayEntries());
      paydayDays = new IntArrayParam(owner, "paydayDays",
          "days of month that are paydays (clamped to the month's last day), for the days_to_payday feature",
          Checks.daysOfMonth());
      fillMissingAsZero = new BooleanParam(owner, "fillMissingAsZero",
          "treat a missing day between a series' first day and the origin as 0 demand; "
              + "when false, lags of missing days are null and means use observed days only");
      minHistoryDays = new IntParam(owner, "minHistoryDays",
          "series with fewer days since their first observation before the origin are cold starts: "
              + "they get the pooled forecast and cold_start = true", ParamValidators.<Object>gtEq(0));
      coldStartRingSize = new IntParam(owner, "coldStartRingSize",
          "H3 grid distance k of the neighbour cells pooled for cold starts (gridDisk(cell, k) less the cell)",
          ParamValidators.<Object>inRange(1, 10));
      coldStartNeighbourWeight = new DoubleParam(owner, "coldStartNeighbourWeight",
          "weight of the neighbours' category mean in the cold-start forecast; the rest goes to the "
              + "category-wide mean", ParamValidators.<Object>inRange(0, 1));
      calibrationFolds = new IntParam(owner, "calibrationFolds",
          "rolling-origin folds at the end of the training data whose residuals calibrate the quantiles; "
              + "0 = no quantile columns", ParamValidators.<Object>inRange(0, 104));
      calibrationStepDays = new IntParam(owner, "calibrationStepDays",
          "days between consecutive calibration origins", ParamValidators.<Object>inRange(1, 366));
      originCol = new Param<>(owner, "originCol", "output column of the origin (date)", Checks.nonBlank());
      targetDateCol = new Param<>(owner, "targetDateCol",
          "output column of the forecast day (date)", Checks.nonBlank());
      coldStartCol = new Param<>(owner, "coldStartCol",
          "output column flagging pooled cold-start forecasts (boolean)", Checks.nonBlank());

      owner.setDefault(neighbourhoodCol, "neighbourhood");
      owner.setDefault(categoryCol, "category");
      owner.setDefault(dateCol, "date");
      owner.setDefault(unitsCol, "units");
      owner.setDefault(covariateCols, new String[0]);
      owner.setDefault(covariateHorizon, 366);
      owner.setDefault(horizon, 7);
      owner.setDefault(origin, "");
      owner.setDefault(holidays, new String[0]);
      owner.setDefault(paydayDays, new int[] {25});
      owner.setDefault(fillMissingAsZero, false);
      owner.setDefault(minHistoryDays, 28);
      owner.setDefault(coldStartRingSize, 1);
      owner.setDefault(coldStartNeighbourWeight, 0.5);
      owner.setDefault(calibrationFolds, 4);
      owner.setDefault(calibrationStepDays, 7);
      owner.setDefault(originCol, "origin");
      owner.setDefault(targetDateCol, "target_date");
      owner.setDefault(coldStartCol, "cold_start");
    }
  }

  /** Parses the origin Param, or null when it is empty. */
  static LocalDate parseOrigin(String origin) {
    return origin == null || origin.isEmpty() ? null : LocalDate.parse(origin);
  }
}

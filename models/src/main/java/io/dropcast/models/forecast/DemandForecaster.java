package io.dropcast.models.forecast;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The one interface of every demand forecaster (baselines and the global GBT alike), so backtests
 * compare like with like. {@link #fit} learns on a daily demand history (see the package doc for the
 * input contract) and returns a {@link DemandForecastModel}. When {@code calibrationFolds > 0} it also runs
 * a rolling-origin backtest of itself over the end of the history and calibrates conformal quantiles on
 * its residuals, so the model adds the quantile columns.
 *
 * @param <SELF> the concrete forecaster, so setters chain
 */
public abstract class DemandForecaster<SELF extends DemandForecaster<SELF>> extends Estimator<DemandForecastModel>
    implements HasForecastParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final HasCalibrationParams.Defs calibrationDefs;
  private final HasForecastParams.Defs forecastDefs;

  protected DemandForecaster(String uid) {
    this.uid = uid;
    this.calibrationDefs = new HasCalibrationParams.Defs(this);
    this.forecastDefs = new HasForecastParams.Defs(this);
  }

  @Override public final String uid() { return uid; }
  @Override public final HasCalibrationParams.Defs calibrationDefs() { return calibrationDefs; }
  @Override public final HasForecastParams.Defs forecastDefs() { return forecastDefs; }

  @SuppressWarnings("unchecked")
  protected final SELF self() { return (SELF) this; }

  public SELF setNeighbourhoodCol(String value) { set(neighbourhoodCol(), value); return self(); }
  public SELF setCategoryCol(String value) { set(categoryCol(), value); return self(); }
  public SELF setDateCol(String value) { set(dateCol(), value); return self(); }
  public SELF setUnitsCol(String value) { set(unitsCol(), value); return self(); }
  public SELF setCovariateCols(String... value) { set(covariateCols(), value); return self(); }
  public SELF setCovariateHorizon(int value) { set(covariateHorizon(), value); return self(); }
  public SELF setHorizon(int value) { set(horizon(), value); return self(); }
  public SELF setOrigin(String value) { set(origin(), value); return self(); }
  public SELF setHolidays(String... value) { set(holidays(), value); return self(); }
  public SELF setPaydayDays(int... value) { set(paydayDays(), value); return self(); }
  public SELF setFillMissingAsZero(boolean value) { set(fillMissingAsZero(), value); return self(); }
  public SELF setMinHistoryDays(int value) { set(minHistoryDays(), value); return self(); }
  public SELF setColdStartRingSize(int value) { set(coldStartRingSize(), value); return self(); }
  public SELF setColdStartNeighbourWeight(double value) { set(coldStartNeighbourWeight(), value); return self(); }
  public SELF setCalibrationFolds(int value) { set(calibrationFolds(), value); return self(); }
  public SELF setCalibrationStepDays(int value) { set(calibrationStepDays(), value); return self(); }
  public SELF setQuantiles(double... value) { set(quantiles(), value); return self(); }
  public SELF setHorizonBands(int... value) { set(horizonBands(), value); return self(); }
  public SELF setVolumeBands(int value) { set(volumeBands(), value); return self(); }
  public SELF setMinBandCount(int value) { set(minBandCount(), value); return self(); }
  public SELF setResidualSpace(String value) { set(residualSpace(), value); return self(); }
  public SELF setPredictionCol(String value) { set(predictionCol(), value); return self(); }
  public SELF setActualCol(String value) { set(actualCol(), value); return self(); }
  public SELF setHorizonCol(String value) { set(horizonCol(), value); return self(); }
  public SELF setLevelCol(String value) { set(levelCol(), value); return self(); }
  public SELF setQuantileColPrefix(String value) { set(quantileColPrefix(), value); return self(); }
  public SELF setOriginCol(String value) { set(originCol(), value); return self(); }
  public SELF setTargetDateCol(String value) { set(targetDateCol(), value); return self(); }
  public SELF setColdStartCol(String value) { set(coldStartCol(), value); return self(); }

  /** Checks the history's columns and types and returns the schema of the fitted model's forecasts. */
  @Override
  public StructType transformSchema(StructType schema) {
    Schemas.requireHistory(this, schema);
    return Schemas.forecastOutput(this, getCalibrationFolds() > 0 ? getQuantiles() : null);
  }

  @Override
  public final DemandForecastModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> history = dataset.toDF();
    DemandForecastModel model = fitPoint(history);
    copyValues(model, ParamMap.empty());
    model.setParent(this);
    if (getCalibrationFolds() > 0) {
      model.setCalibration(calibrate(history));
    }
    return model;
  }

  /**
   * Whether the point model depends on the training data. Baselines return false: a backtest then fits
   * once and forecasts every fold's origin in one plan (still leak-free, as features read only data
   * before each origin).
   */
  protected boolean learnsFromData() {
    return true;
  }

  /** Learns the point forecaster; the returned model gets this forecaster's Params copied in. */
  protected abstract DemandForecastModel fitPoint(Dataset<Row> history);

  /** Backtests an uncalibrated copy of this forecaster over the end of the history and fits quantiles. */
  private ConformalCalibration calibrate(Dataset<Row> history) {
    SELF inner = copy(ParamMap.empty());
    inner.setCalibrationFolds(0);
    Dataset<Row> backtest = RollingOriginBacktest.run(history, inner, getHorizon(), getCalibrationFolds(),
        getCalibrationStepDays());
    ConformalCalibrator calibrator = new ConformalCalibrator(uid + "_calibrator");
    copyValues(calibrator, ParamMap.empty());
    return calibrator.fit(backtest);
  }

  @Override
  public abstract SELF copy(ParamMap extra);
}

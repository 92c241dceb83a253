package io.dropcast.models.forecast;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Baseline: the forecast for target day t is the demand on the day of the last full week before the
 * origin that shares t's weekday ({@code same_weekday_1}). Learns nothing.
 */
public final class SeasonalNaiveForecaster extends DemandForecaster<SeasonalNaiveForecaster> {
  private static final long serialVersionUID = 1L;

  public SeasonalNaiveForecaster() {
    this(Identifiable$.MODULE$.randomUID("seasonalNaive"));
  }

  public SeasonalNaiveForecaster(String uid) {
    super(uid);
  }

  @Override
  protected boolean learnsFromData() {
    return false;
  }

  @Override
  protected DemandForecastModel fitPoint(Dataset<Row> history) {
    return new SeasonalNaiveModel(uid());
  }

  @Override
  public SeasonalNaiveForecaster copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static SeasonalNaiveForecaster load(String path) {
    return new DefaultParamsReader<SeasonalNaiveForecaster>().load(path);
  }
}

package io.dropcast.models.forecast;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Baseline: the mean demand of the last {@code window} days before the origin, flat over the horizon. */
public final class MovingAverageForecaster extends DemandForecaster<MovingAverageForecaster> implements HasWindow {
  private static final long serialVersionUID = 1L;
  private final HasWindow.Defs windowDefs;

  public MovingAverageForecaster() {
    this(Identifiable$.MODULE$.randomUID("movingAverage"));
  }

  public MovingAverageForecaster(String uid) {
    super(uid);
    this.windowDefs = new HasWindow.Defs(this);
  }

  @Override public HasWindow.Defs windowDefs() { return windowDefs; }

  public MovingAverageForecaster setWindow(int value) { set(window(), value); return this; }

  @Override
  protected boolean learnsFromData() {
    return false;
  }

  @Override
  protected DemandForecastModel fitPoint(Dataset<Row> history) {
    return new MovingAverageModel(uid());
  }

  @Override
  public MovingAverageForecaster copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MovingAverageForecaster load(String path) {
    return new DefaultParamsReader<MovingAverageForecaster>().load(path);
  }
}

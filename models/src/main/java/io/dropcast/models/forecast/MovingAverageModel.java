package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Moving average: {@code mean_<window>} of {@link ForecastFeatures}. */
public final class MovingAverageModel extends DemandForecastModel implements HasWindow {
  private static final long serialVersionUID = 1L;
  private final HasWindow.Defs windowDefs;

  public MovingAverageModel(String uid) {
    super(uid);
    this.windowDefs = new HasWindow.Defs(this);
  }

  @Override public HasWindow.Defs windowDefs() { return windowDefs; }

  @Override
  protected int[] extraWindows() {
    return new int[] {getWindow()};
  }

  @Override
  protected Dataset<Row> predictPoint(Dataset<Row> features) {
    return features.withColumn(POINT, col(ForecastFeatures.mean(getWindow())));
  }

  @Override
  public MovingAverageModel copy(ParamMap extra) {
    return copyInto(new MovingAverageModel(uid()), extra);
  }

  public static MLReader<MovingAverageModel> read() {
    return reader(MovingAverageModel.class);
  }

  public static MovingAverageModel load(String path) {
    return read().load(path);
  }
}

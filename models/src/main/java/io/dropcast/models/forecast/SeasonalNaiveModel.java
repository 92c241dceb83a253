package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Seasonal naive: {@code same_weekday_1}; when that day is missing (gaps without fillMissingAsZero) the
 * mean of the observed days of the last week.
 */
public final class SeasonalNaiveModel extends DemandForecastModel {
  private static final long serialVersionUID = 1L;

  public SeasonalNaiveModel(String uid) {
    super(uid);
  }

  @Override
  protected Dataset<Row> predictPoint(Dataset<Row> features) {
    return features.withColumn(POINT,
        coalesce(col(ForecastFeatures.sameWeekday(1)), col(ForecastFeatures.mean(7))));
  }

  @Override
  public SeasonalNaiveModel copy(ParamMap extra) {
    return copyInto(new SeasonalNaiveModel(uid()), extra);
  }

  public static MLReader<SeasonalNaiveModel> read() {
    return reader(SeasonalNaiveModel.class);
  }

  public static SeasonalNaiveModel load(String path) {
    return read().load(path);
  }
}

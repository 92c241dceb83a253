package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expm1;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The fitted global GBT: a pipeline (category indexer, vector assembler, GBT regression model) over the
 * level-relative features of {@link #gbtInputs}. The point forecast is
 * {@code expm1(raw + log1p(base))} with logTarget, else {@code raw + base}, where base = {@code mean_28}
 * (0 when unknown). The pipeline is saved with its own MLlib writer under {@code pipeline/}.
 */
public final class GlobalGbtModel extends DemandForecastModel implements HasGbtParams {
  private static final long serialVersionUID = 1L;
  static final String CATEGORY_INDEX = "__category_index";
  static final String FEATURES = "__gbt_features";
  static final String LABEL = "__gbt_label";
  static final String RAW = "__gbt_raw";
  static final String BASE = "__gbt_base";
  static final String ACTUAL = "__actual";
  private static final String F = "__f_";

  private final HasGbtParams.Defs gbtDefs;
  private PipelineModel pipeline;

  public GlobalGbtModel(String uid) {
    super(uid);
    this.gbtDefs = new HasGbtParams.Defs(this);
  }

  GlobalGbtModel(String uid, PipelineModel pipeline) {
    this(uid);
    this.pipeline = pipeline;
  }

  @Override public HasGbtParams.Defs gbtDefs() { return gbtDefs; }

  /** The fitted pipeline (indexer, assembler, GBT). */
  public PipelineModel pipeline() { return pipeline; }

  /** Names of the numeric columns fed to the assembler, in order. */
  static List<String> inputColumns(FeatureSpec spec) {
    List<String> names = new ArrayList<>();
    for (String f : relativeFeatures(spec)) {
      names.add(F + f);
    }
    names.addAll(List.of(F + "log_level", F + "cv_7", F + "cv_28", F + ForecastFeatures.HORIZON,
        F + ForecastFeatures.DAY_OF_WEEK, F + ForecastFeatures.DAY_OF_MONTH, F + ForecastFeatures.IS_HOLIDAY,
        F + ForecastFeatures.DAYS_TO_PAYDAY, F + ForecastFeatures.HISTORY_DAYS));
    for (String c : spec.covariateCols()) {
      names.add(F + c);
    }
    names.add(CATEGORY_INDEX);
    return names;
  }

  /** Level-like features, expressed relative to the series level. */
  private static List<String> relativeFeatures(FeatureSpec spec) {
    List<String> f = new ArrayList<>();
    for (int k = 1; k <= ForecastFeatures.LAGS; k++) {
      f.add(ForecastFeatures.lag(k));
    }
    for (int j = 1; j <= ForecastFeatures.SAME_WEEKDAYS; j++) {
      f.add(ForecastFeatures.sameWeekday(j));
    }
    f.addAll(List.of(ForecastFeatures.mean(7), ForecastFeatures.mean(56), ForecastFeatures.CATEGORY_MEAN,
        ForecastFeatures.NEIGHBOURHOOD_MEAN, ForecastFeatures.NEIGHBOURS_CATEGORY_MEAN));
    return f;
  }

  /**
   * Adds the GBT's numeric inputs (and, when {@code withLabel}, its label from column {@link #ACTUAL}) to
   * feature rows. With logTarget a level-like feature x becomes {@code log1p(x) - log1p(base)}, else
   * {@code x - base}; a missing x takes the base (relative value 0). Computed inputs and the label are rounded
   * ({@link StableDoubles}: covariates to significant digits, the rest to decimals); the calendar ones are integers.
   */
  static Dataset<Row> gbtInputs(Dataset<Row> features, FeatureSpec spec, boolean logTarget, boolean withLabel) {
    Column base = coalesce(col(ForecastFeatures.mean(28)), lit(0.0));
    List<Column> cols = new ArrayList<>(List.of(col("*"), base.as(BASE)));
    for (String f : relativeFeatures(spec)) {
      cols.add(StableDoubles.decimals(relative(coalesce(col(f), base), base, logTarget)).as(F + f));
    }
    cols.add(StableDoubles.decimals(log1p(base)).as(F + "log_level"));
    Column cv7 = coalesce(col(ForecastFeatures.std(7)).divide(col(ForecastFeatures.mean(7)).plus(1.0)), lit(0.0));
    cols.add(StableDoubles.decimals(cv7).as(F + "cv_7"));
    Column cv28 = coalesce(col(ForecastFeatures.std(28)).divide(base.plus(1.0)), lit(0.0));
    cols.add(StableDoubles.decimals(cv28).as(F + "cv_28"));
    for (String c : List.of(ForecastFeatures.HORIZON, ForecastFeatures.DAY_OF_WEEK, ForecastFeatures.DAY_OF_MONTH,
        ForecastFeatures.IS_HOLIDAY, ForecastFeatures.DAYS_TO_PAYDAY, ForecastFeatures.HISTORY_DAYS)) {
      cols.add(col(c).cast("double").as(F + c));
    }
    for (String c : spec.covariateCols()) {
      cols.add(StableDoubles.significant(coalesce(col(c), lit(0.0))).as(F + c));
    }
    if (withLabel) {
      cols.add(StableDoubles.decimals(relative(greatest(col(ACTUAL), lit(0.0)), base, logTarget)).as(LABEL));
    }
    return features.select(cols.toArray(new Column[0]));
  }

  private static Column relative(Column x, Column base, boolean logTarget) {
    return logTarget ? log1p(greatest(x, lit(0.0))).minus(log1p(base)) : x.minus(base);
  }

  @Override
  protected Dataset<Row> predictPoint(Dataset<Row> features) {
    if (pipeline == null) {
      throw new IllegalStateException("GlobalGbtModel " + uid() + " has no fitted pipeline: fit it with "
          + "GlobalGbtForecaster or load a saved model");
    }
    FeatureSpec spec = featureSpec(getHorizon());
    Dataset<Row> scored = pipeline.transform(gbtInputs(features, spec, getLogTarget(), false));
    Column point = getLogTarget()
        ? expm1(col(RAW).plus(log1p(col(BASE))))
        : col(RAW).plus(col(BASE));
    return scored.withColumn(POINT, point);
  }

  @Override
  public GlobalGbtModel copy(ParamMap extra) {
    return copyInto(new GlobalGbtModel(uid(), pipeline), extra);
  }

  @Override
  protected void saveState(String path, SparkSession spark) throws java.io.IOException {
    pipeline.write().session(spark).save(path + "/pipeline");
  }

  @Override
  protected void loadState(String path, SparkSession spark) {
    this.pipeline = PipelineModel.read().session(spark).load(path + "/pipeline");
  }

  public static MLReader<GlobalGbtModel> read() {
    return reader(GlobalGbtModel.class);
  }

  public static GlobalGbtModel load(String path) {
    return read().load(path);
  }
}

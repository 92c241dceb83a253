package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expm1;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

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
  /** Decimals the GBT sees of its level-relative inputs and label, which are near 0 (see {@link #stable}). */
  static final int DECIMALS = 6;
  /** Significant digits the GBT sees of a covariate, whose scale is the history file's (see {@link #significant}). */
  static final int DIGITS = 6;

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
   * ({@link #stable}, {@link #significant}); the calendar ones are integers already.
   */
  static Dataset<Row> gbtInputs(Dataset<Row> features, FeatureSpec spec, boolean logTarget, boolean withLabel) {
    Column base = coalesce(col(ForecastFeatures.mean(28)), lit(0.0));
    List<Column> cols = new ArrayList<>(List.of(col("*"), base.as(BASE)));
    for (String f : relativeFeatures(spec)) {
      cols.add(stable(relative(coalesce(col(f), base), base, logTarget)).as(F + f));
    }
    cols.add(stable(log1p(base)).as(F + "log_level"));
    cols.add(stable(coalesce(col(ForecastFeatures.std(7)).divide(col(ForecastFeatures.mean(7)).plus(1.0)),
        lit(0.0))).as(F + "cv_7"));
    cols.add(stable(coalesce(col(ForecastFeatures.std(28)).divide(base.plus(1.0)), lit(0.0))).as(F + "cv_28"));
    for (String c : List.of(ForecastFeatures.HORIZON, ForecastFeatures.DAY_OF_WEEK, ForecastFeatures.DAY_OF_MONTH,
        ForecastFeatures.IS_HOLIDAY, ForecastFeatures.DAYS_TO_PAYDAY, ForecastFeatures.HISTORY_DAYS)) {
      cols.add(col(c).cast("double").as(F + c));
    }
    for (String c : spec.covariateCols()) {
      cols.add(significant(coalesce(col(c), lit(0.0))).as(F + c));
    }
    if (withLabel) {
      cols.add(stable(relative(greatest(col(ACTUAL), lit(0.0)), base, logTarget)).as(LABEL));
    }
    return features.select(cols.toArray(new Column[0]));
  }

  /**
   * {@code x} rounded to {@link #DECIMALS} decimals. Two runs of the same night add doubles up in the order their
   * shuffles deliver them, so their demand, means and covariates can differ in the last bits; left as they are, such
   * differences break ties between split candidates and between splits' gains, and the trees part ways (forecasts
   * were 4% apart in a test, 1% between a clean and a resumed night). The level-relative inputs are log ratios or
   * differences, which are 0 where a lag equals the level: a relative rounding would keep the noise there.
   */
  static Column stable(Column x) {
    return round(x, DECIMALS);
  }

  /**
   * {@code x} rounded to {@link #DIGITS} significant digits (0, NaN and infinities as they are), for the covariates,
   * whose scale is the data's (see {@link #stable} for why). The scale is an exact power of ten ({@code pow} of
   * integers is exact where representable), so equal rounded values are equal doubles.
   */
  static Column significant(Column x) {
    Column places = lit(DIGITS - 1).minus(floor(log10(abs(x))));
    Column up = pow(lit(10.0), places);
    Column down = pow(lit(10.0), places.unary_$minus());
    return when(x.isNull().or(x.equalTo(0.0)).or(x.isNaN()).or(abs(x).equalTo(Double.POSITIVE_INFINITY)), x)
        .when(places.geq(0), round(x.multiply(up)).divide(up))
        .otherwise(round(x.divide(down)).multiply(down));
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

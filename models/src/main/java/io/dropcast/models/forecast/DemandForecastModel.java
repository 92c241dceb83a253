package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted demand forecaster. {@link #forecast(Dataset, LocalDate, int)} turns a history into one row per
 * series and horizon (columns in the package doc); {@link #transform} does the same for the origin Param
 * (empty: the day after the last day with demand) and the horizon Param.
 *
 * <p>Every model, whatever its point forecast, applies the same last mile: series with fewer than
 * {@code minHistoryDays} days of history before the origin get the pooled cold-start forecast
 * {@code w * neighbours_category_mean_28 + (1 - w) * category_mean_28} (w = coldStartNeighbourWeight; the
 * category mean alone when no neighbour cell has the category) and {@code cold_start = true}; predictions
 * are clipped at 0; a calibrated model adds the quantile columns.
 *
 * <p>Saved as MLlib metadata (Params) plus, when calibrated, the calibration under {@code calibration/}
 * and whatever a subclass keeps (the GBT pipeline under {@code pipeline/}).
 */
public abstract class DemandForecastModel extends Model<DemandForecastModel>
    implements HasForecastParams, MLWritable {
  private static final long serialVersionUID = 1L;
  /** Column a subclass's {@link #predictPoint} adds to the feature rows. */
  protected static final String POINT = "__point";
  static final String POOLED = "__pooled";

  private final String uid;
  private final HasCalibrationParams.Defs calibrationDefs;
  private final HasForecastParams.Defs forecastDefs;
  private ConformalCalibration calibration;

  protected DemandForecastModel(String uid) {
    this.uid = uid;
    this.calibrationDefs = new HasCalibrationParams.Defs(this);
    this.forecastDefs = new HasForecastParams.Defs(this);
  }

  @Override public final String uid() { return uid; }
  @Override public final HasCalibrationParams.Defs calibrationDefs() { return calibrationDefs; }
  @Override public final HasForecastParams.Defs forecastDefs() { return forecastDefs; }

  public DemandForecastModel setHorizon(int value) { set(horizon(), value); return this; }
  public DemandForecastModel setOrigin(String value) { set(origin(), value); return this; }
  public DemandForecastModel setPredictionCol(String value) { set(predictionCol(), value); return this; }
  public DemandForecastModel setOriginCol(String value) { set(originCol(), value); return this; }
  public DemandForecastModel setTargetDateCol(String value) { set(targetDateCol(), value); return this; }
  public DemandForecastModel setHorizonCol(String value) { set(horizonCol(), value); return this; }
  public DemandForecastModel setLevelCol(String value) { set(levelCol(), value); return this; }
  public DemandForecastModel setColdStartCol(String value) { set(coldStartCol(), value); return this; }
  public DemandForecastModel setQuantileColPrefix(String value) { set(quantileColPrefix(), value); return this; }

  /** The conformal calibration, when the forecaster had calibrationFolds &gt; 0. */
  public Optional<ConformalCalibration> calibration() { return Optional.ofNullable(calibration); }

  /** Attaches (or with null removes) a calibration; its quantile levels then decide the quantile columns. */
  public DemandForecastModel setCalibration(ConformalCalibration value) {
    this.calibration = value;
    return this;
  }

  /** The quantile levels of the output, or null when the model is not calibrated. */
  public double[] outputQuantiles() {
    return calibration == null ? null : calibration.getQuantiles();
  }

  /** Extra rolling windows this model's point forecast needs (none by default). */
  protected int[] extraWindows() { return new int[0]; }

  /** Adds column {@link #POINT} (the point forecast, may be null) to rows of {@link ForecastFeatures#build}. */
  protected abstract Dataset<Row> predictPoint(Dataset<Row> features);

  @Override
  public StructType transformSchema(StructType schema) {
    Schemas.requireHistory(this, schema);
    return Schemas.forecastOutput(this, outputQuantiles());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> history = dataset.toDF();
    LocalDate o = HasForecastParams.parseOrigin(getOrigin());
    if (o == null) {
      java.sql.Date last = history.filter(col(getUnitsCol()).isNotNull()).agg(max(col(getDateCol()))).first()
          .getDate(0);
      if (last == null) {
        throw ForecastErrors.noData("derive the forecast origin", "Set the origin Param or pass demand rows.");
      }
      o = last.toLocalDate().plusDays(1);
    }
    return forecast(history, o, getHorizon());
  }

  public Dataset<Row> forecast(Dataset<Row> history, LocalDate origin, int horizon) {
    return forecast(history, List.of(origin), horizon);
  }

  /** Forecasts for several origins at once (the model stays the same; each origin sees data before it only). */
  public Dataset<Row> forecast(Dataset<Row> history, List<LocalDate> origins, int horizon) {
    transformSchema(history.schema());
    FeatureSpec spec = featureSpec(horizon, extraWindows());
    Dataset<Row> features = ForecastFeatures.build(history, origins, spec);
    Dataset<Row> pointed = predictPoint(features);

    double w = getColdStartNeighbourWeight();
    Column nbr = col(ForecastFeatures.NEIGHBOURS_CATEGORY_MEAN);
    Column catMean = col(ForecastFeatures.CATEGORY_MEAN);
    Column pooled = coalesce(
        when(nbr.isNotNull().and(catMean.isNotNull()), nbr.multiply(w).plus(catMean.multiply(1 - w))),
        catMean, nbr, col(ForecastFeatures.mean(28)), lit(0.0));
    Column cold = col(ForecastFeatures.HISTORY_DAYS).lt(getMinHistoryDays());
    Dataset<Row> out = pointed
        .withColumn(POOLED, pooled)
        .select(
            col(getNeighbourhoodCol()),
            col(getCategoryCol()),
            col(ForecastFeatures.ORIGIN).as(getOriginCol()),
            col(ForecastFeatures.TARGET_DATE).as(getTargetDateCol()),
            col(ForecastFeatures.HORIZON).as(getHorizonCol()),
            greatest(lit(0.0), when(cold, col(POOLED)).otherwise(coalesce(col(POINT), col(POOLED))))
                .as(getPredictionCol()),
            when(cold, col(POOLED)).otherwise(coalesce(col(ForecastFeatures.mean(28)), col(POOLED)))
                .as(getLevelCol()),
            cold.as(getColdStartCol()));
    if (calibration != null) {
      ConformalCalibration c = calibration.copy(ParamMap.empty())
          .setPredictionCol(getPredictionCol())
          .setHorizonCol(getHorizonCol())
          .setLevelCol(getLevelCol())
          .setQuantileColPrefix(getQuantileColPrefix());
      out = c.transform(out);
    }
    return out;
  }

  /** Copies Params, calibration and parent onto a fresh instance made by a subclass. */
  protected final <M extends DemandForecastModel> M copyInto(M fresh, ParamMap extra) {
    copyValues(fresh, extra);
    fresh.setCalibration(calibration == null ? null : calibration.copy(ParamMap.empty()));
    if (hasParent()) {
      fresh.setParent(parent());
    }
    return fresh;
  }

  // ---- persistence ----

  /** Saves what a subclass learned (nothing by default) under {@code path}. */
  protected void saveState(String path, SparkSession spark) throws IOException {}

  /** Loads what {@link #saveState} saved. */
  protected void loadState(String path, SparkSession spark) throws IOException {}

  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(DemandForecastModel.this, path, sparkSession());
        try {
          saveState(path, sparkSession());
          if (calibration != null) {
            calibration.write().session(sparkSession()).save(path + "/calibration");
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot save the forecast model to " + path, e);
        }
      }
    };
  }

  /** A reader for a concrete model class (which needs a public constructor taking the uid). */
  protected static <M extends DemandForecastModel> MLReader<M> reader(Class<M> type) {
    return new MLReader<>() {
      @Override
      public M load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(), type.getName());
        M model;
        try {
          model = type.getConstructor(String.class).newInstance(metadata.uid());
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("Cannot instantiate " + type.getName() + " from " + path
              + ": it needs a public constructor taking the uid", e);
        }
        metadata.getAndSetParams(model, Option.empty());
        try {
          model.loadState(path, sparkSession());
          Path cal = new Path(path, "calibration");
          FileSystem fs = cal.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
          if (fs.exists(cal)) {
            model.setCalibration(ConformalCalibration.read().session(sparkSession()).load(cal.toString()));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot load the forecast model from " + path, e);
        }
        return model;
      }
    };
  }
}

package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One Spark MLlib GBTRegressor over all series. Training rows: origins every {@code originStepDays} days
 * (at most {@code maxTrainingOrigins}, back from the last origin whose whole horizon is observed) x
 * horizons 1..horizon, restricted to series with at least {@code minHistoryDays} of history at the
 * origin; features from {@link ForecastFeatures} made relative to the series level {@code mean_28}
 * (see {@link GlobalGbtModel#gbtInputs}), plus an indexed category (unseen categories get their own index).
 */
public final class GlobalGbtForecaster extends DemandForecaster<GlobalGbtForecaster> implements HasGbtParams {
  private static final long serialVersionUID = 1L;
  private final HasGbtParams.Defs gbtDefs;

  public GlobalGbtForecaster() {
    this(Identifiable$.MODULE$.randomUID("globalGbt"));
  }

  public GlobalGbtForecaster(String uid) {
    super(uid);
    this.gbtDefs = new HasGbtParams.Defs(this);
  }

  @Override public HasGbtParams.Defs gbtDefs() { return gbtDefs; }

  public GlobalGbtForecaster setMaxIter(int value) { set(maxIter(), value); return this; }
  public GlobalGbtForecaster setMaxDepth(int value) { set(maxDepth(), value); return this; }
  public GlobalGbtForecaster setStepSize(double value) { set(stepSize(), value); return this; }
  public GlobalGbtForecaster setSubsamplingRate(double value) { set(subsamplingRate(), value); return this; }
  public GlobalGbtForecaster setSeed(long value) { set(seed(), value); return this; }
  public GlobalGbtForecaster setLogTarget(boolean value) { set(logTarget(), value); return this; }
  public GlobalGbtForecaster setOriginStepDays(int value) { set(originStepDays(), value); return this; }
  public GlobalGbtForecaster setMaxTrainingOrigins(int value) { set(maxTrainingOrigins(), value); return this; }
  public GlobalGbtForecaster setTrainingPartitions(int value) { set(trainingPartitions(), value); return this; }

  /** Training origins: back from {@code last - horizon + 1} by the step, while enough history precedes them. */
  List<LocalDate> trainingOrigins(LocalDate first, LocalDate last) {
    List<LocalDate> origins = new ArrayList<>();
    LocalDate earliest = first.plusDays(Math.max(1, getMinHistoryDays()));
    LocalDate o = last.minusDays(getHorizon() - 1L);
    while (!o.isBefore(earliest) && origins.size() < getMaxTrainingOrigins()) {
      origins.add(o);
      o = o.minusDays(getOriginStepDays());
    }
    if (origins.isEmpty()) {
      throw ForecastErrors.historyTooShort("train the global GBT", first, earliest.plusDays(getHorizon() - 1L));
    }
    return origins;
  }

  @Override
  protected DemandForecastModel fitPoint(Dataset<Row> history) {
    Row span = history.filter(col(getUnitsCol()).isNotNull())
        .agg(min(col(getDateCol())), max(col(getDateCol()))).first();
    if (span.isNullAt(0)) {
      throw ForecastErrors.noData("train the global GBT", "Pass a history with demand rows.");
    }
    List<LocalDate> origins = trainingOrigins(span.getDate(0).toLocalDate(), span.getDate(1).toLocalDate());
    FeatureSpec spec = featureSpec(getHorizon());
    Dataset<Row> features = ForecastFeatures.build(history, origins, spec)
        .filter(col(ForecastFeatures.HISTORY_DAYS).geq(getMinHistoryDays()));
    Dataset<Row> labelled = ForecastFeatures.withActuals(features, history, spec, ForecastFeatures.TARGET_DATE,
            GlobalGbtModel.ACTUAL)
        .filter(col(GlobalGbtModel.ACTUAL).isNotNull());
    // The sampled split candidates and the per-tree row subsamples depend on which rows sit in which partition, in
    // what order: a canonical layout (hashed by key, sorted within) makes the fit a function of the rows alone,
    // not of the shuffles, cluster size or JVM that produced them.
    Column[] rowKey = {col(getNeighbourhoodCol()), col(getCategoryCol()), col(ForecastFeatures.ORIGIN),
        col(ForecastFeatures.TARGET_DATE)};
    Dataset<Row> train = GlobalGbtModel.gbtInputs(labelled, spec, getLogTarget(), true)
        .repartition(getTrainingPartitions(), rowKey).sortWithinPartitions(rowKey).persist();
    try {
      List<String> inputs = GlobalGbtModel.inputColumns(spec);
      StringIndexerModel indexer = new StringIndexer()
          .setInputCol(getCategoryCol())
          .setOutputCol(GlobalGbtModel.CATEGORY_INDEX)
          .setHandleInvalid("keep")
          .fit(train);
      VectorAssembler assembler = new VectorAssembler()
          .setInputCols(inputs.toArray(new String[0]))
          .setOutputCol(GlobalGbtModel.FEATURES);
      GBTRegressor gbt = new GBTRegressor()
          .setLabelCol(GlobalGbtModel.LABEL)
          .setFeaturesCol(GlobalGbtModel.FEATURES)
          .setPredictionCol(GlobalGbtModel.RAW)
          .setMaxIter(getMaxIter())
          .setMaxDepth(getMaxDepth())
          .setStepSize(getStepSize())
          .setSubsamplingRate(getSubsamplingRate())
          .setMaxBins(maxBins(indexer.labelsArray()[0].length))
          .setSeed(getSeed());
      PipelineModel pipeline = new Pipeline()
          .setStages(new PipelineStage[] {indexer, assembler, gbt})
          .fit(train);
      return new GlobalGbtModel(uid(), pipeline);
    } finally {
      train.unpersist();
    }
  }

  private static final int DEFAULT_MAX_BINS = 32;

  /**
   * Spark's default 32 bins, or more when the category index needs them: the index is a categorical feature (one
   * value per category seen in training plus one for unseen ones), and a tree refuses to fit a categorical
   * feature with more values than bins. Below 32 categories the fit is the default one.
   */
  static int maxBins(int categories) {
    return Math.max(DEFAULT_MAX_BINS, categories + 1);
  }

  @Override
  public GlobalGbtForecaster copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static GlobalGbtForecaster load(String path) {
    return new DefaultParamsReader<GlobalGbtForecaster>().load(path);
  }
}

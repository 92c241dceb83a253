package io.dropcast.forecast;

import static org.apache.spark.sql.functions.col;

import io.dropcast.cli.JobContext;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.models.forecast.DemandForecastModel;
import io.dropcast.models.forecast.DemandForecaster;
import io.dropcast.models.forecast.GlobalGbtForecaster;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * train --date D: demand history from the orders (written to demand_history), the global GBT and the
 * baselines backtested on rolling origins (forecast_backtest), the GBT fitted on the whole history with
 * quantiles calibrated on its latest folds, saved under the warehouse and recorded in model_registry.
 * Tables are written in that order, the registry last, so a failed run never registers a half-saved model.
 */
public final class TrainJob {
  private final JobContext context;

  public TrainJob(JobContext context) {
    this.context = context;
  }

  /** What the run did, for its summary and the ledger. */
  public record Result(String modelId, long series, long historyRows, Map<String, Double> metrics,
      Map<String, Long> versionsRead, Map<String, Long> versionsWritten) {}

  public Result run(LocalDate runDate) {
    var config = context.config();
    Warehouse w = context.warehouse();
    int horizon = config.get(Keys.FORECAST_HORIZON_DAYS);
    WarehouseInputs in = context.step("read inputs", () -> WarehouseInputs.read(w, runDate, horizon));
    Dataset<Row> daily = in.daily(config, runDate).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> covariates = in.covariates(runDate, horizon).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long historyRows = context.step("demand history", () -> daily.count());
      if (historyRows == 0) {
        throw Errors.forecastNoHistory("train a demand model for " + runDate,
            "the orders table up to " + runDate, "ingest orders up to " + runDate + " first");
      }
      ForecastSettings s = ForecastSettings.of(config, DemandHistory.NEIGHBOURHOOD, DropCovariates.NAMES,
          config.get(Keys.FORECAST_SCHEDULE_KNOWN_DAYS));
      Dataset<Row> input = ModelInput.build(daily, covariates, runDate, horizon,
          config.get(Keys.FORECAST_CENSORING_ENABLED)).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        return train(runDate, s, in, daily, covariates, input, historyRows);
      } finally {
        input.unpersist();
      }
    } finally {
      daily.unpersist();
      covariates.unpersist();
    }
  }

  private Result train(LocalDate runDate, ForecastSettings s, WarehouseInputs in, Dataset<Row> daily,
      Dataset<Row> covariates, Dataset<Row> input, long historyRows) {
    Warehouse w = context.warehouse();
    String modelId = ModelRegistry.modelId(runDate);
    Map<String, DemandForecaster<?>> forecasters = s.forecasters();
    Dataset<Row> metrics = null;
    Evaluation.Result gbtEval = null;
    for (Map.Entry<String, DemandForecaster<?>> f : forecasters.entrySet()) {
      Evaluation.Result r = context.step("backtest " + f.getKey(), () -> Evaluation.run(input, f.getValue(), f.getKey(), s));
      if (f.getKey().equals(ForecastSettings.GLOBAL_GBT)) {
        gbtEval = r;
      }
      Dataset<Row> m = Evaluation.metrics(r.scored(), input, f.getValue(), f.getKey());
      metrics = metrics == null ? m : metrics.unionByName(m, true);
    }
    Dataset<Row> backtest = ForecastTables.backtestRows(metrics, runDate, modelId, s.quantiles(),
        forecasters.get(ForecastSettings.GLOBAL_GBT).getQuantileColPrefix()).localCheckpoint(true);
    GlobalGbtForecaster gbt = (GlobalGbtForecaster) forecasters.get(ForecastSettings.GLOBAL_GBT);
    Evaluation.Result eval = gbtEval;
    DemandForecastModel model = context.step("fit global_gbt", () -> gbt.fit(input).setCalibration(eval.calibration()));
    String path = ModelRegistry.modelPath(w, modelId, context.runId());
    context.step("save model", () -> {
      try {
        model.write().overwrite().save(path);
      } catch (java.io.IOException e) {
        throw Errors.ioFailure("save the demand model to", path, e);
      }
    });

    Map<String, Long> written = new LinkedHashMap<>();
    context.step("write demand_history", () -> {
      w.ensureCreated(Tables.DEMAND_HISTORY);
      ForecastTables.historyRows(daily, covariates).write().format("delta").mode("overwrite")
          .option("replaceWhere", "source = '" + ForecastTables.ORDERS_SOURCE + "' AND date <= '" + runDate + "'")
          .save(w.path(Tables.DEMAND_HISTORY));
    });
    written.put(Tables.DEMAND_HISTORY.name(), w.version(Tables.DEMAND_HISTORY).orElseThrow());
    context.step("write forecast_backtest", () -> {
      w.ensureCreated(Tables.FORECAST_BACKTEST);
      backtest.write().format("delta").mode("overwrite").option("replaceWhere", "train_date = '" + runDate + "'")
          .save(w.path(Tables.FORECAST_BACKTEST));
    });
    written.put(Tables.FORECAST_BACKTEST.name(), w.version(Tables.FORECAST_BACKTEST).orElseThrow());

    Map<String, Double> summary = summaryMetrics(backtest);
    Row span = daily.agg(org.apache.spark.sql.functions.min("date"), org.apache.spark.sql.functions.max("date"))
        .first();
    long series = daily.select(DemandHistory.NEIGHBOURHOOD, DemandHistory.CATEGORY).distinct().count();
    context.step("record model_registry", () -> ModelRegistry.record(w, modelId, runDate, GlobalGbtForecaster.class.getName(),
        path, ModelRegistry.params(model), in.versions(), summary, series, span.getDate(0).toLocalDate(),
        runDate, context.runId()));
    written.put(Tables.MODEL_REGISTRY.name(), w.version(Tables.MODEL_REGISTRY).orElseThrow());
    return new Result(modelId, series, historyRows, summary, in.versions(), written);
  }

  /**
   * The registry's metrics: the overall and cold_start rows of every forecaster, named
   * {@code [forecaster.][cold_start.]metric}; the model's own overall metrics carry no prefix.
   */
  static Map<String, Double> summaryMetrics(Dataset<Row> backtest) {
    Map<String, Double> out = new LinkedHashMap<>();
    List<Row> rows = backtest.filter(col("scope").isin("overall", "cold_start"))
        .orderBy(col("forecaster"), col("scope").desc()).collectAsList();
    for (Row r : rows) {
      String forecaster = r.getAs("forecaster");
      String scope = r.getAs("scope");
      String prefix = (forecaster.equals(ForecastSettings.GLOBAL_GBT) ? "" : forecaster + ".")
          + (scope.equals("overall") ? "" : scope + ".");
      out.put(prefix + "n", ((Long) r.getAs("n")).doubleValue());
      for (String m : List.of("mase", "wape", "rmsse", "coverage")) {
        Object v = r.getAs(m);
        if (v != null) {
          out.put(prefix + m, (Double) v);
        }
      }
      Map<String, Double> pinball = r.getJavaMap(r.fieldIndex("pinball"));
      for (Map.Entry<String, Double> e : new java.util.TreeMap<>(pinball).entrySet()) {
        if (e.getValue() != null) {
          out.put(prefix + "pinball_" + e.getKey(), e.getValue());
        }
      }
    }
    return out;
  }
}

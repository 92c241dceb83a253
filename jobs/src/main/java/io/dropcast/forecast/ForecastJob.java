package io.dropcast.forecast;

import io.dropcast.cli.JobContext;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.models.forecast.DemandForecastModel;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * forecast --date D: the latest model trained on or before D forecasts D+1..D+H from the demand history up
 * to D and the drop schedule known for the days after D; written to demand_forecast with
 * {@code replaceWhere run_date = D}.
 */
public final class ForecastJob {
  private final JobContext context;

  public ForecastJob(JobContext context) {
    this.context = context;
  }

  public record Result(String modelId, LocalDate modelTrainDate, long rows, long series, long coldSeries,
      Map<String, Long> versionsRead, Map<String, Long> versionsWritten) {}

  public Result run(LocalDate runDate) {
    var config = context.config();
    Warehouse w = context.warehouse();
    int horizon = config.get(Keys.FORECAST_HORIZON_DAYS);
    ModelRegistry.Entry entry = context.step("find model", () -> ModelRegistry.latest(w, runDate));
    DemandForecastModel model = context.step("load model " + entry.modelId(), () -> ModelRegistry.load(entry));
    double[] quantiles = config.get(Keys.FORECAST_QUANTILES).stream().mapToDouble(Double::doubleValue).toArray();
    if (model.outputQuantiles() == null || !java.util.Arrays.equals(model.outputQuantiles(), quantiles)) {
      throw Errors.badArgument("dropcast.forecast.quantiles", config.get(Keys.FORECAST_QUANTILES).toString(),
          "model " + entry.modelId() + " was calibrated for the levels "
              + java.util.Arrays.toString(model.outputQuantiles()),
          "run 'dropcast train --date " + runDate + "' with these quantiles, or set them back");
    }
    WarehouseInputs in = context.step("read inputs", () -> WarehouseInputs.read(w, runDate, horizon));
    Dataset<Row> daily = in.daily(config, runDate);
    Dataset<Row> input = ModelInput.build(daily, in.covariates(runDate, horizon), runDate, horizon,
        config.get(Keys.FORECAST_CENSORING_ENABLED)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      if (input.filter(input.col(ForecastSettings.UNITS).isNotNull()).isEmpty()) {
        throw Errors.forecastNoHistory("forecast from " + runDate, "the orders table up to " + runDate,
            "ingest orders up to " + runDate + " first");
      }
      Dataset<Row> forecast = model.forecast(input, runDate.plusDays(1), horizon);
      Dataset<Row> rows = ForecastTables.forecastRows(forecast,
              ForecastTables.nearestHubs(in.catchments(), in.hubs(), runDate), runDate, entry.modelId(), quantiles,
              model.getQuantileColPrefix())
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        context.step("write demand_forecast", () -> {
          w.ensureCreated(Tables.DEMAND_FORECAST);
          rows.write().format("delta").mode("overwrite").option("replaceWhere", "run_date = '" + runDate + "'")
              .save(w.path(Tables.DEMAND_FORECAST));
        });
        Row counts = rows.agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
            org.apache.spark.sql.functions.countDistinct(rows.col("neighbourhood"), rows.col("category")),
            org.apache.spark.sql.functions.countDistinct(
                org.apache.spark.sql.functions.when(rows.col("cold_start"), rows.col("neighbourhood")),
                rows.col("category"))).first();
        Map<String, Long> written = new LinkedHashMap<>();
        written.put(Tables.DEMAND_FORECAST.name(), w.version(Tables.DEMAND_FORECAST).orElseThrow());
        return new Result(entry.modelId(), entry.trainDate(), counts.getLong(0), counts.getLong(1), counts.getLong(2),
            in.versions(), written);
      } finally {
        rows.unpersist();
      }
    } finally {
      input.unpersist();
    }
  }
}

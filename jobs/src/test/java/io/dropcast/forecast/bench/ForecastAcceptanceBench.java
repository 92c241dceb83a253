package io.dropcast.forecast.bench;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.dropcast.config.ConfigLoader;
import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.forecast.DemandHistory;
import io.dropcast.forecast.DropCovariates;
import io.dropcast.forecast.Evaluation;
import io.dropcast.forecast.ForecastSettings;
import io.dropcast.forecast.ModelInput;
import io.dropcast.forecast.WarehouseInputs;
import io.dropcast.models.forecast.DemandForecaster;
import io.dropcast.models.forecast.ForecastMetrics;
import io.dropcast.models.forecast.RollingOriginBacktest;
import io.dropcast.spark.Sessions;
import io.dropcast.tables.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The acceptance figures on a generated world, not a test (it reads the generator's truth, which the
 * pipeline never may). Arguments: WAREHOUSE (ingested) TRUTH_DIR (latent_demand folder) LAST_DAY, e.g.
 * {@code /tmp/forecast/wh data-samples/truth/latent_demand 2026-11-26}.
 *
 * <p>(1) The last 28 days held out as two 14-day rolling-origin folds (origins LAST-27 and LAST-13, each model
 * fitted on data before its origin, quantiles calibrated on earlier folds only): mean MASE of the global GBT and
 * of seasonal naive, their ratio, P10-P90 coverage, cold-start series apart. (2) Censored demand: the GBT trained
 * on the estimated unconstrained demand vs on raw sales, both scored against the latent demand of the truth on
 * the held-out days with a sold-out drop: mean error (bias) and the latent-demand WAPE.
 */
public final class ForecastAcceptanceBench {
  private ForecastAcceptanceBench() {}

  public static void main(String[] args) {
    String warehouse = args[0];
    String truth = args[1];
    LocalDate last = LocalDate.parse(args[2]);
    DropcastConfig config = ConfigLoader.load(Optional.of(Path.of(System.getProperty("dropcast.home", "."))),
        Optional.empty(), Map.of("dropcast.warehouse", warehouse));
    SparkSession spark = Sessions.getOrCreate(config, "forecast-acceptance");
    spark.sparkContext().setLogLevel("WARN");
    long t0 = System.nanoTime();
    WarehouseInputs in = WarehouseInputs.read(new Warehouse(spark, config), last, 0);
    Dataset<Row> daily = in.daily(config, last).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> covariates = in.covariates(last, 0).persist(StorageLevel.MEMORY_AND_DISK());
    ForecastSettings s = ForecastSettings.of(config, DemandHistory.NEIGHBOURHOOD, DropCovariates.NAMES,
        config.get(Keys.FORECAST_SCHEDULE_KNOWN_DAYS));
    // Two scored 14-day folds 14 days apart cover the last 28 days; calibration folds step by 14 days too.
    ForecastSettings held = new ForecastSettings(14, s.quantiles(), s.holidays(), s.paydays(), s.minHistoryDays(),
        s.coldStartRing(), s.calibrationFolds(), 2, 14, s.gbtMaxIter(), s.gbtMaxDepth(), s.gbtTrainingOrigins(),
        s.seed(), s.keyCol(), s.covariates(), s.covariateHorizon());
    Dataset<Row> input = ModelInput.build(daily, covariates, last, 0, true).persist(StorageLevel.MEMORY_AND_DISK());
    System.out.printf(Locale.ROOT, "series %d, history rows %d, sold-out (censored) series-days %d%n",
        daily.select("neighbourhood", "category").distinct().count(), daily.count(),
        daily.filter(col("censored")).count());
    for (Map.Entry<String, DemandForecaster<?>> f : held.forecasters().entrySet()) {
      Evaluation.Result r = Evaluation.run(input, f.getValue(), f.getKey(), held);
      Dataset<Row> m = Evaluation.metrics(r.scored(), input, f.getValue(), f.getKey());
      for (Row row : m.filter(col("scope").notEqual("series")).orderBy("scope").collectAsList()) {
        System.out.printf(Locale.ROOT, "%-18s %-10s n=%-6d MASE=%s WAPE=%s RMSSE=%s coverage=%s  origins %s%n",
            f.getKey(), row.getAs("scope"), (long) row.getAs("n"), fmt(row.getAs("mase")), fmt(row.getAs("wape")),
            fmt(row.getAs("rmsse")), fmt(row.getAs("coverage")), r.scoredOrigins());
      }
      // The same folds with the absolute errors taken of the mean (the point forecast) instead of the median.
      ForecastMetrics points = ForecastMetrics.of(f.getValue());
      Row mean = points.overall(points.withScales(
          r.scored().drop(f.getValue().quantileColNames().toArray(String[]::new)), input)).first();
      System.out.printf(Locale.ROOT, "%-18s %-10s MASE=%s WAPE=%s (absolute errors of the mean, not the median)%n",
          f.getKey(), "overall", fmt(mean.getAs("mase")), fmt(mean.getAs("wape")));
    }
    // Censored demand against the truth.
    Dataset<Row> latent = spark.read().parquet(truth).groupBy(col("neighbourhood"), col("category"), col("date"))
        .agg(sum(col("latent_units").cast("double")).as("latent"));
    LocalDate first = last.minusDays(27);
    for (boolean censoring : new boolean[] {false, true}) {
      Dataset<Row> trainOn = ModelInput.build(daily, covariates, last, 0, censoring);
      Dataset<Row> bt = RollingOriginBacktest.run(trainOn, held.globalGbt(), 14, 2, 14);
      Dataset<Row> soldOutDays = daily.filter(col("censored").and(col("date").geq(lit(java.sql.Date.valueOf(first)))))
          .select(col("neighbourhood"), col("category"), col("date").as("target_date"));
      Row b = bt.join(soldOutDays, new String[] {"neighbourhood", "category", "target_date"})
          .join(latent.withColumnRenamed("date", "target_date"), new String[] {"neighbourhood", "category", "target_date"},
              "left")
          .select(col("prediction"), coalesce(col("latent"), lit(0.0)).as("latent"))
          .agg(count(lit(1)), avg(col("prediction").minus(col("latent"))),
              sum(abs(col("prediction").minus(col("latent")))).divide(sum(col("latent"))), avg(col("latent")),
              avg(col("prediction")))
          .first();
      System.out.printf(Locale.ROOT, "censoring=%-5s sold-out held-out series-days n=%d: bias vs latent %.3f units"
              + " (mean latent %.3f, mean forecast %.3f), WAPE vs latent %.3f%n", censoring, b.getLong(0),
          b.getDouble(1), b.getDouble(3), b.getDouble(4), b.getDouble(2));
    }
    Row est = daily.filter(col("censored")).join(latent, new String[] {"neighbourhood", "category", "date"}, "left")
        .agg(sum("observed_units"), sum("units"), sum(coalesce(col("latent"), lit(0.0)))).first();
    System.out.printf(Locale.ROOT, "censored series-days, whole history: sold %.0f, estimated %.0f, latent %.0f%n",
        est.getDouble(0), est.getDouble(1), est.getDouble(2));
    System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private static String fmt(Object v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.3f", (Double) v);
  }
}

package io.dropcast.forecast.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.xxhash64;

import io.dropcast.config.DropcastConfig;
import io.dropcast.forecast.Evaluation;
import io.dropcast.forecast.ForecastSettings;
import io.dropcast.models.forecast.DemandForecastModel;
import io.dropcast.models.forecast.DemandForecaster;
import io.dropcast.spark.Sessions;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Throughput of train + backtest + forecast, not a test. In ONE JVM, on a synthetic history of SERIES series x
 * DAYS days (weekly shape, a per-series level of 1..20 units, multiplicative noise; 100 categories), runs for
 * seasonal naive (the baseline) and then for the global GBT: the rolling-origin evaluation with calibration
 * ({@link Evaluation#run}), the fit on the whole history and a 14-day forecast; prints seconds and series/s.
 *
 * <p>Arguments: SERIES DAYS TRAINING_ORIGINS MAX_ITER CALIBRATION_FOLDS BACKTEST_FOLDS, e.g.
 * {@code 10000 730 8 20 2 1}. Run with {@code DROPCAST_DRIVER_MEMORY=8g bin/bench jobs io.dropcast.forecast.bench.ForecastBench ...}.
 */
public final class ForecastBench {
  private ForecastBench() {}

  public static void main(String[] args) {
    int series = Integer.parseInt(args[0]);
    int days = Integer.parseInt(args[1]);
    int origins = Integer.parseInt(args[2]);
    int iters = Integer.parseInt(args[3]);
    int calFolds = Integer.parseInt(args[4]);
    int btFolds = Integer.parseInt(args[5]);
    SparkSession spark = Sessions.getOrCreate(DropcastConfig.defaults(), "forecast-bench");
    spark.sparkContext().setLogLevel("WARN");
    LocalDate start = LocalDate.parse("2024-11-27");
    Dataset<Row> ids = spark.range(series).select(col("id").as("s"));
    Dataset<Row> history = ids
        .crossJoin(spark.range(days).select(col("id").cast("int").as("d")))
        .select(
            col("s").cast("string").as("location_id"),
            pmod(col("s"), lit(100)).cast("string").as("category"),
            date_add(lit(Date.valueOf(start)), col("d")).as("date"),
            col("s"))
        .select(col("location_id"), col("category"), col("date"),
            greatest(lit(0.0), floor(
                pmod(xxhash64(col("s")), lit(20)).plus(1)
                    .multiply(lit(1.0).plus(sin(dayofweek(col("date")).multiply(2 * Math.PI / 7)).multiply(0.3)))
                    .multiply(rand(7).multiply(0.8).plus(0.6))))
                .cast("double").as("units"))
        .repartition(8)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long rows = history.count();
    System.out.printf(Locale.ROOT, "history: %d series x %d days = %d rows%n", series, days, rows);
    ForecastSettings s = new ForecastSettings(14, new double[] {0.1, 0.5, 0.9}, List.of(), new int[] {25}, 28, 1,
        calFolds, btFolds, 7, iters, 5, origins, 20_261_126L, "location_id", List.of(), 0);
    double naive = run("seasonal_naive_7", s.seasonalNaive(), history, s, series);
    double gbt = run("global_gbt", s.globalGbt(), history, s, series);
    System.out.printf(Locale.ROOT, "global_gbt / seasonal_naive_7 time: %.1fx%n", gbt / naive);
  }

  private static double run(String name, DemandForecaster<?> f, Dataset<Row> history, ForecastSettings s, int series) {
    long t0 = System.nanoTime();
    Evaluation.Result r = Evaluation.run(history, f, name, s);
    long scored = r.scored().count();
    long t1 = System.nanoTime();
    DemandForecastModel model = f.fit(history).setCalibration(r.calibration());
    LocalDate origin = history.agg(org.apache.spark.sql.functions.max("date")).first().getDate(0).toLocalDate()
        .plusDays(1);
    long forecastRows = model.forecast(history, origin, s.horizon()).count();
    long t2 = System.nanoTime();
    double backtest = (t1 - t0) / 1e9;
    double fitForecast = (t2 - t1) / 1e9;
    double total = backtest + fitForecast;
    System.out.printf(Locale.ROOT, "%s: backtest+calibration %.1f s (%d scored rows), fit+forecast %.1f s (%d rows);"
        + " total %.1f s, %.1f series/s%n", name, backtest, scored, fitForecast, forecastRows, total, series / total);
    return total;
  }
}

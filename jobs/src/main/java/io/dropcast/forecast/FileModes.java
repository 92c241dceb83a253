package io.dropcast.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.max;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropcast.errors.Errors;
import io.dropcast.models.forecast.DemandForecastModel;
import io.dropcast.models.forecast.DemandForecaster;
import io.dropcast.models.forecast.QuantileColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The analyst commands on any history file: {@code forecast --history FILE --horizon H --out DIR} and
 * {@code backtest --history FILE --horizon H --folds K --out DIR}. The warehouse is not touched.
 */
public final class FileModes {
  private FileModes() {}

  /** Name of the output column of a quantile level: p10, p50, p90, p97_5. */
  public static String outputName(double q) {
    String pct = new java.math.BigDecimal(Double.toString(q * 100)).stripTrailingZeros().toPlainString();
    return "p" + pct.replace('.', '_');
  }

  /**
   * Fits the global GBT on the whole history (quantiles calibrated on its latest folds) and forecasts the
   * H days after each series' own last day. Returns the rows of forecast.csv:
   * {@code location_id, category, date} and one column per quantile level.
   */
  public static Dataset<Row> forecast(Dataset<Row> history, Dataset<Row> future, ForecastSettings s) {
    Dataset<Row> input = (future == null ? history : history.unionByName(future))
        .persist(StorageLevel.MEMORY_AND_DISK());
    DemandForecaster<?> gbt = s.globalGbt();
    Evaluation.Result eval = Evaluation.run(input, gbt, ForecastSettings.GLOBAL_GBT, s.withBacktestFolds(1));
    DemandForecastModel model = gbt.fit(input).setCalibration(eval.calibration());
    String key = s.keyCol();
    Dataset<Row> lastDays = history.groupBy(key, ForecastSettings.CATEGORY)
        .agg(date_add(max(col(ForecastSettings.DATE)), 1).as("__origin"));
    List<LocalDate> origins = new ArrayList<>();
    for (Row r : lastDays.select("__origin").distinct().collectAsList()) { // at most one per day of history
      origins.add(r.getDate(0).toLocalDate());
    }
    Dataset<Row> all = model.forecast(input, origins, s.horizon());
    Dataset<Row> own = all.join(lastDays, all.col(key).equalTo(lastDays.col(key))
            .and(all.col(ForecastSettings.CATEGORY).equalTo(lastDays.col(ForecastSettings.CATEGORY)))
            .and(all.col("origin").equalTo(lastDays.col("__origin"))), "left_semi");
    List<Column> cols = new ArrayList<>(List.of(col(key), col(ForecastSettings.CATEGORY),
        col("target_date").as("date")));
    for (double q : s.quantiles()) {
      cols.add(col(QuantileColumns.name(model.getQuantileColPrefix(), q)).as(outputName(q)));
    }
    return own.select(cols.toArray(new Column[0])).orderBy(key, ForecastSettings.CATEGORY, "date");
  }

  /** Backtest results: the metric rows of every forecaster (see {@link Evaluation#metrics}) and the scored origins. */
  public record Backtest(Dataset<Row> metrics, List<LocalDate> origins) {}

  public static Backtest backtest(Dataset<Row> history, ForecastSettings s) {
    Dataset<Row> input = history.persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> metrics = null;
    List<LocalDate> origins = null;
    for (Map.Entry<String, DemandForecaster<?>> f : s.forecasters().entrySet()) {
      Evaluation.Result r = Evaluation.run(input, f.getValue(), f.getKey(), s);
      origins = r.scoredOrigins();
      Dataset<Row> m = Evaluation.metrics(r.scored(), input, f.getValue(), f.getKey());
      metrics = metrics == null ? m : metrics.unionByName(m, true);
    }
    return new Backtest(metrics.localCheckpoint(true), origins);
  }

  /** metrics.json: per forecaster, the overall, cold_start and warm metrics, plus the run's settings. */
  public static String metricsJson(Backtest b, ForecastSettings s, String historyFile) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("history", historyFile);
    root.put("horizon", s.horizon());
    root.put("folds", s.backtestFolds());
    root.put("fold_step_days", s.foldStepDays());
    root.put("calibration_folds", s.calibrationFolds());
    root.put("origins", b.origins().stream().map(LocalDate::toString).toList());
    Map<String, Object> forecasters = new LinkedHashMap<>();
    for (Row r : b.metrics().filter(col("scope").notEqual("series")).orderBy("forecaster", "scope").collectAsList()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> byScope = (Map<String, Object>) forecasters.computeIfAbsent(r.getAs("forecaster"),
          k -> new LinkedHashMap<>());
      Map<String, Object> m = new LinkedHashMap<>();
      for (String f : r.schema().fieldNames()) {
        if (!List.of("forecaster", "scope", "series_key", "series_category").contains(f)) {
          m.put(f, r.getAs(f));
        }
      }
      byScope.put(r.getAs("scope"), m);
    }
    root.put("forecasters", forecasters);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (IOException e) {
      throw Errors.internal("cannot write metrics as JSON", e);
    }
  }

  /** The per-series CSV rows: forecaster, location_id, category and the metrics. */
  public static Dataset<Row> seriesRows(Backtest b, String keyCol) {
    Dataset<Row> series = b.metrics().filter(col("scope").equalTo("series"));
    List<Column> cols = new ArrayList<>(List.of(col("forecaster"), col("series_key").as(keyCol),
        col("series_category").as(ForecastSettings.CATEGORY)));
    for (String f : series.columns()) {
      if (!List.of("forecaster", "scope", "series_key", "series_category").contains(f)) {
        cols.add(col(f));
      }
    }
    return series.select(cols.toArray(new Column[0])).orderBy("forecaster", keyCol, ForecastSettings.CATEGORY);
  }

  public static void writeText(org.apache.spark.sql.SparkSession spark, String target, String text) {
    try {
      Path p = new Path(target);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (FSDataOutputStream out = fs.create(p, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw Errors.ioFailure("write", target, e);
    }
  }
}

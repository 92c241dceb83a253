package io.dropcast.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.when;

import io.dropcast.models.forecast.QuantileColumns;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** Pure mappings from the forecasting cores' outputs to the rows of the forecasting tables. */
public final class ForecastTables {
  public static final String ORDERS_SOURCE = "orders";

  private ForecastTables() {}

  /** Selects a table's columns in declared order, cast to the declared types. */
  static Dataset<Row> conform(Dataset<Row> rows, Table table) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      cols.add(col(f.name()).cast(f.dataType()).as(f.name()));
    }
    return rows.select(cols.toArray(new Column[0]));
  }

  /** demand_history rows (source 'orders') from the daily history joined with its covariates. */
  public static Dataset<Row> historyRows(Dataset<Row> daily, Dataset<Row> covariates) {
    String[] key = {DemandHistory.NEIGHBOURHOOD, DemandHistory.CATEGORY, DemandHistory.DATE};
    Dataset<Row> joined = daily.join(covariates, key, "left");
    for (String c : DropCovariates.NAMES) {
      joined = joined.withColumn(c, functions.coalesce(col(c), lit(0.0)));
    }
    Dataset<Row> rows = joined.select(
        lit(ORDERS_SOURCE).as("source"), col(DemandHistory.NEIGHBOURHOOD).as("location_id"),
        col(DemandHistory.CATEGORY), col(DemandHistory.DATE), col(DemandHistory.UNITS),
        col(DemandHistory.NEIGHBOURHOOD), ModelInput.covariateMap().as("covariates"),
        lit(null).cast(DataTypes.StringType).as("source_file"), col(DemandHistory.OBSERVED_UNITS),
        col(DemandHistory.CENSORED));
    return conform(rows, Tables.DEMAND_HISTORY);
  }

  /**
   * The nearest hub of each neighbourhood among the catchment hubs open on the run date (opened_on null or
   * on or before it): {@code neighbourhood, hub_id}.
   */
  public static Dataset<Row> nearestHubs(Dataset<Row> catchments, Dataset<Row> hubs, LocalDate runDate) {
    Dataset<Row> open = hubs.filter(col("opened_on").isNull().or(col("opened_on").leq(lit(Date.valueOf(runDate)))))
        .select("hub_id");
    return catchments.join(open, "hub_id").groupBy("neighbourhood")
        .agg(min_by(col("hub_id"), functions.struct(col("distance_km"), col("hub_id"))).as("hub_id"));
  }

  /** demand_forecast rows from a calibrated model's forecast (origin D+1, horizons 1..H). */
  public static Dataset<Row> forecastRows(Dataset<Row> forecast, Dataset<Row> nearest, LocalDate runDate,
      String modelId, double[] quantiles, String prefix) {
    List<String> qcols = QuantileColumns.names(prefix, quantiles);
    List<Column> labels = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (int i = 0; i < quantiles.length; i++) {
      labels.add(lit(ModelInput.levelLabel(quantiles[i])));
      values.add(col(qcols.get(i)));
    }
    Dataset<Row> rows = forecast.join(nearest, new String[] {DemandHistory.NEIGHBOURHOOD}, "left").select(
        lit(Date.valueOf(runDate)).as("run_date"), col("target_date"), col("horizon"),
        col(DemandHistory.NEIGHBOURHOOD), col(DemandHistory.CATEGORY), col("hub_id"),
        col("prediction").as("mean"),
        col(QuantileColumns.name(prefix, 0.1)).as("p10"), col(QuantileColumns.name(prefix, 0.5)).as("p50"),
        col(QuantileColumns.name(prefix, 0.9)).as("p90"),
        map_from_arrays(functions.array(labels.toArray(new Column[0])), functions.array(values.toArray(new Column[0])))
            .as("quantiles"),
        col("cold_start"), lit(modelId).as("model_id"));
    return conform(rows, Tables.DEMAND_FORECAST);
  }

  /** forecast_backtest rows from {@link Evaluation#metrics} output. */
  public static Dataset<Row> backtestRows(Dataset<Row> metrics, LocalDate trainDate, String modelId,
      double[] quantiles, String prefix) {
    List<String> qcols = QuantileColumns.names(prefix, quantiles);
    List<String> have = Arrays.asList(metrics.columns());
    List<Column> labels = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (int i = 0; i < quantiles.length; i++) {
      labels.add(lit(ModelInput.levelLabel(quantiles[i])));
      String c = "pinball_" + qcols.get(i);
      values.add(have.contains(c) ? col(c) : lit(null).cast(DataTypes.DoubleType));
    }
    Column series = col("scope").equalTo("series");
    Dataset<Row> rows = metrics.filter(col("n").gt(0)).select(
        lit(Date.valueOf(trainDate)).as("train_date"), lit(modelId).as("model_id"), col(Evaluation.FORECASTER),
        col("scope"), when(series, col("series_key")).as("neighbourhood"),
        when(series, col("series_category")).as("category"), col("n"), col("mase"), col("wape"), col("rmsse"),
        map_from_arrays(functions.array(labels.toArray(new Column[0])), functions.array(values.toArray(new Column[0])))
            .as("pinball"),
        have.contains("coverage") ? col("coverage") : lit(null).cast(DataTypes.DoubleType).as("coverage"));
    return conform(rows, Tables.FORECAST_BACKTEST);
  }
}

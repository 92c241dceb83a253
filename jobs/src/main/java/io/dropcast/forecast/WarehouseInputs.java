package io.dropcast.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the forecasting jobs read for a run date D, each table pinned to the Delta version current when the
 * run started (recorded in the model registry): orders dated &le; D, drops dated &le; D + H (the schedule of
 * the days after D; their sales are never read), catchments and hubs.
 */
public record WarehouseInputs(Dataset<Row> orders, Dataset<Row> drops, Dataset<Row> catchments, Dataset<Row> hubs,
    Map<String, Long> versions) {

  public static WarehouseInputs read(Warehouse w, LocalDate runDate, int horizon) {
    Map<String, Long> versions = new LinkedHashMap<>();
    Dataset<Row> orders = pinned(w, Tables.ORDERS, versions)
        .filter(col("order_date").leq(lit(Date.valueOf(runDate))));
    Dataset<Row> drops = pinned(w, Tables.DROPS, versions)
        .filter(col("drop_date").leq(lit(Date.valueOf(runDate.plusDays(horizon)))));
    Dataset<Row> catchments = pinned(w, Tables.CATCHMENTS, versions);
    Dataset<Row> hubs = pinned(w, Tables.HUBS, versions);
    return new WarehouseInputs(orders, drops, catchments, hubs, versions);
  }

  private static Dataset<Row> pinned(Warehouse w, Table table, Map<String, Long> versions) {
    long v = w.version(table).orElseThrow(() -> Errors.tableMissing(table.name(), w.path(table), w.existingNames()));
    versions.put(table.name(), v);
    return w.spark().read().format("delta").option("versionAsOf", v).load(w.path(table));
  }

  /** The demand history of the run date (see {@link DemandHistory}). */
  public Dataset<Row> daily(DropcastConfig config, LocalDate runDate) {
    return DemandHistory.daily(orders, drops, new DemandHistory.Params(runDate,
        config.get(Keys.FORECAST_CENSORING_MAX_UPLIFT), config.get(Keys.FORECAST_CENSORING_CURVE_DAYS)));
  }

  /** Drop covariates from the first drop to D + horizon. */
  public Dataset<Row> covariates(LocalDate runDate, int horizon) {
    return DropCovariates.daily(drops, catchments, LocalDate.of(1970, 1, 1), runDate.plusDays(horizon));
  }
}

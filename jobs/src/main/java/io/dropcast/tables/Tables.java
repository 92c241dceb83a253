package io.dropcast.tables;

import static io.dropcast.tables.Columns.optional;
import static io.dropcast.tables.Columns.required;
import static io.dropcast.tables.Columns.struct;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every Delta table Dropcast writes, declared once. Jobs, {@code dropcast sql}, the notebooks and
 * docs/tables.md all take table names, schemas and keys from here.
 */
public final class Tables {
  private Tables() {}

  private static final List<Table> ALL = new ArrayList<>();

  private static Table register(Table table) {
    if (ALL.stream().anyMatch(t -> t.name().equals(table.name()))) {
      throw new IllegalStateException("table declared twice: " + table.name());
    }
    ALL.add(table);
    return table;
  }

  /** The run ledger: one row per job run, written when the run starts and completed when it ends. */
  public static final Table JOB_RUNS = register(new Table("job_runs", struct(
      required("run_id", StringType, "Unique id of this run (job, date and a random suffix)."),
      required("job", StringType, "Command that ran, as registered in dropcast --help."),
      optional("date_from", DateType, "First run date covered (local to dropcast.time-zone)."),
      optional("date_to", DateType, "Last run date covered; equals date_from for a one-day run."),
      required("started_at", TimestampType, "When the run started."),
      optional("ended_at", TimestampType, "When the run ended; null while running or if the driver died."),
      required("status", StringType, "running, succeeded, failed or abandoned; a run left 'running' died without recording its end, and the next run of the same job and dates marks it abandoned."),
      optional("rows_read", createMapType(StringType, LongType), "Rows read per source."),
      optional("rows_accepted", createMapType(StringType, LongType), "Rows accepted per source."),
      optional("rows_quarantined", createMapType(StringType, LongType), "Rows quarantined per 'source/rule'."),
      optional("table_versions", createMapType(StringType, LongType), "Delta version written per output table."),
      optional("message", StringType, "The error of a failed run, or a one-paragraph summary of a successful one; while running, the driver (host and pid)."),
      optional("arguments", StringType, "The command line of the run (no secrets are ever on it).")),
      List.of(), List.of("run_id"),
      "Run ledger of every Dropcast job: status, counts (read = accepted + quarantined) and table versions written. Read by ops, the nightly orchestrator and the notebooks."));

  // ---- ingest (io.dropcast.ingest) ------------------------------------------------------------------

  /** Hubs as currently known: one row per hub, the latest snapshot (by updated_at) wins. */
  public static final Table HUBS = register(new Table("hubs", struct(
      required("hub_id", StringType, "Unique hub identifier."),
      required("name", StringType, "Display name; operator-supplied free text, escape before display."),
      required("latitude", DoubleType, "Hub latitude (WGS84); a hub's location is not personal data."),
      required("longitude", DoubleType, "Hub longitude (WGS84)."),
      required("neighbourhood", StringType, "H3 cell of the hub at dropcast.h3-resolution."),
      required("capacity_units", IntegerType, "Units the hub can hold at once, all drops together; > 0."),
      required("pick_pack_per_hour", IntegerType, "Pickups the hub staff can serve per hour; > 0."),
      required("pickup_sla_hours", DoubleType, "Promised time from order to ready-for-pickup, hours; > 0."),
      required("opens_at", StringType, "Local opening time, HH:mm."),
      required("closes_at", StringType, "Local closing time, HH:mm; after opens_at."),
      optional("opened_on", DateType, "First day the hub serves pickups; null if it always did."),
      required("updated_at", TimestampType, "Instant of the snapshot this row comes from; the latest wins."),
      required("source_file", StringType, "Landing file the row was read from.")),
      List.of(), List.of("hub_id"),
      "Current state of every micro-hub (MERGE on hub_id, latest updated_at wins). Written by ingest; read by catchments, forecasts and hub plans."));

  /** Drop batches: one row per (drop_id, batch_number), partitioned by the local date the batch starts. */
  public static final Table DROPS = register(new Table("drops", struct(
      required("drop_id", StringType, "Identifier of the drop, shared by all its batches."),
      required("batch_number", IntegerType, "1-based number of this micro-release batch within the drop."),
      required("drop_date", DateType, "Local date (dropcast.time-zone) of starts_at; partition column."),
      required("merchant_id", StringType, "Merchant offering the drop."),
      required("sku_id", StringType, "Stock-keeping unit on offer."),
      required("category", StringType, "Directory category, lower-case slug."),
      required("title", StringType, "Title shown to customers; merchant free text, escape before display."),
      required("hub_ids", createArrayType(StringType), "Hubs where units of this drop may be picked up; every one is a known hub."),
      required("starts_at", TimestampType, "Instant this batch is released."),
      required("ends_at", TimestampType, "Instant the drop window closes; after starts_at."),
      required("units_released", IntegerType, "Units released in this batch; > 0."),
      required("price", createDecimalType(10, 2), "Drop price per unit; > 0."),
      required("list_price", createDecimalType(10, 2), "Regular price per unit; > 0."),
      required("channels", createArrayType(StringType), "Announcement channels: any of 'push', 'sms'; empty for none."),
      required("source_file", StringType, "Landing file the row was read from.")),
      List.of("drop_date"), List.of("drop_id", "batch_number"),
      "Drop batches (MERGE on drop_id, batch_number; a re-delivered batch replaces the old one). Written by ingest; read by forecasts and drop cadence."));

  /** Orders, one row per order in its latest known version; no personal data. */
  public static final Table ORDERS = register(new Table("orders", struct(
      required("order_id", StringType, "Unique order identifier."),
      required("order_date", DateType, "Local date (dropcast.time-zone) of created_at; partition column."),
      optional("drop_id", StringType, "Drop the order was placed on (a known drop); null for orders outside drops."),
      optional("sku_id", StringType, "SKU ordered."),
      required("category", StringType, "Directory category, lower-case slug."),
      required("customer_hash", StringType, "SHA-256 (hex) of the secret salt and the customer id; the raw id is never stored."),
      required("neighbourhood", StringType, "H3 cell address of the customer location at dropcast.h3-resolution; latitude/longitude are not stored."),
      required("created_at", TimestampType, "Instant the order was placed."),
      required("units", IntegerType, "Units ordered; > 0."),
      required("fulfilment_mode", StringType, "One of 'pickup', 'courier', 'ship'."),
      optional("hub_id", StringType, "Hub the order is picked up from (a known hub)."),
      optional("picked_up_at", TimestampType, "Instant of pickup; not before created_at; null until picked up."),
      required("status", StringType, "One of 'placed', 'picked_up', 'no_show', 'cancelled', 'refunded'."),
      optional("next_drop_opt_in", BooleanType, "Whether the customer opted in to hear about the next drop."),
      required("updated_at", TimestampType, "Instant of this version (created_at when the source gave none); the latest version wins."),
      required("source_file", StringType, "Landing file the latest version was read from.")),
      List.of("order_date"), List.of("order_id"),
      "Orders in their latest version (MERGE on order_id within order_date; a later pickup, no-show or refund event updates the row). Written by ingest; read by forecasts, backtests and hub plans."));

  /** Hub catchment of every neighbourhood seen in orders: which hubs serve it and with what share. */
  public static final Table CATCHMENTS = register(new Table("catchments", struct(
      required("neighbourhood", StringType, "H3 cell address at dropcast.h3-resolution (a neighbourhood seen in orders)."),
      required("hub_id", StringType, "A hub that can serve the neighbourhood."),
      required("distance_km", DoubleType, "Great-circle distance from the cell centre to the hub, km."),
      required("travel_minutes", DoubleType, "distance_km at dropcast.catchment.travel-speed-kmh, minutes."),
      required("weight", DoubleType, "Share of the neighbourhood's demand this hub serves: inverse distance, summing to 1 per neighbourhood."),
      required("nearest", BooleanType, "True for the neighbourhood's nearest hub (always present)."),
      required("within_reach", BooleanType, "travel_minutes <= dropcast.catchment.max-travel-minutes; false only for a nearest hub kept so that no neighbourhood is orphaned.")),
      List.of(), List.of("neighbourhood", "hub_id"),
      "Neighbourhood to hub catchments (rebuilt whole by each ingest run from the orders' neighbourhoods and the current hubs). Read by forecasts (hub demand) and hub plans."));

  /** Rows and files that broke a rule, with the rule, a readable reason and the record as read. */
  public static final Table QUARANTINE = register(new Table("quarantine", struct(
      optional("run_date", DateType, "Run date of the ingest that read the record (null for import-history); partition column."),
      required("source", StringType, "Source: drops, orders, hubs, or history for import-history."),
      required("source_file", StringType, "File the record was read from."),
      optional("row_number", LongType, "1-based record number within the file (header excluded); null for a file-level record."),
      required("rule", StringType, "First rule the record broke (snake_case, stable), e.g. units_not_positive or file_unreadable."),
      required("rules", createArrayType(StringType), "Every rule the record broke, in rule order; rule is the first."),
      required("reason", StringType, "Readable reason for the first rule, quoting the offending value."),
      optional("raw_record", StringType, "The record as read, as JSON (customer_id replaced by its salted hash); null for a file-level record."),
      required("run_id", StringType, "Run that quarantined the record (see job_runs).")),
      List.of("run_date"), List.of("run_date", "source", "source_file", "row_number"),
      "Quarantined records and unreadable files (replaced per run date by each ingest rerun; per file by import-history). Read by ops and the data-quality notebook."));

  /** Daily demand per location and category, imported from history files or derived from orders. */
  public static final Table DEMAND_HISTORY = register(new Table("demand_history", struct(
      required("source", StringType, "'import' (import-history) or 'orders' (derived from the orders table by the forecasting job); partition column."),
      required("location_id", StringType, "Location as given by the history file, or the H3 neighbourhood for source 'orders'."),
      required("category", StringType, "Directory category; 'all' when the history has no category."),
      required("date", DateType, "Local date of the demand."),
      required("units", DoubleType, "Units demanded that day, >= 0: as given for source 'import'; for source 'orders' the estimated unconstrained demand (observed_units raised for the drops that sold out)."),
      optional("neighbourhood", StringType, "H3 cell at dropcast.h3-resolution when the history gives latitude/longitude (or the location is a cell)."),
      optional("covariates", createMapType(StringType, DoubleType), "Numeric covariate columns of the history file, by column name; for source 'orders' the drop schedule of the day (see docs/forecasting.md)."),
      optional("source_file", StringType, "History file the row was imported from (null for source 'orders')."),
      optional("observed_units", DoubleType, "Units actually ordered that day (sales, not cancelled), >= 0; equals units for source 'import'."),
      optional("censored", BooleanType, "True when a drop that reached the day's demand sold out, so observed_units understates demand; null for source 'import'.")),
      List.of("source"), List.of("source", "location_id", "category", "date"),
      "Daily demand history (MERGE on source, location_id, category, date: re-import is idempotent). Written by import-history and the forecasting job; read by forecasts."));

  // ---- demand forecasting (io.dropcast.forecast) ---------------------------------------------------

  /** Demand forecasts of a run: one row per (target day, neighbourhood, category). */
  public static final Table DEMAND_FORECAST = register(new Table("demand_forecast", struct(
      required("run_date", DateType, "Run date D of the forecast; data up to and including D was used. Partition column."),
      required("target_date", DateType, "Day forecast: D+1 .. D+H (dropcast.forecast.horizon-days, default 14)."),
      required("horizon", IntegerType, "target_date - run_date, 1..H."),
      required("neighbourhood", StringType, "H3 cell (orders.neighbourhood)."),
      required("category", StringType, "Directory category."),
      optional("hub_id", StringType, "Nearest catchment hub of the neighbourhood (catchments.nearest), null if none."),
      required("mean", DoubleType, "Point forecast of the day's (unconstrained) demand in units, >= 0."),
      required("p10", DoubleType, "10% quantile, >= 0."),
      required("p50", DoubleType, "Median, >= p10."),
      required("p90", DoubleType, "90% quantile, >= p50."),
      required("quantiles", createMapType(StringType, DoubleType), "Every configured quantile level keyed by the level with at least two decimals (\"0.10\", \"0.50\", \"0.90\", \"0.975\"); monotone in the level."),
      required("cold_start", BooleanType, "The series had too little history and was pooled from H3 neighbours and its category."),
      required("model_id", StringType, "model_registry id of the model that produced the row.")),
      List.of("run_date"), List.of("run_date", "target_date", "neighbourhood", "category"),
      "Daily demand forecasts per neighbourhood x category for D+1..D+H (replaceWhere run_date = D). Written by forecast; read by hub plans, drop cadence, the report and notebooks."));

  /** Every trained forecasting model: parameters, data versions read, backtest summary, where it is stored. */
  public static final Table MODEL_REGISTRY = register(new Table("model_registry", struct(
      required("model_id", StringType, "Id of the model: 'demand-gbt-' + train date (a rerun of the date replaces it)."),
      required("train_date", DateType, "Run date D of the train job; the model learned from demand dated <= D."),
      required("model_type", StringType, "Estimator class of the model (io.dropcast.models.forecast...)."),
      required("path", StringType, "Where the model is saved (MLlib writer format), under the warehouse."),
      required("params", createMapType(StringType, StringType), "Every Param of the estimator with its value."),
      required("data_versions", createMapType(StringType, LongType), "Delta version of each table read (orders, drops, catchments, hubs)."),
      required("metrics", createMapType(StringType, DoubleType), "Backtest metrics of the model: mase, wape, rmsse, coverage, pinball_0.10 ..., cold_start.mase ... and the same for each baseline prefixed by its name (seasonal_naive_7.mase)."),
      required("series", LongType, "Series (neighbourhood x category) in the training history."),
      required("history_from", DateType, "First day of the training history."),
      required("history_to", DateType, "Last day of the training history (= train_date)."),
      required("run_id", StringType, "job_runs id of the train run.")),
      List.of(), List.of("model_id"),
      "Registry of trained demand models (MERGE on model_id). Written by train; read by forecast (the latest model with train_date <= D), the report and notebooks."));

  /** Backtest metrics of the model of a train run and of each baseline, overall and per series. */
  public static final Table FORECAST_BACKTEST = register(new Table("forecast_backtest", struct(
      required("train_date", DateType, "Run date of the train job that ran the backtest. Partition column."),
      required("model_id", StringType, "model_registry id of the model trained that night."),
      required("forecaster", StringType, "Which forecaster: global_gbt, seasonal_naive_7 or moving_average_28."),
      required("scope", StringType, "overall (all series), cold_start (series that were cold at the fold origin), warm, or series (one series)."),
      optional("neighbourhood", StringType, "The series' H3 cell for scope 'series', else null."),
      optional("category", StringType, "The series' category for scope 'series', else null."),
      required("n", LongType, "Backtest rows (series x origin x horizon) scored."),
      optional("mase", DoubleType, "Mean absolute scaled error; scale = in-sample MAE of seasonal naive (7 days) before each origin; mean of per-series values."),
      optional("wape", DoubleType, "Sum |error| / sum actual."),
      optional("rmsse", DoubleType, "Root mean squared scaled error (scale: in-sample seasonal-naive-7 MSE)."),
      optional("pinball", createMapType(StringType, DoubleType), "Mean pinball loss per quantile level (\"0.10\", \"0.50\", \"0.90\")."),
      optional("coverage", DoubleType, "Share of actuals within the lowest and highest quantile (P10-P90 by default).")),
      List.of("train_date"), List.of("train_date", "forecaster", "scope", "neighbourhood", "category"),
      "Rolling-origin backtest metrics per train run (replaceWhere train_date = D). Written by train; read by the report and notebooks."));

  // ---- hub prepositioning plans and drop KPIs (io.dropcast.plan) ------------------------------------

  /** The plan columns shared by the production plan and the scenario table, in contract order. */
  private static final org.apache.spark.sql.types.StructField[] PLAN_COLUMNS = {
      required("plan_date", DateType, "Run date D of the plan; partition column."),
      required("drop_date", DateType, "Local date the drop starts (D+1 .. D+dropcast.plan.horizon-days)."),
      required("drop_id", StringType, "The drop."),
      required("sku_id", StringType, "SKU of the drop."),
      required("category", StringType, "Category of the drop."),
      required("hub_id", StringType, "Hub to place units at (one row per eligible hub, 0 units included)."),
      required("units", IntegerType, "Units to place at the hub before the drop opens; >= 0."),
      required("expected_demand", DoubleType, "P50 of the demand this hub will see for this drop."),
      required("demand_p10", DoubleType, "P10 of that demand."),
      required("demand_p90", DoubleType, "P90 of that demand."),
      required("expected_fill_rate", DoubleType, "Expected sales from the units placed at this hub / expected mean demand, in [0, 1] (units kept back serve only late, which is shortage)."),
      required("expected_leftover", DoubleType, "Expected units placed here and left unsold."),
      required("expected_within_sla", DoubleType, "Expected share of this hub's demand served within its pickup SLA, in [0, 1]: from units placed at the hub, so equal to expected_fill_rate."),
      required("reason", StringType, "capacity_bound, stock_bound or demand_bound."),
      optional("model_id", StringType, "model_registry id of the forecast used."),
      required("run_id", StringType, "job_runs id of the plan run.")};

  /** Units of every upcoming drop to place at each eligible hub, with what they are expected to do. */
  public static final Table HUB_PREPOSITIONING_PLAN = register(new Table("hub_prepositioning_plan",
      struct(PLAN_COLUMNS), List.of("plan_date"), List.of("plan_date", "drop_id", "hub_id"),
      "Hub prepositioning plans (replaceWhere plan_date = D by each plan run). Written by plan; read by the report, notebooks, packing lists and the directory client."));

  /** What-if plans: the production plan's columns under a scenario name, never written over the plan. */
  public static final Table HUB_PREPOSITIONING_SCENARIO = register(new Table("hub_prepositioning_scenario",
      withLeading(PLAN_COLUMNS,
          required("scenario", StringType, "Name of the what-if scenario (plan --scenario NAME); partition column."),
          required("overrides", StringType, "The scenario's overrides as given, for example 'capacity-factor=0.8, stock-factor=0.9'.")),
      List.of("scenario", "plan_date"), List.of("scenario", "plan_date", "drop_id", "hub_id"),
      "What-if prepositioning plans (replaceWhere scenario = NAME AND plan_date = D). Written by plan --scenario; read by planners and notebooks."));

  /** Past plans and two baselines scored against what was ordered and, on a generated world, latent demand. */
  public static final Table PLAN_EVALUATION = register(new Table("plan_evaluation", struct(
      required("plan_date", DateType, "Run date of the plan scored; partition column."),
      required("drop_date", DateType, "Start date of the drops scored."),
      required("method", StringType, "dropcast (the plan as written), equal-split or sales-share (baselines on the same drops, stock and capacity)."),
      required("demand_source", StringType, "orders (units ordered, censored by sell-outs) or latent (true demand of a generated world, from --truth)."),
      required("drops", IntegerType, "Drops scored."),
      required("pairs", IntegerType, "(drop, hub) pairs scored."),
      required("stock_units", LongType, "Units available over the drops."),
      required("placed_units", LongType, "Units placed at hubs by the method."),
      required("demand_units", LongType, "Units demanded at the drops' eligible hubs."),
      required("sold_units", DoubleType, "Units sold on hand at the hub (units the method placed there)."),
      required("within_sla_units", DoubleType, "Units sold within the hub's pickup SLA: those on hand at the hub."),
      optional("served_late_units", DoubleType, "Units of the shortage served later from units the method kept back (outside the SLA, still shortage); null in rows scored before the rule of 2026-12-07."),
      required("shortage_units", DoubleType, "Units demanded and not sold on hand at the hub (served late included)."),
      required("leftover_units", LongType, "Units placed at hubs and not sold."),
      required("stockout_pairs", IntegerType, "Pairs whose demand exceeded the units placed there."),
      required("fill_rate", DoubleType, "sold_units / demand_units (1 without demand)."),
      optional("fill_rate_with_late", DoubleType, "(sold_units + served_late_units) / demand_units (1 without demand); null in rows scored before the rule of 2026-12-07."),
      required("within_sla_share", DoubleType, "within_sla_units / demand_units (1 without demand)."),
      required("cost", DoubleType, "Sum over drops of h * leftover_units + p * shortage_units, with the drop's category costs."),
      optional("unmatched_demand_units", LongType, "Demand at hubs where the plan had no row for the drop (counted, not scored)."),
      required("run_id", StringType, "job_runs id of the evaluation run.")),
      List.of("plan_date"), List.of("plan_date", "drop_date", "method", "demand_source"),
      "Plans scored against reality next to two baselines (replaceWhere plan_date in the evaluated range). Written by evaluate-plans; read by the report and notebooks."));

  /** The seed test-plan's measures per drop. */
  public static final Table DROP_KPIS = register(new Table("drop_kpis", struct(
      required("drop_date", DateType, "Local date the drop started; partition column."),
      required("drop_id", StringType, "The drop."),
      required("sku_id", StringType, "SKU of the drop."),
      required("category", StringType, "Category of the drop."),
      required("units_released", IntegerType, "Units released over the drop's batches."),
      required("units_shipped", IntegerType, "Units shipped to hubs: the plan's units when a plan of the day before exists, else units_released."),
      required("shipped_source", StringType, "plan or released: where units_shipped comes from."),
      required("orders", LongType, "Orders on the drop, cancelled ones excluded."),
      required("units_sold", LongType, "Units of those orders."),
      required("pickup_orders", LongType, "Orders to be picked up at a hub."),
      required("picked_up_orders", LongType, "Pickup orders picked up by the end of the run date."),
      required("no_show_orders", LongType, "Pickup orders not picked up by the end of the run date (refunds excluded)."),
      required("units_picked_up", LongType, "Units of the picked-up orders."),
      optional("pickup_rate", DoubleType, "units_picked_up / units_shipped."),
      optional("sell_through", DoubleType, "units_sold / units_released."),
      required("sold_out", BooleanType, "Whether units_sold reached units_released."),
      optional("minutes_to_sell_out", DoubleType, "Minutes from the first release to the order that took the last unit; null if not sold out."),
      optional("no_show_rate", DoubleType, "no_show_orders / (picked_up_orders + no_show_orders)."),
      optional("opt_in_rate", DoubleType, "Share of orders opting in to the next drop, among orders that answered."),
      optional("repeat_rate", DoubleType, "Share of the drop's customers who ordered in the 28 days before the drop."),
      required("run_id", StringType, "job_runs id of the run.")),
      List.of("drop_date"), List.of("drop_date", "drop_id"),
      "Per-drop test-plan measures (replaceWhere drop_date of the run). Written by drop-kpis; read by the report, cadence and notebooks."));

  private static org.apache.spark.sql.types.StructType withLeading(org.apache.spark.sql.types.StructField[] columns,
      org.apache.spark.sql.types.StructField... leading) {
    org.apache.spark.sql.types.StructField[] all = new org.apache.spark.sql.types.StructField[leading.length + columns.length];
    System.arraycopy(leading, 0, all, 0, leading.length);
    System.arraycopy(columns, 0, all, leading.length, columns.length);
    return struct(all);
  }

  // ---- drop cadence (io.dropcast.cadence) ------------------------------------------------------------

  /** A micro-release batch of a recommendation: its number, units and local release time. */
  public static final org.apache.spark.sql.types.StructType CADENCE_BATCH = struct(
      optional("batch", IntegerType, "1-based batch number, in release order."),
      optional("units", IntegerType, "Units released in this batch; > 0."),
      optional("release_at_local", StringType, "Local release time, HH:mm (dropcast.time-zone)."));

  /** One recommended weekday with its evidence. */
  public static final org.apache.spark.sql.types.StructType CADENCE_WEEKDAY = struct(
      optional("weekday", StringType, "English weekday name, Monday first."),
      optional("expected_orders", DoubleType, "Posterior mean orders per drop-day on this weekday (shrunk towards the category)."),
      optional("drop_days", IntegerType, "Drop-days of the group on this weekday in the history used."),
      optional("confidence", StringType, "high, medium or low: how well the history pins this weekday down."));

  /** Recommended drop cadence per category x hub (and per merchant with enough history), per run date. */
  public static final Table CADENCE_RECOMMENDATIONS = register(new Table("cadence_recommendations", struct(
      required("run_date", DateType, "Run date D; only orders and drops dated <= D were used. Partition column."),
      required("level", StringType, "'category_hub' (every category x hub with history) or 'merchant' (a merchant's drops of a category at a hub, when it has dropcast.cadence.min-merchant-drop-days)."),
      required("category", StringType, "Directory category."),
      required("hub_id", StringType, "Hub the cadence is planned for (its pick/pack capacity and opening hours)."),
      optional("merchant_id", StringType, "Merchant, for level 'merchant'; null for 'category_hub'."),
      required("weekdays", createArrayType(StringType), "Recommended drop weekdays (English names), best first."),
      required("window_start_local", StringType, "Release window start, local HH:mm."),
      required("window_end_local", StringType, "Release window end (exclusive), local HH:mm; 24:00 is midnight."),
      required("window_demand_share", DoubleType, "Share of a drop-day's orders expected inside the window, in [0, 1]."),
      required("interval_days", IntegerType, "Recommended days at least between two drops of the group (from the demand recovery fit)."),
      required("units_per_drop", IntegerType, "Units a drop of the group releases at this hub (median of the drops in the history used)."),
      required("batch_count", IntegerType, "Number of micro-release batches."),
      required("batches", createArrayType(CADENCE_BATCH), "The batches in release order: batch, units, release_at_local."),
      required("expected_demand_units", DoubleType, "Expected units demanded in the window on the first recommended weekday."),
      required("expected_sell_through", DoubleType, "Expected units sold / units released, in [0, 1]."),
      required("expected_unmet_units", DoubleType, "Expected demand that finds no stock, units."),
      required("expected_sell_out_hours", DoubleType, "Expected hours from the window start to the sell-out (the window length when units remain)."),
      required("expected_sold_out", BooleanType, "Whether the expected course sells every unit."),
      required("expected_peak_pickups_per_hour", DoubleType, "Largest expected pickups in an hour from this drop."),
      required("expected_peak_hub_load_per_hour", DoubleType, "Largest expected pickups in an hour at the hub: this drop plus the hub's usual other load."),
      required("pick_pack_per_hour", IntegerType, "The hub's pick/pack capacity, pickups per hour (hubs.pick_pack_per_hour)."),
      required("expected_peak_load_ratio", DoubleType, "expected_peak_hub_load_per_hour / pick_pack_per_hour; above 1 the hub is overloaded."),
      required("expected_over_capacity_pickups", DoubleType, "Expected pickups above the capacity left for the drop, summed over hours, with the recommended batches; for categories of a hub planned jointly, the group's share of the hub's excess."),
      required("single_release_over_capacity_pickups", DoubleType, "The same if every unit were released at the window start."),
      required("weekday_evidence", createArrayType(CADENCE_WEEKDAY), "All seven weekdays, Monday first: expected orders per drop-day, drop-days seen, confidence."),
      required("history_from", DateType, "First drop-day of the history used."),
      required("history_to", DateType, "Last drop-day of the history used (<= run_date)."),
      required("drops_used", IntegerType, "Drops in the history used."),
      required("drop_days_used", IntegerType, "Drop-days in the history used."),
      required("orders_used", LongType, "Orders in the history used."),
      required("confidence", StringType, "high, medium or low: the weakest confidence of the recommended weekdays."),
      required("interval_relaxed", BooleanType, "True when no set of weekdays keeps interval_days and the interval was relaxed."),
      required("recovery_identified", BooleanType, "Whether the demand recovery curve was fitted (false: too little evidence, no effect assumed)."),
      required("recovery_dip", DoubleType, "Fitted demand shortfall of a drop the day after another one, in [0, 1]."),
      required("recovery_rate", DoubleType, "Fitted recovery rate per day of the shortfall."),
      required("recovery_observations", IntegerType, "(gap, demand ratio) pairs of the recovery fit."),
      required("uplift_drops", IntegerType, "Drops used by the channel and discount fit (0 when none)."),
      optional("push_effect", DoubleType, "Fitted demand multiplier of a push announcement; null without a fit."),
      optional("sms_effect", DoubleType, "Fitted demand multiplier of an SMS announcement; null without a fit."),
      optional("discount_elasticity", DoubleType, "Fitted log demand per unit of discount depth; null without a fit."),
      required("what_would_change", createArrayType(StringType), "Readable conditions under which the recommendation would change."),
      required("run_id", StringType, "job_runs id of the cadence run.")),
      List.of("run_date"), List.of("run_date", "level", "category", "hub_id", "merchant_id"),
      "Drop cadence recommendations (replaceWhere run_date = D). Written by cadence; read by the directory's website and the ops report."));

  /** Replay of past drops: recommended micro-release batching against the batching actually used. */
  public static final Table CADENCE_EVALUATION = register(new Table("cadence_evaluation", struct(
      required("evaluated_to", DateType, "Last drop date replayed (--to). Partition column."),
      required("evaluated_from", DateType, "First drop date replayed (--from)."),
      required("outcome", StringType, "Demand the plans were replayed against: 'realized' (orders as sold, cut by sell-outs) or 'latent' (generated world truth, --truth)."),
      required("hub_id", StringType, "Hub, or 'all' for every hub together."),
      required("cadence", StringType, "'recommended' (planner on the demand model fitted before each drop) or 'historical' (the batches actually used)."),
      required("drops", IntegerType, "Drop x hub pairs replayed."),
      required("units_released", DoubleType, "Units released, summed."),
      required("units_sold", DoubleType, "Units sold in the replay, summed."),
      required("sell_through", DoubleType, "units_sold / units_released."),
      required("demand_units", DoubleType, "Units demanded, summed."),
      required("unmet_units", DoubleType, "Demand that found no stock, summed."),
      required("over_capacity_pickups", DoubleType, "Pickups above the hub's pick/pack capacity (less the pickups not from the replayed drops' same-day orders), summed over hours; all of a hub-day's replayed drops run together and each hour's excess is split between them in proportion to their pickups."),
      required("peak_excess_pickups_per_hour", DoubleType, "Largest hourly excess over capacity of any drop."),
      required("peak_load_ratio", DoubleType, "Largest hourly hub load (all of the hub-day's replayed drops plus the other pickups) / pick_pack_per_hour, any hub-day."),
      required("overloaded_drops", IntegerType, "Drops with any pickups above capacity."),
      required("mean_sell_out_hours", DoubleType, "Mean hours from window start to sell-out (window length for drops that did not sell out)."),
      required("sold_out_drops", IntegerType, "Drops that sold every unit."),
      required("over_capacity_reduction", DoubleType, "1 - recommended / historical over_capacity_pickups (same on both rows; 0 when neither overloads, -Infinity when only the recommendation does)."),
      required("sell_through_change", DoubleType, "Recommended minus historical sell_through (same on both rows)."),
      required("run_id", StringType, "job_runs id of the evaluate-cadence run.")),
      List.of("evaluated_to"), List.of("evaluated_to", "evaluated_from", "outcome", "hub_id", "cadence"),
      "Replay of past drops, recommended against historical batching (replaceWhere evaluated_from = D1 AND evaluated_to = D2). Written by evaluate-cadence; read by the ops report and the notebooks."));

  // ---- acting on the plan: packing lists, webhooks, push targets (io.dropcast.act) --------------------

  /** What each hub packs for the plan of a run date: one row per (hub, drop) with units > 0, in picking order. */
  public static final Table HUB_PACKING_LISTS = register(new Table("hub_packing_lists", struct(
      required("plan_date", DateType, "Run date D of the plan the list comes from; partition column."),
      required("hub_id", StringType, "Hub that packs the list."),
      required("pick_order", IntegerType, "1-based position in the hub's list: by drop start, then drop_id, then sku_id."),
      required("drop_date", DateType, "Local date the drop starts."),
      required("drop_id", StringType, "The drop."),
      required("sku_id", StringType, "SKU to pick."),
      required("category", StringType, "Category of the drop."),
      required("merchant_id", StringType, "Merchant of the drop."),
      required("title", StringType, "Title of the drop; merchant free text, escape before display."),
      required("units", IntegerType, "Units to place at the hub before the drop opens; > 0."),
      required("window_start", TimestampType, "Instant the drop's first batch is released."),
      required("window_end", TimestampType, "Instant the drop window closes."),
      required("window_start_local", StringType, "window_start in dropcast.time-zone, yyyy-MM-dd HH:mm."),
      required("window_end_local", StringType, "window_end in dropcast.time-zone, yyyy-MM-dd HH:mm."),
      required("pickup_sla_hours", DoubleType, "The hub's promised time from order to ready-for-pickup, hours."),
      required("plan_version", LongType, "Delta version of hub_prepositioning_plan the list was built from."),
      required("plan_run_id", StringType, "job_runs id of the plan run that wrote the plan rows."),
      required("run_id", StringType, "job_runs id of the pack run.")),
      List.of("plan_date"), List.of("plan_date", "hub_id", "drop_id"),
      "Per-hub packing lists of a plan (replaceWhere plan_date = D), also exported as CSV and JSON per hub under <warehouse>/exports/packing-lists/. Written by pack; read by deliver, hubs and notebooks."));

  /** Every attempt to deliver a packing list or plan summary to a webhook endpoint. */
  public static final Table WEBHOOK_DELIVERIES = register(new Table("webhook_deliveries", struct(
      required("plan_date", DateType, "Run date D of the plan delivered; partition column."),
      required("delivery_id", StringType, "Id of the delivery (one body to one endpoint): hex SHA-256 prefix of idempotency_key and endpoint."),
      required("idempotency_key", StringType, "dropcast:v<plan_version>:<hub_id or all>:<plan_date>; the same on every attempt and re-delivery."),
      required("kind", StringType, "packing_list (one hub's list) or plan_summary (units per hub, to the \"*\" endpoint)."),
      required("endpoint", StringType, "URL posted to, without user info or query string."),
      required("hub_id", StringType, "Hub of the packing list, or 'all' for the plan summary."),
      required("attempt", IntegerType, "1-based attempt number of the delivery, counted over every run."),
      required("attempted_at", TimestampType, "When the attempt started."),
      optional("status_code", IntegerType, "HTTP status the endpoint answered; null when no response came."),
      optional("error_kind", StringType, "Why no response came: timeout, connect, io or interrupted; null when one did."),
      required("outcome", StringType, "delivered (2xx), retrying (5xx or network error, another attempt follows), failed (5xx or network error, no attempt left in this run) or rejected (other status, never retried)."),
      required("duration_ms", LongType, "Milliseconds from sending the request to the response or error."),
      required("body", StringType, "The JSON body posted (the same on every attempt of the delivery)."),
      required("run_id", StringType, "job_runs id of the deliver run.")),
      List.of("plan_date"), List.of("plan_date", "delivery_id", "attempt"),
      "Webhook delivery attempts (append: one row per attempt). Written by deliver; read by deliver (what to retry), ops and the notebooks."));

  /** Who to notify of each upcoming drop: the neighbourhoods within reach of its stock, ranked, capped. */
  public static final Table PUSH_TARGETS = register(new Table("push_targets", struct(
      required("plan_date", DateType, "Run date D of the plan the targets follow; partition column."),
      required("drop_date", DateType, "Local date the drop starts."),
      required("drop_id", StringType, "The drop."),
      required("category", StringType, "Category of the drop."),
      required("neighbourhood", StringType, "H3 cell that could be notified."),
      required("hub_id", StringType, "The hub holding units of the drop that serves most of the neighbourhood's demand."),
      required("channels", createArrayType(StringType), "Channels of the notification: the drop's own channels, or ['push'] when it has none."),
      required("rank", IntegerType, "1-based rank by expected_demand_notified (highest first), ties by neighbourhood."),
      required("notified", BooleanType, "Whether the neighbourhood is in the audience: ranks whose cumulative expected demand stays <= units_placed."),
      required("expected_demand", DoubleType, "Forecast demand of the neighbourhood for this drop at the hubs holding its units, units (the plan's demand split)."),
      required("uplift", DoubleType, "Demand multiplier of the notification's channels for this neighbourhood and category (see docs/act.md), > 0."),
      required("uplift_source", StringType, "neighbourhood (its own fit, shrunk towards the category), category, or none (no history: 1)."),
      required("uplift_drops", IntegerType, "Past drops the neighbourhood-level uplift fit used (0 without one)."),
      required("expected_demand_notified", DoubleType, "expected_demand x uplift."),
      required("cumulative_expected_demand", DoubleType, "Sum of expected_demand_notified over ranks 1..rank."),
      required("units_placed", IntegerType, "Units of the drop the plan places at hubs."),
      required("audience_size", LongType, "Distinct hashed customers of the neighbourhood with an order on the last dropcast.act.push.audience-days days up to D."),
      required("expected_orders", DoubleType, "expected_demand_notified / mean units per order of the category on those days."),
      optional("expected_orders_per_notification", DoubleType, "expected_orders / audience_size; null when the audience is empty."),
      required("run_id", StringType, "job_runs id of the push-targets run.")),
      List.of("plan_date"), List.of("plan_date", "drop_id", "neighbourhood"),
      "Geo-targeted push/SMS audiences per upcoming drop (replaceWhere plan_date = D). Written by push-targets; read by the notification service and the notebooks."));

  // ---- table maintenance and fault handling (io.dropcast.maintain) ------------------------------------

  /** Tables in declaration order. */
  public static List<Table> all() {
    return Collections.unmodifiableList(ALL);
  }

  public static Optional<Table> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}

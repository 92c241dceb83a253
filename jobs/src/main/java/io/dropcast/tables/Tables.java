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
      required("status", StringType, "running, succeeded or failed; a run left 'running' died without recording its end."),
      optional("rows_read", createMapType(StringType, LongType), "Rows read per source."),
      optional("rows_accepted", createMapType(StringType, LongType), "Rows accepted per source."),
      optional("rows_quarantined", createMapType(StringType, LongType), "Rows quarantined per 'source/rule'."),
      optional("table_versions", createMapType(StringType, LongType), "Delta version written per output table."),
      optional("message", StringType, "The error of a failed run, or a one-paragraph summary of a successful one."),
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
      required("units", DoubleType, "Units demanded that day; >= 0."),
      optional("neighbourhood", StringType, "H3 cell at dropcast.h3-resolution when the history gives latitude/longitude (or the location is a cell)."),
      optional("covariates", createMapType(StringType, DoubleType), "Numeric covariate columns of the history file, by column name."),
      optional("source_file", StringType, "History file the row was imported from (null for source 'orders').")),
      List.of("source"), List.of("source", "location_id", "category", "date"),
      "Daily demand history (MERGE on source, location_id, category, date: re-import is idempotent). Written by import-history and the forecasting job; read by forecasts."));

  // ---- demand forecasting (io.dropcast.forecast) ---------------------------------------------------

  // ---- hub prepositioning plans and drop KPIs (io.dropcast.plan) ------------------------------------

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
      required("expected_over_capacity_pickups", DoubleType, "Expected pickups above the capacity left for the drop, summed over hours, with the recommended batches."),
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
      required("over_capacity_pickups", DoubleType, "Pickups above the hub's pick/pack capacity (less its other load), summed over hours and drops."),
      required("peak_excess_pickups_per_hour", DoubleType, "Largest hourly excess over capacity of any drop."),
      required("peak_load_ratio", DoubleType, "Largest hourly pickups / capacity left for the drop, any drop."),
      required("overloaded_drops", IntegerType, "Drops with any pickups above capacity."),
      required("mean_sell_out_hours", DoubleType, "Mean hours from window start to sell-out (window length for drops that did not sell out)."),
      required("sold_out_drops", IntegerType, "Drops that sold every unit."),
      required("over_capacity_reduction", DoubleType, "1 - recommended / historical over_capacity_pickups (same on both rows; 0 when neither overloads, -Infinity when only the recommendation does)."),
      required("sell_through_change", DoubleType, "Recommended minus historical sell_through (same on both rows)."),
      required("run_id", StringType, "job_runs id of the evaluate-cadence run.")),
      List.of("evaluated_to"), List.of("evaluated_to", "evaluated_from", "outcome", "hub_id", "cadence"),
      "Replay of past drops, recommended against historical batching (replaceWhere evaluated_from = D1 AND evaluated_to = D2). Written by evaluate-cadence; read by the ops report and the notebooks."));

  /** Tables in declaration order. */
  public static List<Table> all() {
    return Collections.unmodifiableList(ALL);
  }

  public static Optional<Table> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}

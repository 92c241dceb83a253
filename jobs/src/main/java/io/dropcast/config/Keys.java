package io.dropcast.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key Dropcast reads, declared once with its default, type, rule and help.
 * conf/dropcast.conf repeats each key with its default and help as a comment; a test keeps the two equal.
 */
public final class Keys {
  private Keys() {}

  private static final Map<String, ConfigKey<?>> ALL = new LinkedHashMap<>();

  private static <T> ConfigKey<T> register(ConfigKey<T> key) {
    if (ALL.putIfAbsent(key.path(), key) != null) {
      throw new IllegalStateException("configuration key declared twice: " + key.path());
    }
    return key;
  }

  private static final List<String> NIGHTLY_STEP_NAMES =
      List.of("ingest", "train", "forecast", "plan", "pack", "deliver", "push-targets", "cadence", "drop-kpis",
          "report");
  private static final List<String> WEEKDAYS = java.util.Arrays.stream(java.time.DayOfWeek.values())
      .map(Enum::name).toList();

  /** Values of {@link #ENVIRONMENT}. */
  public static final String LOCAL = "local";
  public static final String CLUSTER = "cluster";

  public static final ConfigKey<String> ENVIRONMENT = register(ConfigKey.of(
      "dropcast.environment", ConfigType.STRING, LOCAL,
      v -> v.equals(LOCAL) || v.equals(CLUSTER), "the value is \"local\" or \"cluster\"",
      "\"local\" (embedded default: local Spark, built-in development secrets allowed) or \"cluster\" (every secret must come from the environment)."));

  public static final ConfigKey<String> WAREHOUSE = register(ConfigKey.of(
      "dropcast.warehouse", ConfigType.STRING, "warehouse",
      v -> !v.isBlank(), "the value is not empty",
      "Where Dropcast's Delta tables live: a path relative to the Dropcast home, an absolute path, or a URI such as s3a://bucket/dropcast."));

  public static final ConfigKey<String> LANDING = register(ConfigKey.of(
      "dropcast.landing", ConfigType.STRING, "data-samples/landing",
      v -> !v.isBlank(), "the value is not empty",
      "Where raw files land, one folder per source and date (orders/date=2026-11-26/...); relative paths resolve against the Dropcast home."));

  public static final ConfigKey<java.time.ZoneId> TIME_ZONE = register(ConfigKey.of(
      "dropcast.time-zone", ConfigType.ZONE, "Europe/Lisbon",
      "The city's time zone: run dates, day boundaries, weekdays and opening hours are local to it."));

  public static final ConfigKey<Integer> H3_RESOLUTION = register(ConfigKey.of(
      "dropcast.h3-resolution", ConfigType.INT, 8,
      v -> v >= 5 && v <= 10, "5 <= value <= 10",
      "H3 resolution of a neighbourhood (8: cells of about 0.74 km2)."));

  public static final ConfigKey<String> CUSTOMER_SALT_ENV = register(ConfigKey.of(
      "dropcast.customer-salt-env", ConfigType.STRING, "DROPCAST_CUSTOMER_SALT",
      v -> v.matches("[A-Z_][A-Z0-9_]*"), "the value is an environment variable name such as DROPCAST_CUSTOMER_SALT",
      "Name of the environment variable holding the salt that hashes customer ids (the secret itself never goes in a file)."));

  public static final ConfigKey<Map<String, String>> SPARK = register(ConfigKey.of(
      "dropcast.spark", ConfigType.STRING_MAP,
      Map.of("spark.databricks.delta.snapshotPartitions", "2", "spark.sql.shuffle.partitions", "8",
          "spark.sql.codegen.cache.maxEntries", "2000", "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS"),
      m -> m.keySet().stream().allMatch(k -> k.startsWith("spark.")), "every setting name starts with \"spark.\"",
      "Spark settings applied when Dropcast builds its session; spark-submit --conf settings, and those an existing session has set, take precedence over these."));

  // ---- ingest and catchments (io.dropcast.ingest) ---------------------------------------------------

  public static final ConfigKey<Double> INGEST_MAX_BAD_RATIO = register(ConfigKey.of(
      "dropcast.ingest.max-bad-ratio", ConfigType.DOUBLE, 0.05,
      v -> v >= 0.0 && v <= 1.0, "0 <= value <= 1",
      "Share of a run date's records (all sources) that may be quarantined; above it the ingest fails and writes nothing."));

  public static final ConfigKey<Boolean> INGEST_ALLOW_UNKNOWN_HUBS = register(ConfigKey.of(
      "dropcast.ingest.allow-unknown-hubs", ConfigType.BOOLEAN, false,
      "Accept drops and orders naming a hub that is in no hub snapshot (false: quarantine them as unknown_hub)."));

  public static final ConfigKey<Boolean> INGEST_ALLOW_UNKNOWN_DROPS = register(ConfigKey.of(
      "dropcast.ingest.allow-unknown-drops", ConfigType.BOOLEAN, false,
      "Accept orders naming a drop that was never ingested (false: quarantine them as unknown_drop)."));

  public static final ConfigKey<Integer> INGEST_DROPS_LOOKAHEAD_DAYS = register(ConfigKey.of(
      "dropcast.ingest.drops-lookahead-days", ConfigType.INT, 1,
      v -> v >= 0 && v <= 14, "0 <= value <= 14",
      "Days after the last run date whose drops folders, when already landed, ingest D also reads (the schedule of upcoming drops; 0: none)."));

  public static final ConfigKey<Double> CATCHMENT_TRAVEL_SPEED_KMH = register(ConfigKey.of(
      "dropcast.catchment.travel-speed-kmh", ConfigType.DOUBLE, 10.0,
      v -> v > 0.0 && v <= 100.0, "0 < value <= 100",
      "Straight-line speed of a customer going to a hub, km/h (10: an easy bike ride, or a brisk walk plus the detours streets add)."));

  public static final ConfigKey<Double> CATCHMENT_MAX_TRAVEL_MINUTES = register(ConfigKey.of(
      "dropcast.catchment.max-travel-minutes", ConfigType.DOUBLE, 15.0,
      v -> v > 0.0 && v <= 240.0, "0 < value <= 240",
      "Longest trip to a hub a customer makes for a pickup, minutes; farther hubs are outside the catchment (the nearest hub is always kept)."));

  // ---- the nightly run (io.dropcast.nightly) --------------------------------------------------------

  public static final ConfigKey<List<String>> NIGHTLY_STEPS = register(ConfigKey.of(
      "dropcast.nightly.steps", ConfigType.STRING_LIST,
      NIGHTLY_STEP_NAMES,
      v -> !v.isEmpty() && v.stream().allMatch(s -> NIGHTLY_STEP_NAMES.contains(s)),
      "the list is not empty and holds only " + NIGHTLY_STEP_NAMES,
      "Steps a nightly run runs, always in dependency order (ingest, train, forecast, plan, pack, deliver, push-targets, cadence, drop-kpis, report); leave one out to run it elsewhere."));

  public static final ConfigKey<List<String>> NIGHTLY_RETRAIN_WEEKDAYS = register(ConfigKey.of(
      "dropcast.nightly.retrain-weekdays", ConfigType.STRING_LIST, List.of("SUNDAY"),
      v -> v.stream().allMatch(d -> WEEKDAYS.contains(d.toUpperCase(java.util.Locale.ROOT))),
      "every entry is a weekday name such as \"SUNDAY\"",
      "Weekdays on which the nightly run retrains the demand model (it also trains whenever no model exists yet); other nights only forecast."));

  public static final ConfigKey<Boolean> NIGHTLY_INGEST_CATCH_UP = register(ConfigKey.of(
      "dropcast.nightly.ingest-catch-up", ConfigType.BOOLEAN, true,
      "Nightly ingest also loads every landing date after the last one ingested (on an empty warehouse: all of them), as one batch; false ingests the run date only."));

  // ---- demand forecasting (io.dropcast.forecast) ---------------------------------------------------

  public static final ConfigKey<Integer> FORECAST_HORIZON_DAYS = register(ConfigKey.of(
      "dropcast.forecast.horizon-days", ConfigType.INT, 14,
      v -> v >= 1 && v <= 60, "1 <= value <= 60",
      "Days forecast after the run date: demand_forecast holds D+1 .. D+horizon-days."));

  public static final ConfigKey<List<Double>> FORECAST_QUANTILES = register(ConfigKey.of(
      "dropcast.forecast.quantiles", ConfigType.DOUBLE_LIST, List.of(0.1, 0.5, 0.9),
      Keys::validQuantiles, "the levels are strictly increasing, each in (0, 1), and include 0.1, 0.5 and 0.9",
      "Quantile levels forecast (conformally calibrated on backtest residuals); must include 0.1, 0.5 and 0.9."));

  public static final ConfigKey<List<String>> FORECAST_HOLIDAYS = register(ConfigKey.of(
      "dropcast.forecast.holidays", ConfigType.STRING_LIST, List.of("portugal"),
      v -> v.stream().allMatch(h -> h.equals("portugal") || h.matches("\\d{2}-\\d{2}|\\d{4}-\\d{2}-\\d{2}")),
      "every entry is \"portugal\", MM-DD or YYYY-MM-DD",
      "Holiday calendar of the forecast features: \"portugal\" (national, Lisbon and Easter days), MM-DD (every year) or YYYY-MM-DD (one day)."));

  public static final ConfigKey<List<Double>> FORECAST_PAYDAY_DAYS = register(ConfigKey.of(
      "dropcast.forecast.payday-days", ConfigType.DOUBLE_LIST, List.of(25.0),
      v -> !v.isEmpty() && v.stream().allMatch(d -> d == Math.rint(d) && d >= 1 && d <= 31),
      "a non-empty list of whole days of month, each 1..31",
      "Days of month that are paydays (a day past the month's end means its last day), for the days_to_payday feature."));

  public static final ConfigKey<Integer> FORECAST_SCHEDULE_KNOWN_DAYS = register(ConfigKey.of(
      "dropcast.forecast.schedule-known-days", ConfigType.INT, 1,
      v -> v >= 0 && v <= 60, "0 <= value <= 60",
      "Days after the run date whose drop schedule is known when forecasting (as dropcast.ingest.drops-lookahead-days); later days get no drop covariates, in training too."));

  public static final ConfigKey<Integer> FORECAST_MIN_HISTORY_DAYS = register(ConfigKey.of(
      "dropcast.forecast.min-history-days", ConfigType.INT, 28,
      v -> v >= 1 && v <= 365, "1 <= value <= 365",
      "A series with fewer days since its neighbourhood's first order is a cold start: pooled from its H3 neighbours and its category."));

  public static final ConfigKey<Integer> FORECAST_COLD_START_RING = register(ConfigKey.of(
      "dropcast.forecast.cold-start-ring", ConfigType.INT, 1,
      v -> v >= 1 && v <= 5, "1 <= value <= 5",
      "H3 grid distance of the neighbour cells a cold start is pooled from."));

  public static final ConfigKey<Integer> FORECAST_CALIBRATION_FOLDS = register(ConfigKey.of(
      "dropcast.forecast.calibration-folds", ConfigType.INT, 3,
      v -> v >= 1 && v <= 26, "1 <= value <= 26",
      "Rolling-origin folds whose residuals calibrate the quantiles of the model train stores."));

  public static final ConfigKey<Integer> FORECAST_BACKTEST_FOLDS = register(ConfigKey.of(
      "dropcast.forecast.backtest-folds", ConfigType.INT, 1,
      v -> v >= 1 && v <= 26, "1 <= value <= 26",
      "Rolling-origin folds at the end of the history that train scores (each with quantiles calibrated on earlier folds only)."));

  public static final ConfigKey<Integer> FORECAST_FOLD_STEP_DAYS = register(ConfigKey.of(
      "dropcast.forecast.fold-step-days", ConfigType.INT, 7,
      v -> v >= 1 && v <= 90, "1 <= value <= 90",
      "Days between the origins of consecutive backtest and calibration folds."));

  public static final ConfigKey<Integer> FORECAST_GBT_MAX_ITER = register(ConfigKey.of(
      "dropcast.forecast.gbt.max-iter", ConfigType.INT, 30,
      v -> v >= 1 && v <= 500, "1 <= value <= 500",
      "Trees of the global gradient-boosted model."));

  public static final ConfigKey<Integer> FORECAST_GBT_MAX_DEPTH = register(ConfigKey.of(
      "dropcast.forecast.gbt.max-depth", ConfigType.INT, 5,
      v -> v >= 1 && v <= 12, "1 <= value <= 12",
      "Depth of each tree of the global gradient-boosted model."));

  public static final ConfigKey<Integer> FORECAST_GBT_TRAINING_ORIGINS = register(ConfigKey.of(
      "dropcast.forecast.gbt.training-origins", ConfigType.INT, 12,
      v -> v >= 1 && v <= 200, "1 <= value <= 200",
      "Forecast origins (one a week, back from the end of the history) whose rows train the global model."));

  public static final ConfigKey<Double> FORECAST_CENSORING_MAX_UPLIFT = register(ConfigKey.of(
      "dropcast.forecast.censoring.max-uplift", ConfigType.DOUBLE, 4.0,
      v -> v >= 1.0 && v <= 20.0, "1 <= value <= 20",
      "Largest factor by which the sales of a sold-out drop are raised to estimate its unconstrained demand."));

  public static final ConfigKey<Integer> FORECAST_CENSORING_CURVE_DAYS = register(ConfigKey.of(
      "dropcast.forecast.censoring.curve-days", ConfigType.INT, 91,
      v -> v >= 7 && v <= 730, "7 <= value <= 730",
      "Days of drops that did not sell out (up to the day estimated) whose order times give each category's within-window sales curve."));

  public static final ConfigKey<Boolean> FORECAST_CENSORING_ENABLED = register(ConfigKey.of(
      "dropcast.forecast.censoring.enabled", ConfigType.BOOLEAN, true,
      "Train on the estimated unconstrained demand (true) or on raw sales (false); demand_history keeps both either way."));

  /** Quantile levels strictly increasing in (0, 1) that include 0.1, 0.5 and 0.9. */
  private static boolean validQuantiles(List<Double> levels) {
    for (int i = 0; i < levels.size(); i++) {
      double q = levels.get(i);
      if (!(q > 0 && q < 1) || (i > 0 && q <= levels.get(i - 1))) {
        return false;
      }
    }
    return levels.containsAll(List.of(0.1, 0.5, 0.9));
  }

  // ---- hub prepositioning plans (io.dropcast.plan) ----------------------------------------------------

  public static final ConfigKey<Integer> PLAN_HORIZON_DAYS = register(ConfigKey.of(
      "dropcast.plan.horizon-days", ConfigType.INT, 1,
      v -> v >= 1 && v <= 14, "1 <= value <= 14",
      "Days ahead a plan for run date D covers: drops starting on D+1 .. D+horizon-days (the forecast must cover them)."));

  public static final ConfigKey<Double> PLAN_SHORTAGE_COST = register(ConfigKey.of(
      "dropcast.plan.shortage-cost", ConfigType.DOUBLE, 4.0,
      v -> v >= 0.0 && v <= 1e6, "0 <= value <= 1000000",
      "Shortage cost p per unit of demand a hub cannot serve (margin and goodwill lost), for categories not in shortage-cost-by-category."));

  public static final ConfigKey<Double> PLAN_LEFTOVER_COST = register(ConfigKey.of(
      "dropcast.plan.leftover-cost", ConfigType.DOUBLE, 1.0,
      v -> v >= 0.0 && v <= 1e6, "0 <= value <= 1000000",
      "Leftover cost h per unit placed at a hub and not sold (return trip, markdown, spoilage), for categories not in leftover-cost-by-category."));

  public static final ConfigKey<Map<String, String>> PLAN_SHORTAGE_COST_BY_CATEGORY = register(ConfigKey.of(
      "dropcast.plan.shortage-cost-by-category", ConfigType.STRING_MAP, Map.of(),
      Keys::allNonNegativeNumbers, "every value is a number >= 0",
      "Shortage cost p per category where it differs from shortage-cost, for example { bakery = 3.0 }."));

  public static final ConfigKey<Map<String, String>> PLAN_LEFTOVER_COST_BY_CATEGORY = register(ConfigKey.of(
      "dropcast.plan.leftover-cost-by-category", ConfigType.STRING_MAP, Map.of(),
      Keys::allNonNegativeNumbers, "every value is a number >= 0",
      "Leftover cost h per category where it differs from leftover-cost, for example { bakery = 2.5, meals = 3.0 }."));

  public static final ConfigKey<Map<String, String>> PLAN_TRANSFER_COST_BY_HUB = register(ConfigKey.of(
      "dropcast.plan.transfer-cost-by-hub", ConfigType.STRING_MAP, Map.of(),
      Keys::allNonNegativeNumbers, "every value is a number >= 0",
      "Optional cost per unit of bringing stock to a hub, by hub id (0 for a hub not listed), for example { hub-06 = 0.4 }."));

  /** Values of {@link #PLAN_DEMAND_SPLIT}. */
  public static final String SPLIT_PICKUP_HISTORY = "pickup-history";
  public static final String SPLIT_DISTANCE = "distance";
  public static final String SPLIT_PICKUP_CHOICE = "pickup-choice";

  public static final ConfigKey<String> PLAN_DEMAND_SPLIT = register(ConfigKey.of(
      "dropcast.plan.demand-split", ConfigType.STRING, SPLIT_PICKUP_HISTORY,
      v -> v.equals(SPLIT_PICKUP_CHOICE) || v.equals(SPLIT_PICKUP_HISTORY) || v.equals(SPLIT_DISTANCE),
      "the value is \"pickup-choice\", \"pickup-history\" or \"distance\"",
      "How a neighbourhood served by several hubs shares its demand: \"pickup-choice\" (a hub choice model fitted on its recent pickups given the hubs each drop was offered at), \"pickup-history\" (its recent pickups per hub), both with the catchment's distance weights as a prior, or \"distance\" (catchment weights only)."));

  public static final ConfigKey<Integer> PLAN_PICKUP_HISTORY_DAYS = register(ConfigKey.of(
      "dropcast.plan.pickup-history-days", ConfigType.INT, 28,
      v -> v >= 1 && v <= 365, "1 <= value <= 365",
      "Days of pickup orders up to the plan date that the pickup-choice and pickup-history splits learn from."));

  public static final ConfigKey<Double> PLAN_PICKUP_HISTORY_PRIOR = register(ConfigKey.of(
      "dropcast.plan.pickup-history-prior", ConfigType.DOUBLE, 2.0,
      v -> v >= 0.0 && v <= 1000.0, "0 <= value <= 1000",
      "Weight, in pickup orders, of the catchment's distance weights in the pickup-choice and pickup-history splits (a neighbourhood without pickups follows distance)."));

  /** Values of {@link #PLAN_DROP_APPEAL}. */
  public static final String APPEAL_UPLIFT = "uplift";
  public static final String APPEAL_EQUAL = "equal";

  public static final ConfigKey<String> PLAN_DROP_APPEAL = register(ConfigKey.of(
      "dropcast.plan.drop-appeal", ConfigType.STRING, APPEAL_EQUAL,
      v -> v.equals(APPEAL_UPLIFT) || v.equals(APPEAL_EQUAL), "the value is \"uplift\" or \"equal\"",
      "How drops of a category on the same day share a neighbourhood's demand at their hubs: \"uplift\" (by each drop's appeal, push, SMS and discount depth effects learnt from past drops) or \"equal\"."));

  public static final ConfigKey<Integer> PLAN_APPEAL_DAYS = register(ConfigKey.of(
      "dropcast.plan.appeal-days", ConfigType.INT, 56,
      v -> v >= 1 && v <= 365, "1 <= value <= 365",
      "Days of past drops and their orders up to the plan date that the drop-appeal fit learns from."));

  public static final ConfigKey<Double> PLAN_NEIGHBOURHOOD_CORRELATION = register(ConfigKey.of(
      "dropcast.plan.neighbourhood-correlation", ConfigType.DOUBLE, 0.0,
      v -> v >= 0.0 && v <= 1.0, "0 <= value <= 1",
      "Correlation of forecast errors between the neighbourhoods of one hub when their quantiles are summed (0 independent, 1 quantiles add): the value used with correlation-estimate = \"fixed\", and the fallback of \"residuals\" when past forecast errors are too few."));

  /** Values of {@link #PLAN_CORRELATION_ESTIMATE}. */
  public static final String CORRELATION_RESIDUALS = "residuals";
  public static final String CORRELATION_FIXED = "fixed";

  public static final ConfigKey<String> PLAN_CORRELATION_ESTIMATE = register(ConfigKey.of(
      "dropcast.plan.correlation-estimate", ConfigType.STRING, CORRELATION_FIXED,
      v -> v.equals(CORRELATION_RESIDUALS) || v.equals(CORRELATION_FIXED), "the value is \"residuals\" or \"fixed\"",
      "Where the neighbourhood correlation comes from: \"residuals\" (estimated from the errors of the day-ahead forecasts of the correlation-days days before the plan date, neighbourhood-correlation when fewer than 30 groups of neighbourhoods) or \"fixed\" (neighbourhood-correlation)."));

  public static final ConfigKey<Integer> PLAN_CORRELATION_DAYS = register(ConfigKey.of(
      "dropcast.plan.correlation-days", ConfigType.INT, 28,
      v -> v >= 1 && v <= 365, "1 <= value <= 365",
      "Days of day-ahead forecasts before the plan date whose errors the residuals correlation estimate reads."));

  public static final ConfigKey<Integer> PLAN_SALES_SHARE_DAYS = register(ConfigKey.of(
      "dropcast.plan.sales-share-days", ConfigType.INT, 28,
      v -> v >= 1 && v <= 365, "1 <= value <= 365",
      "Days of sales up to the plan date that the sales-share baseline of evaluate-plans splits stock by (per category and hub)."));

  public static final ConfigKey<Integer> PLAN_MAX_ARCS_PER_PAIR = register(ConfigKey.of(
      "dropcast.plan.max-arcs-per-pair", ConfigType.INT, 128,
      v -> v >= 1 && v <= 100000, "1 <= value <= 100000",
      "Units of one (drop, hub) pair the min-cost flow models one by one; above, units are grouped into this many segments."));

  public static final ConfigKey<Integer> PLAN_KPI_SETTLE_DAYS = register(ConfigKey.of(
      "dropcast.plan.kpi-settle-days", ConfigType.INT, 1,
      v -> v >= 0 && v <= 14, "0 <= value <= 14",
      "drop-kpis for run date D measures the drops that started on D minus this many days, so that late pickups are in."));

  private static boolean allNonNegativeNumbers(Map<String, String> values) {
    for (String v : values.values()) {
      try {
        double d = Double.parseDouble(v);
        if (!(d >= 0) || Double.isInfinite(d)) {
          return false;
        }
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  // ---- drop cadence (io.dropcast.cadence) ------------------------------------------------------------

  public static final ConfigKey<Integer> CADENCE_HISTORY_DAYS = register(ConfigKey.of(
      "dropcast.cadence.history-days", ConfigType.INT, 182,
      v -> v >= 28 && v <= 3650, "28 <= value <= 3650",
      "Days of history before the run date (inclusive) the cadence job learns from."));

  public static final ConfigKey<Integer> CADENCE_DROPS_PER_WEEK = register(ConfigKey.of(
      "dropcast.cadence.drops-per-week", ConfigType.INT, 2,
      v -> v >= 1 && v <= 7, "1 <= value <= 7",
      "How many weekdays a week the cadence job recommends dropping on."));

  public static final ConfigKey<Double> CADENCE_WINDOW_COVERAGE = register(ConfigKey.of(
      "dropcast.cadence.window-coverage", ConfigType.DOUBLE, 0.8,
      v -> v > 0.0 && v <= 1.0, "0 < value <= 1",
      "The release window is the shortest run of opening hours holding at least this share of the day's demand."));

  public static final ConfigKey<Integer> CADENCE_MIN_WINDOW_HOURS = register(ConfigKey.of(
      "dropcast.cadence.min-window-hours", ConfigType.INT, 2,
      v -> v >= 1 && v <= 24, "1 <= value <= 24",
      "Shortest release window the cadence job recommends, hours."));

  public static final ConfigKey<Double> CADENCE_RECOVERY_THRESHOLD = register(ConfigKey.of(
      "dropcast.cadence.recovery-threshold", ConfigType.DOUBLE, 0.9,
      v -> v > 0.0 && v <= 1.0, "0 < value <= 1",
      "The interval between drops is the smallest gap after which demand recovers to at least this share of a rested drop."));

  public static final ConfigKey<Integer> CADENCE_MIN_MERCHANT_DROP_DAYS = register(ConfigKey.of(
      "dropcast.cadence.min-merchant-drop-days", ConfigType.INT, 8,
      v -> v >= 1, "value >= 1",
      "A merchant gets its own recommendation per category and hub from this many drop-days of history."));

  public static final ConfigKey<Integer> CADENCE_MAX_PICKUP_DELAY_HOURS = register(ConfigKey.of(
      "dropcast.cadence.max-pickup-delay-hours", ConfigType.INT, 6,
      v -> v >= 1 && v <= 24, "1 <= value <= 24",
      "Pickups are modelled up to this many hours after the order; later pickups do not load the drop's hours."));

  public static final ConfigKey<Double> CADENCE_OVER_CAPACITY_WEIGHT = register(ConfigKey.of(
      "dropcast.cadence.batching.over-capacity-weight", ConfigType.DOUBLE, 1.0,
      v -> v >= 0.0 && v <= 1e6, "0 <= value <= 1e6",
      "Batching cost of one expected pickup above the hub's pick/pack capacity in an hour."));

  public static final ConfigKey<Double> CADENCE_UNMET_DEMAND_WEIGHT = register(ConfigKey.of(
      "dropcast.cadence.batching.unmet-demand-weight", ConfigType.DOUBLE, 1.0,
      v -> v >= 0.0 && v <= 1e6, "0 <= value <= 1e6",
      "Batching cost of one unit of expected demand that finds no stock."));

  public static final ConfigKey<Double> CADENCE_SELL_OUT_TIME_WEIGHT = register(ConfigKey.of(
      "dropcast.cadence.batching.sell-out-time-weight", ConfigType.DOUBLE, 0.5,
      v -> v >= 0.0 && v <= 1e6, "0 <= value <= 1e6",
      "Batching cost of one hour from the window start to the sell-out."));

  public static final ConfigKey<Integer> CADENCE_MAX_BATCHES = register(ConfigKey.of(
      "dropcast.cadence.batching.max-batches", ConfigType.INT, 4,
      v -> v >= 1 && v <= 4, "1 <= value <= 4",
      "Largest number of micro-release batches the planner searches (the search is exhaustive)."));

  public static final ConfigKey<Integer> CADENCE_SIZE_STEPS = register(ConfigKey.of(
      "dropcast.cadence.batching.size-steps", ConfigType.INT, 20,
      v -> v >= 1 && v <= 100, "1 <= value <= 100",
      "Batch sizes are multiples of ceil(units / size-steps); the last batch takes the rest."));

  public static final ConfigKey<Double> CADENCE_BACKLOG_SHARE = register(ConfigKey.of(
      "dropcast.cadence.batching.backlog-share", ConfigType.DOUBLE, 0.0,
      v -> v >= 0.0 && v <= 1.0, "0 <= value <= 1",
      "Share of the demand that finds no stock and buys at the next release instead (0: it is lost)."));

  public static final ConfigKey<Integer> CADENCE_JOINT_ROUNDS = register(ConfigKey.of(
      "dropcast.cadence.batching.joint-rounds", ConfigType.INT, 3,
      v -> v >= 0 && v <= 10, "0 <= value <= 10",
      "Rounds in which the hub-day planner re-plans each drop of a hub's day against the others' load (0: one pass)."));

  // ---- ops report (io.dropcast.report) ---------------------------------------------------------------

  public static final ConfigKey<String> REPORT_OUT = register(ConfigKey.of(
      "dropcast.report.out", ConfigType.STRING, "reports",
      v -> !v.isBlank(), "the value is not empty",
      "Folder the ops report writes to, one sub-folder per run date (date=2026-11-26/); relative paths resolve against the Dropcast home."));

  public static final ConfigKey<Integer> REPORT_HISTORY_DAYS = register(ConfigKey.of(
      "dropcast.report.history-days", ConfigType.INT, 28,
      v -> v >= 7 && v <= 366, "7 <= value <= 366",
      "Days of recent actuals (and of quarantine history, the 'normal' level) the ops report shows before the run date."));

  public static final ConfigKey<Double> REPORT_LOW_CONFIDENCE_WIDTH = register(ConfigKey.of(
      "dropcast.report.low-confidence-width", ConfigType.DOUBLE, 1.5,
      v -> v > 0.0, "value > 0",
      "A forecast series is low-confidence when its (p90 - p10) / max(mean, 1) exceeds this, or when it is cold-start."));

  public static final ConfigKey<Double> REPORT_QUARANTINE_FACTOR = register(ConfigKey.of(
      "dropcast.report.quarantine-factor", ConfigType.DOUBLE, 2.0,
      v -> v >= 1.0, "value >= 1",
      "Quarantine is above normal when the run date's quarantined records exceed this many times the median of the previous history-days run dates."));

  public static final ConfigKey<Integer> REPORT_QUARANTINE_MIN_EXCESS = register(ConfigKey.of(
      "dropcast.report.quarantine-min-excess", ConfigType.INT, 5,
      v -> v >= 0, "value >= 0",
      "...and by at least this many records over that median (so that 3 instead of 1 is not an alarm)."));

  public static final ConfigKey<Integer> REPORT_MAX_PLAN_ROWS = register(ConfigKey.of(
      "dropcast.report.max-plan-rows", ConfigType.INT, 20000,
      v -> v > 0, "value > 0",
      "Most plan rows (drop x hub) one report shows; a plan with more fails the report with a message instead of writing a page nobody can read."));

  // ---- acting on the plan: packing lists, webhooks, push targets (io.dropcast.act) --------------------

  public static final ConfigKey<Map<String, String>> ACT_WEBHOOK_ENDPOINTS = register(ConfigKey.of(
      "dropcast.act.webhooks.endpoints", ConfigType.STRING_MAP, Map.of(),
      io.dropcast.act.WebhookSettings::validEndpoints,
      "every name is a hub id or \"*\" and every value an absolute http:// or https:// URL with a host, no user info and no fragment",
      "Webhook endpoints by hub id, \"*\" for every hub without its own (and for the plan summary), for example { \"*\" = \"https://ops.example/dropcast\" }; empty: no deliveries."));

  public static final ConfigKey<String> ACT_WEBHOOK_SECRET_ENV = register(ConfigKey.of(
      "dropcast.act.webhooks.secret-env", ConfigType.STRING, "DROPCAST_WEBHOOK_SECRET",
      v -> v.matches("[A-Z_][A-Z0-9_]*"), "the value is an environment variable name such as DROPCAST_WEBHOOK_SECRET",
      "Name of the environment variable holding the shared secret that signs webhook bodies (HMAC-SHA256); needed only when endpoints are configured."));

  public static final ConfigKey<Boolean> ACT_WEBHOOK_ALLOW_INSECURE_HTTP = register(ConfigKey.of(
      "dropcast.act.webhooks.allow-insecure-http", ConfigType.BOOLEAN, false,
      "Allow plain http:// endpoints on other hosts than loopback (false: http only to 127.0.0.1, ::1 or localhost; https everywhere)."));

  public static final ConfigKey<Integer> ACT_WEBHOOK_CONNECT_TIMEOUT_MS = register(ConfigKey.of(
      "dropcast.act.webhooks.connect-timeout-ms", ConfigType.INT, 3000,
      v -> v >= 1 && v <= 120000, "1 <= value <= 120000",
      "Longest wait for a webhook endpoint to accept the connection, milliseconds."));

  public static final ConfigKey<Integer> ACT_WEBHOOK_READ_TIMEOUT_MS = register(ConfigKey.of(
      "dropcast.act.webhooks.read-timeout-ms", ConfigType.INT, 10000,
      v -> v >= 1 && v <= 600000, "1 <= value <= 600000",
      "Longest wait for a webhook endpoint's response once the request is sent, milliseconds (then the attempt is a timeout)."));

  public static final ConfigKey<Integer> ACT_WEBHOOK_MAX_ATTEMPTS = register(ConfigKey.of(
      "dropcast.act.webhooks.max-attempts", ConfigType.INT, 4,
      v -> v >= 1 && v <= 20, "1 <= value <= 20",
      "Attempts per delivery and run: a 5xx, a timeout or a network error is retried up to this many attempts in all; a 4xx is never retried."));

  public static final ConfigKey<Integer> ACT_WEBHOOK_BACKOFF_INITIAL_MS = register(ConfigKey.of(
      "dropcast.act.webhooks.backoff-initial-ms", ConfigType.INT, 1000,
      v -> v >= 0 && v <= 600000, "0 <= value <= 600000",
      "Wait before the first retry, milliseconds; each further retry waits twice as long, up to backoff-max-ms."));

  public static final ConfigKey<Integer> ACT_WEBHOOK_BACKOFF_MAX_MS = register(ConfigKey.of(
      "dropcast.act.webhooks.backoff-max-ms", ConfigType.INT, 30000,
      v -> v >= 0 && v <= 3600000, "0 <= value <= 3600000",
      "Longest wait between two attempts of a delivery, milliseconds."));

  public static final ConfigKey<Integer> ACT_PUSH_AUDIENCE_DAYS = register(ConfigKey.of(
      "dropcast.act.push.audience-days", ConfigType.INT, 28,
      v -> v >= 1 && v <= 365, "1 <= value <= 365",
      "A neighbourhood's push audience is its distinct customers (hashed) who ordered on the last this many days up to the run date."));

  public static final ConfigKey<Integer> ACT_PUSH_UPLIFT_HISTORY_DAYS = register(ConfigKey.of(
      "dropcast.act.push.uplift-history-days", ConfigType.INT, 182,
      v -> v >= 7 && v <= 3650, "7 <= value <= 3650",
      "Days of past drops (up to the run date) whose orders estimate the push/SMS uplift per neighbourhood and category."));

  public static final ConfigKey<Double> ACT_PUSH_UPLIFT_PRIOR_DROPS = register(ConfigKey.of(
      "dropcast.act.push.uplift-prior-drops", ConfigType.DOUBLE, 10.0,
      v -> v >= 0.0 && v <= 10000.0, "0 <= value <= 10000",
      "Weight, in drops, of the category's uplift when a neighbourhood's own estimate is shrunk towards it (0: no shrinkage)."));

  // ---- table maintenance and fault handling (io.dropcast.maintain) ------------------------------------

  public static final String MISSING_LANDING_FAIL = "fail";
  public static final String MISSING_LANDING_EMPTY_NIGHT = "empty-night";

  public static final ConfigKey<String> INGEST_MISSING_LANDING = register(ConfigKey.of(
      "dropcast.ingest.missing-landing", ConfigType.STRING, MISSING_LANDING_FAIL,
      v -> v.equals(MISSING_LANDING_FAIL) || v.equals(MISSING_LANDING_EMPTY_NIGHT),
      "the value is \"fail\" or \"empty-night\"",
      "A run date with no orders landing file: \"fail\" (the ingest fails naming the date and folder, nothing is written) or \"empty-night\" (the ingest reports an empty night and the nightly skips every step after ingest, so no plan is built)."));

  public static final ConfigKey<Integer> RUNS_ABANDON_AFTER_MINUTES = register(ConfigKey.of(
      "dropcast.runs.abandon-after-minutes", ConfigType.INT, 720,
      v -> v >= 0, "value >= 0",
      "A run of the same job and dates still 'running' this long after it started is marked abandoned and no longer blocks a new run (a dead driver on this machine is recognised at once)."));

  /** Delta's own safety check (spark.databricks.delta.retentionDurationCheck) refuses VACUUM below this. */
  public static final int DELTA_MIN_VACUUM_RETENTION_HOURS = 168;

  public static final ConfigKey<Integer> MAINTAIN_VACUUM_RETENTION_HOURS = register(ConfigKey.of(
      "dropcast.maintain.vacuum-retention-hours", ConfigType.INT, 168,
      v -> v >= 0, "value >= 0",
      "Hours of table history VACUUM keeps (files older than this that the latest version no longer uses are deleted); below 168 needs dropcast.maintain.allow-short-retention = true."));

  public static final ConfigKey<Boolean> MAINTAIN_ALLOW_SHORT_RETENTION = register(ConfigKey.of(
      "dropcast.maintain.allow-short-retention", ConfigType.BOOLEAN, false,
      "Allow a VACUUM retention below Delta's 168-hour safety limit (a reader or writer older than the retention may then fail; only when no job runs meanwhile)."));


  /** All declared keys, in declaration order. */
  public static List<ConfigKey<?>> all() {
    return List.copyOf(ALL.values());
  }

  static Set<String> paths() {
    return Collections.unmodifiableSet(ALL.keySet());
  }

  static ConfigKey<?> byPath(String path) {
    return ALL.get(path);
  }
}

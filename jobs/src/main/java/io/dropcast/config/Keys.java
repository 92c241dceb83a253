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
      Map.of("spark.databricks.delta.snapshotPartitions", "2", "spark.sql.shuffle.partitions", "8"),
      m -> m.keySet().stream().allMatch(k -> k.startsWith("spark.")), "every setting name starts with \"spark.\"",
      "Spark settings applied when Dropcast builds its session; spark-submit --conf settings take precedence over these."));

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

  public static final ConfigKey<Double> CATCHMENT_TRAVEL_SPEED_KMH = register(ConfigKey.of(
      "dropcast.catchment.travel-speed-kmh", ConfigType.DOUBLE, 10.0,
      v -> v > 0.0 && v <= 100.0, "0 < value <= 100",
      "Straight-line speed of a customer going to a hub, km/h (10: an easy bike ride, or a brisk walk plus the detours streets add)."));

  public static final ConfigKey<Double> CATCHMENT_MAX_TRAVEL_MINUTES = register(ConfigKey.of(
      "dropcast.catchment.max-travel-minutes", ConfigType.DOUBLE, 15.0,
      v -> v > 0.0 && v <= 240.0, "0 < value <= 240",
      "Longest trip to a hub a customer makes for a pickup, minutes; farther hubs are outside the catchment (the nearest hub is always kept)."));

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

  public static final ConfigKey<String> PLAN_DEMAND_SPLIT = register(ConfigKey.of(
      "dropcast.plan.demand-split", ConfigType.STRING, SPLIT_PICKUP_HISTORY,
      v -> v.equals(SPLIT_PICKUP_HISTORY) || v.equals(SPLIT_DISTANCE), "the value is \"pickup-history\" or \"distance\"",
      "How a neighbourhood served by several hubs shares its demand: \"pickup-history\" (its recent pickups per hub, with the catchment's distance weights as a prior) or \"distance\" (catchment weights only)."));

  public static final ConfigKey<Integer> PLAN_PICKUP_HISTORY_DAYS = register(ConfigKey.of(
      "dropcast.plan.pickup-history-days", ConfigType.INT, 28,
      v -> v >= 1 && v <= 365, "1 <= value <= 365",
      "Days of pickup orders up to the plan date that the pickup-history split learns from."));

  public static final ConfigKey<Double> PLAN_PICKUP_HISTORY_PRIOR = register(ConfigKey.of(
      "dropcast.plan.pickup-history-prior", ConfigType.DOUBLE, 2.0,
      v -> v >= 0.0 && v <= 1000.0, "0 <= value <= 1000",
      "Weight, in pickup orders, of the catchment's distance weights in the pickup-history split (a neighbourhood without pickups follows distance)."));

  public static final ConfigKey<Double> PLAN_NEIGHBOURHOOD_CORRELATION = register(ConfigKey.of(
      "dropcast.plan.neighbourhood-correlation", ConfigType.DOUBLE, 0.0,
      v -> v >= 0.0 && v <= 1.0, "0 <= value <= 1",
      "Correlation of forecast errors between the neighbourhoods of one hub when their quantiles are summed (0 independent, 1 quantiles add)."));

  public static final ConfigKey<Double> PLAN_RESTOCK_HOURS = register(ConfigKey.of(
      "dropcast.plan.restock-hours", ConfigType.DOUBLE, 3.0,
      v -> v >= 0.0 && v <= 72.0, "0 <= value <= 72",
      "Hours to bring a unit the plan kept back to a hub that ran out; such an order is within the SLA only if this is <= the hub's pickup_sla_hours."));

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

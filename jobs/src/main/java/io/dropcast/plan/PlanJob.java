package io.dropcast.plan;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.dropcast.cli.JobContext;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.models.cadence.DropOutcome;
import io.dropcast.models.cadence.UpliftModel;
import io.dropcast.models.plan.DropAppeal;
import io.dropcast.models.plan.NeighbourhoodCorrelation;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * {@code dropcast plan --date D [--scenario NAME ...]}: reads the upcoming drops' schedule, the forecast of run
 * date D, hub capacities and catchments, solves one allocation per drop date on the executors and writes
 * {@code hub_prepositioning_plan} (replaceWhere plan_date = D), or, for a scenario,
 * {@code hub_prepositioning_scenario} (replaceWhere scenario and plan_date) and the difference against the
 * production plan of D.
 */
public final class PlanJob {
  /** The schema of the plan rows the solver emits (the production table's). */
  static final StructType PLAN_SCHEMA = Tables.HUB_PREPOSITIONING_PLAN.schema();

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlanJob.class);

  private PlanJob() {}

  /** Runs a named step and logs how long it took. */
  private static <T> T step(JobContext context, String name, java.util.function.Supplier<T> body) {
    long t0 = System.nanoTime();
    try {
      return context.step(name, body);
    } finally {
      LOG.info("{}: {} ms", name, Math.round((System.nanoTime() - t0) / 1e6));
    }
  }

  /** What a plan run wrote. */
  public record Result(String table, long version, long rows, long drops, long units, Map<String, Long> byReason,
      List<String> diff) {}

  /**
   * The plan rows for the pairs (see {@link PlanInputs#pairs}): grouped by drop date, one allocation problem per
   * group solved on the executors. {@code modelId} fills the model of pairs that no forecast row reached.
   */
  public static Dataset<Row> plan(Dataset<Row> pairs, PlanParams params, String runId, String modelId) {
    Dataset<Row> rows = pairs
        .groupByKey((MapFunction<Row, String>) r -> r.getAs("drop_date").toString(), Encoders.STRING())
        .flatMapGroups(new PlanSolver(params, runId), Encoders.row(PLAN_SCHEMA));
    return rows.withColumn("model_id", coalesce(col("model_id"), lit(modelId)));
  }

  /**
   * The tables a plan reads, unfiltered (a plan for run date D reads only their rows dated <= D and the drops'
   * schedule of D+1 .. D+horizon).
   */
  public record Sources(Dataset<Row> demandForecast, Dataset<Row> drops, Dataset<Row> catchments, Dataset<Row> hubs,
      Dataset<Row> orders) {
    public static Sources read(Warehouse warehouse) {
      return new Sources(warehouse.read(Tables.DEMAND_FORECAST), warehouse.read(Tables.DROPS),
          warehouse.read(Tables.CATCHMENTS), warehouse.read(Tables.HUBS), warehouse.read(Tables.ORDERS));
    }
  }

  /** The (drop, hub) pairs of a plan (see {@link PlanInputs#pairs}): the plan's drops, catchment weights and forecast. */
  public static Dataset<Row> pairs(Sources in, PlanParams params) {
    Dataset<Row> catchments = in.catchments();
    if (params.demandSplit().equals(Keys.SPLIT_PICKUP_HISTORY)) {
      catchments = PlanInputs.pickupHistoryWeights(catchments, in.orders(), params.planDate(),
          params.pickupHistoryDays(), params.pickupHistoryPrior());
    } else if (params.demandSplit().equals(Keys.SPLIT_PICKUP_CHOICE)) {
      catchments = PlanInputs.pickupChoiceWeights(catchments, in.drops(), in.orders(), params.planDate(),
          params.pickupHistoryDays(), params.pickupHistoryPrior());
    }
    Dataset<Row> upcoming = upcoming(in, params);
    if (params.dropAppeal().equals(Keys.APPEAL_UPLIFT)) {
      upcoming = withAppeal(upcoming, appeal(in, params));
    }
    Dataset<Row> pairs = PlanInputs.pairs(upcoming, catchments, in.hubs(), forecastOf(in.demandForecast(), params));
    return params.correlationEstimate().equals(Keys.CORRELATION_RESIDUALS)
        ? pairs.withColumn("correlation", lit(correlation(in, params))) : pairs;
  }

  /**
   * The correlation between a hub's neighbourhoods estimated from the errors of the day-ahead forecasts of the
   * {@code correlation-days} days before the plan date ({@link PlanInputs#correlationMoments},
   * {@link NeighbourhoodCorrelation}); {@code neighbourhood-correlation} when they are too few.
   */
  public static double correlation(Sources in, PlanParams params) {
    Row m = PlanInputs.correlationMoments(in.demandForecast(), in.orders(), params.planDate(), params.correlationDays())
        .head();
    NeighbourhoodCorrelation.Moments moments = new NeighbourhoodCorrelation.Moments(m.getDouble(0), m.getDouble(1),
        m.getLong(2));
    double rho = NeighbourhoodCorrelation.estimate(moments, params.correlation());
    LOG.info("plan {}: neighbourhood correlation {} from {} groups of past forecast errors (fallback {})",
        params.planDate(), String.format(Locale.ROOT, "%.3f", rho), moments.groups(), params.correlation());
    return rho;
  }

  /**
   * The appeal of a drop relative to the others of its category and day, learnt from the past drops of the
   * {@code appeal-days} days up to the plan date ({@link PlanInputs#appealOutcomes}): the {@link UpliftModel}
   * fit of their demand over their neighbourhoods' mean demand per drop on push, SMS and discount depth. A fit
   * that cannot be made (too few drops, a collinear design) gives every drop the same appeal.
   */
  public static UpliftModel.UpliftEstimate appeal(Sources in, PlanParams params) {
    List<DropOutcome> outcomes = new ArrayList<>();
    for (Row r : PlanInputs.appealOutcomes(in.drops(), in.orders(), in.catchments(), params.planDate(),
        params.appealDays()).collectAsList()) {
      outcomes.add(new DropOutcome(r.getAs("drop_id"), r.<Double>getAs("demand"), r.<Double>getAs("baseline"),
          r.<Boolean>getAs("push"), r.<Boolean>getAs("sms"), r.<Double>getAs("depth")));
    }
    UpliftModel.UpliftEstimate estimate = DropAppeal.fit(outcomes);
    LOG.info("plan {}: drop appeal from {} past drops: push x{}, sms x{}, discount elasticity {}", params.planDate(),
        estimate.drops(), String.format(Locale.ROOT, "%.3f", estimate.pushEffect()),
        String.format(Locale.ROOT, "%.3f", estimate.smsEffect()),
        String.format(Locale.ROOT, "%.3f", estimate.discountElasticity()));
    return estimate;
  }

  /** The upcoming drops with an {@code appeal} column: the estimate's multiplier of each drop's push, SMS, depth. */
  static Dataset<Row> withAppeal(Dataset<Row> upcoming, UpliftModel.UpliftEstimate e) {
    Column channels = when(col("push"), lit(e.pushEffect())).otherwise(lit(1.0))
        .multiply(when(col("sms"), lit(e.smsEffect())).otherwise(lit(1.0)));
    return upcoming.withColumn("appeal", channels.multiply(org.apache.spark.sql.functions.exp(
        col("depth").minus(lit(e.meanDiscount())).multiply(lit(e.discountElasticity())))));
  }

  /**
   * The plan of {@code params} computed from its tables, written nowhere: the rows of {@code hub_prepositioning_plan}
   * for the production plan, of {@code hub_prepositioning_scenario} for a scenario. What {@code plan} and
   * {@code plan --scenario} write, and what the what-if notebook compares in memory.
   */
  public static Dataset<Row> plan(Sources in, PlanParams params, String runId, String modelId) {
    Dataset<Row> rows = plan(pairs(in, params), params, runId, modelId);
    if (params.scenario().isProduction()) {
      return rows;
    }
    return rows.withColumn("scenario", lit(params.scenario().name()))
        .withColumn("overrides", lit(params.scenario().describe()))
        .select(columns(Tables.HUB_PREPOSITIONING_SCENARIO));
  }

  /**
   * The model id of the forecast run a plan of {@code params} reads (null when its rows name none); fails when
   * the run does not cover the plan's drop dates, saying which command to run.
   */
  public static String forecastModel(Sources in, PlanParams params) {
    return requireForecast(forecastOf(in.demandForecast(), params), params);
  }

  /**
   * Plan rows with what each pair is expected to cost under the plan's own demand distribution and costs:
   * {@code expected_mean_demand} (mean of the pair's demand, the distribution the solver allocated against),
   * {@code expected_shortage} = mean x (1 - expected_fill_rate) (demand not served on hand at the hub, what
   * evaluate-plans counts as shortage whether or not a unit kept back serves it late) and {@code expected_cost} = p x expected_shortage + h x expected_leftover with the category's unit costs.
   *
   * @param rows plan rows of {@code params} (as {@link #plan(Sources, PlanParams, String, String)} returns)
   * @param pairs the pairs they were solved from ({@link #pairs(Sources, PlanParams)})
   */
  public static Dataset<Row> withExpectedCost(Dataset<Row> rows, Dataset<Row> pairs, PlanParams params) {
    PlanSolver solver = new PlanSolver(params, "");
    StructType meanSchema = new StructType().add("drop_id", "string").add("hub_id", "string")
        .add("expected_mean_demand", "double");
    Dataset<Row> means = pairs.map((MapFunction<Row, Row>) r -> org.apache.spark.sql.RowFactory.create(
        r.getAs("drop_id"), r.getAs("hub_id"), solver.read(r).demand().mean()), Encoders.row(meanSchema));
    Column shortageCost = lit(params.costs().fallback().shortage());
    Column leftoverCost = lit(params.costs().fallback().leftover());
    for (Map.Entry<String, io.dropcast.models.plan.UnitCosts> e : new java.util.TreeMap<>(params.costs().byCategory())
        .entrySet()) {
      shortageCost = when(col("category").equalTo(e.getKey()), e.getValue().shortage()).otherwise(shortageCost);
      leftoverCost = when(col("category").equalTo(e.getKey()), e.getValue().leftover()).otherwise(leftoverCost);
    }
    Column shortage = org.apache.spark.sql.functions.greatest(lit(0.0),
        col("expected_mean_demand").multiply(lit(1.0).minus(col("expected_fill_rate"))));
    return rows.join(means, new String[] {"drop_id", "hub_id"}, "left")
        .withColumn("expected_shortage", shortage)
        .withColumn("expected_cost", shortageCost.multiply(col("expected_shortage"))
            .plus(leftoverCost.multiply(col("expected_leftover"))));
  }

  private static Dataset<Row> upcoming(Sources in, PlanParams params) {
    return PlanInputs.upcomingDrops(in.drops(), params.firstDropDate(), params.lastDropDate());
  }

  /** Reads, plans and writes one run date. */
  public static Result run(JobContext context, PlanParams params) {
    Warehouse warehouse = context.warehouse();
    String label = "plan " + params.planDate() + (params.scenario().isProduction() ? "" : " scenario " + params.scenario().name());
    Sources in = Sources.read(warehouse);
    String modelId = step(context, label + ": check the forecast", () -> forecastModel(in, params));
    step(context, label + ": check hubs", () -> {
      requireKnownHubs(upcoming(in, params), in.hubs());
      return null;
    });
    Dataset<Row> rows = plan(in, params, context.runId(), modelId);
    Table table;
    String where;
    if (params.scenario().isProduction()) {
      table = Tables.HUB_PREPOSITIONING_PLAN;
      where = "plan_date = DATE'" + params.planDate() + "'";
    } else {
      table = Tables.HUB_PREPOSITIONING_SCENARIO;
      where = "scenario = '" + params.scenario().name() + "' AND plan_date = DATE'" + params.planDate() + "'";
    }
    Dataset<Row> out = rows;
    step(context, label + ": solve and write " + table.name(), () -> {
      warehouse.ensureCreated(table);
      out.write().format("delta").mode("overwrite").option("replaceWhere", where).save(warehouse.path(table));
      return null;
    });
    Dataset<Row> written = warehouse.read(table).filter(where);
    Row totals = step(context, label + ": summarise", () -> written.agg(count(lit(1)), countDistinct(col("drop_id")),
        coalesce(sum("units"), lit(0L))).head());
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (Row r : written.groupBy("reason").count().orderBy("reason").collectAsList()) {
      byReason.put(r.getString(0), r.getLong(1));
    }
    List<String> diff = params.scenario().isProduction() ? List.of()
        : context.step(label + ": compare with the production plan", () -> diff(warehouse, written, params));
    return new Result(table.name(), warehouse.version(table).orElseThrow(), totals.getLong(0), totals.getLong(1),
        ((Number) totals.get(2)).longValue(), byReason, diff);
  }

  /** The forecast rows a plan of {@code params} reads: run date D, target dates D+1 .. D+horizon. */
  static Dataset<Row> forecastOf(Dataset<Row> demandForecast, PlanParams params) {
    return demandForecast.filter(col("run_date").equalTo(lit(Date.valueOf(params.planDate())))
        .and(col("target_date").between(lit(Date.valueOf(params.firstDropDate())), lit(Date.valueOf(params.lastDropDate())))));
  }

  /** The model id of the forecast run; fails when the run does not cover the plan's drop dates. */
  static String requireForecast(Dataset<Row> forecast, PlanParams params) {
    Row r = forecast.agg(count(lit(1)), org.apache.spark.sql.functions.min("model_id"),
        org.apache.spark.sql.functions.countDistinct(col("target_date"))).head();
    if (r.getLong(2) < params.horizonDays()) {
      throw Errors.badArgument("--date", params.planDate().toString(),
          "demand_forecast has rows of run date " + params.planDate() + " for " + r.getLong(2) + " of the "
              + params.horizonDays() + " drop dates " + params.firstDropDate() + " .. " + params.lastDropDate()
              + " (the plan reads only the forecast made on its own run date)",
          "run 'dropcast forecast --date " + params.planDate() + "' first, with a horizon of at least "
              + params.horizonDays() + " day(s)");
    }
    return r.isNullAt(1) ? null : r.getString(1);
  }

  /** Fails naming up to five (drop, hub) pairs whose hub the hubs table lacks: its capacity is unknown. */
  static void requireKnownHubs(Dataset<Row> upcoming, Dataset<Row> hubs) {
    List<Row> unknown = upcoming.select(col("drop_id"), org.apache.spark.sql.functions.explode(col("hub_ids")).as("hub_id"))
        .join(hubs.select("hub_id"), new String[] {"hub_id"}, "left_anti")
        .select("drop_id", "hub_id").orderBy("drop_id", "hub_id").limit(5).collectAsList();
    if (!unknown.isEmpty()) {
      throw Errors.badArgument("--date", "", "drops name hubs that the hubs table does not have: "
              + unknown.stream().map(r -> r.getString(0) + " at " + r.getString(1)).collect(Collectors.joining(", ")),
          "ingest the hubs' snapshots first (a hub's capacity is needed to plan it)");
    }
  }

  private static Column[] columns(Table table) {
    return java.util.Arrays.stream(table.schema().fieldNames()).map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
  }

  /** The scenario's difference against the production plan of the same date, as printable lines. */
  static List<String> diff(Warehouse warehouse, Dataset<Row> scenario, PlanParams params) {
    List<String> lines = new ArrayList<>();
    if (!warehouse.exists(Tables.HUB_PREPOSITIONING_PLAN)) {
      lines.add("No production plan exists yet: run 'dropcast plan --date " + params.planDate() + "' to compare.");
      return lines;
    }
    Dataset<Row> production = warehouse.read(Tables.HUB_PREPOSITIONING_PLAN)
        .filter(col("plan_date").equalTo(lit(Date.valueOf(params.planDate()))));
    Dataset<Row> s = scenario.select(col("drop_id"), col("hub_id"), col("units").as("s_units"),
        col("expected_leftover").as("s_left"), col("expected_within_sla").multiply(col("expected_demand")).as("s_sla"),
        col("expected_fill_rate").multiply(col("expected_demand")).as("s_fill"), col("expected_demand").as("s_dem"));
    Dataset<Row> p = production.select(col("drop_id"), col("hub_id"), col("units").as("p_units"),
        col("expected_leftover").as("p_left"), col("expected_within_sla").multiply(col("expected_demand")).as("p_sla"),
        col("expected_fill_rate").multiply(col("expected_demand")).as("p_fill"), col("expected_demand").as("p_dem"));
    Dataset<Row> joined = s.join(p, new String[] {"drop_id", "hub_id"}, "full_outer")
        .withColumn("delta", coalesce(col("s_units"), lit(0)).minus(coalesce(col("p_units"), lit(0))));
    Row t = joined.agg(sum("p_units"), sum("s_units"), sum("p_left"), sum("s_left"), sum("p_sla"), sum("s_sla"),
        sum("p_fill"), sum("s_fill"), sum("p_dem"), sum("s_dem"),
        sum(when(col("delta").notEqual(0), 1).otherwise(0)), count(lit(1))).head();
    lines.add(String.format(Locale.ROOT, "%-28s %12s %12s %12s", "scenario vs production", "production", "scenario",
        "difference"));
    addLine(lines, "units placed", t, 0, 1, "%.0f");
    addLine(lines, "expected leftover units", t, 2, 3, "%.1f");
    lines.add(String.format(Locale.ROOT, "%-28s %12s %12s %12s", "within SLA (P50-weighted)",
        share(t, 4, 8), share(t, 5, 9), ""));
    lines.add(String.format(Locale.ROOT, "%-28s %12s %12s %12s", "fill rate (P50-weighted)",
        share(t, 6, 8), share(t, 7, 9), ""));
    lines.add(String.format(Locale.ROOT, "pairs whose units changed: %d of %d", t.getLong(10), t.getLong(11)));
    List<Row> top = joined.filter(col("delta").notEqual(0)).orderBy(abs(col("delta")).desc(), col("drop_id"),
        col("hub_id")).limit(10).collectAsList();
    for (Row r : top) {
      lines.add(String.format(Locale.ROOT, "  %s at %s: %s -> %s units", r.getAs("drop_id"), r.getAs("hub_id"),
          r.isNullAt(r.fieldIndex("p_units")) ? "-" : r.getAs("p_units").toString(),
          r.isNullAt(r.fieldIndex("s_units")) ? "-" : r.getAs("s_units").toString()));
    }
    return lines;
  }

  private static void addLine(List<String> lines, String name, Row t, int a, int b, String format) {
    double x = t.isNullAt(a) ? 0 : ((Number) t.get(a)).doubleValue();
    double y = t.isNullAt(b) ? 0 : ((Number) t.get(b)).doubleValue();
    lines.add(String.format(Locale.ROOT, "%-28s %12s %12s %12s", name, String.format(Locale.ROOT, format, x),
        String.format(Locale.ROOT, format, y), String.format(Locale.ROOT, "%+" + format.substring(1), y - x)));
  }

  private static String share(Row t, int num, int den) {
    double d = t.isNullAt(den) ? 0 : t.getDouble(den);
    return d > 0 ? String.format(Locale.ROOT, "%.3f", t.getDouble(num) / d) : "-";
  }
}

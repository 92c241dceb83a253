package io.dropcast.plan;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.dropcast.cli.JobContext;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dropcast evaluate-plans --from D1 --to D2 [--truth DIR]}: the plans of run dates D1..D2 and two baselines
 * on the same drops, scored against the units actually ordered and, with {@code --truth}, against a generated
 * world's latent demand; written to {@code plan_evaluation} (replaceWhere plan_date in the range).
 */
public final class EvaluationJob {
  private EvaluationJob() {}

  /** Demand source: units ordered (censored by sell-outs). */
  public static final String ORDERS = "orders";
  /** Demand source: a generated world's latent demand. */
  public static final String LATENT = "latent";

  /** Realised demand per (drop_id, hub_id): orders' units, cancelled excluded. */
  public static Dataset<Row> orderedUnits(Dataset<Row> orders) {
    return orders.filter(col("status").notEqual("cancelled").and(col("drop_id").isNotNull())
            .and(col("hub_id").isNotNull()))
        .groupBy("drop_id", "hub_id").agg(sum("units").as("units"));
  }

  /** Realised demand per (drop_id, hub_id) of a generated world: latent units over batches and neighbourhoods. */
  public static Dataset<Row> latentUnits(Dataset<Row> latent) {
    return latent.filter(col("hub_id").isNotNull()).groupBy("drop_id", "hub_id")
        .agg(sum("latent_units").as("units"));
  }

  /**
   * Each hub's share of its category's units sold over the {@code days} days up to each plan date:
   * plan_date, category, hub_id, sales_share (units; the baseline normalises per drop).
   */
  public static Dataset<Row> salesShares(Dataset<Row> orders, Dataset<Row> planDates, int days) {
    Dataset<Row> daily = orders.filter(col("status").notEqual("cancelled").and(col("hub_id").isNotNull()))
        .groupBy("order_date", "category", "hub_id").agg(sum("units").as("units"));
    return daily.join(broadcast(planDates), col("order_date").leq(col("plan_date"))
            .and(col("order_date").gt(date_sub(col("plan_date"), days))))
        .groupBy("plan_date", "category", "hub_id").agg(sum("units").cast("double").as("sales_share"));
  }

  /**
   * The pair rows scored by {@link PlanEvaluator}: the plans' rows with the drop's stock, the hub's capacity,
   * the sales share and one {@code <source>_units} column per demand source (0 where none).
   *
   * @param demands per source (in {@code sources} order): drop_id, hub_id, units
   */
  public static Dataset<Row> pairRows(Dataset<Row> plans, Dataset<Row> drops, Dataset<Row> hubs, Dataset<Row> shares,
      List<String> sources, List<Dataset<Row>> demands) {
    Dataset<Row> rows = plans.select("plan_date", "drop_date", "drop_id", "category", "hub_id", "units")
        .join(drops.select("drop_id", "stock"), "drop_id")
        .join(broadcast(hubs.select(col("hub_id"), col("capacity_units"), col("opened_on"))), "hub_id")
        .withColumn("capacity", when(col("opened_on").isNotNull().and(col("opened_on").gt(col("drop_date"))), lit(0))
            .otherwise(col("capacity_units")).cast("int"))
        .join(shares, new String[] {"plan_date", "category", "hub_id"}, "left");
    for (int i = 0; i < sources.size(); i++) {
      rows = rows.join(demands.get(i).withColumnRenamed("units", sources.get(i) + "_units"),
          new String[] {"drop_id", "hub_id"}, "left");
    }
    return rows;
  }

  /** Demand units at hubs where the plan had no row for the drop, per (plan_date, drop_date, demand_source). */
  public static Dataset<Row> unmatched(Dataset<Row> plans, List<String> sources, List<Dataset<Row>> demands) {
    Dataset<Row> planDrops = plans.select("plan_date", "drop_date", "drop_id").distinct();
    Dataset<Row> planPairs = plans.select("drop_id", "hub_id").distinct();
    Dataset<Row> out = null;
    for (int i = 0; i < sources.size(); i++) {
      Dataset<Row> u = demands.get(i).join(planPairs, new String[] {"drop_id", "hub_id"}, "left_anti")
          .join(planDrops, "drop_id")
          .groupBy("plan_date", "drop_date").agg(sum("units").as("unmatched_demand_units"))
          .withColumn("demand_source", lit(sources.get(i)));
      out = out == null ? u : out.unionByName(u);
    }
    return out;
  }

  /** The evaluation rows of the pair rows: one problem per (plan_date, drop_date), scored on the executors. */
  public static Dataset<Row> evaluate(Dataset<Row> pairRows, Dataset<Row> unmatched, PlanEvaluator evaluator) {
    Dataset<Row> scored = pairRows
        .groupByKey((MapFunction<Row, String>) r -> r.getAs("plan_date") + "/" + r.getAs("drop_date"), Encoders.STRING())
        .flatMapGroups(evaluator, Encoders.row(Tables.PLAN_EVALUATION.schema()));
    return scored.drop("unmatched_demand_units")
        .join(unmatched, new String[] {"plan_date", "drop_date", "demand_source"}, "left")
        .withColumn("unmatched_demand_units", coalesce(col("unmatched_demand_units"), lit(0L)).cast("long"))
        .select(java.util.Arrays.stream(Tables.PLAN_EVALUATION.schema().fieldNames())
            .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
  }

  /** What the run wrote, with the range's totals per method and source. */
  public record Result(long version, List<Row> totals) {}

  public static Result run(JobContext context, LocalDate from, LocalDate to, String truthDir) {
    Warehouse warehouse = context.warehouse();
    SparkSession spark = context.spark();
    String label = "evaluate-plans " + from + ".." + to;
    Dataset<Row> plans = warehouse.read(Tables.HUB_PREPOSITIONING_PLAN)
        .filter(col("plan_date").between(lit(Date.valueOf(from)), lit(Date.valueOf(to))));
    long planDates = context.step(label + ": list plans", () -> plans.select("plan_date").distinct().count());
    if (planDates == 0) {
      throw Errors.badArgument("--from", from.toString(), "hub_prepositioning_plan has no plan dated " + from + " .. " + to,
          "run 'dropcast plan --date D' for the dates to evaluate first");
    }
    PlanParams params = PlanParams.from(context.config(), from);
    Dataset<Row> orders = warehouse.read(Tables.ORDERS);
    Dataset<Row> drops = PlanInputs.upcomingDrops(warehouse.read(Tables.DROPS), from.plusDays(1),
        to.plusDays(params.horizonDays()));
    List<String> sources = new ArrayList<>(List.of(ORDERS));
    List<Dataset<Row>> demands = new ArrayList<>(List.of(orderedUnits(orders)));
    if (truthDir != null) {
      String latentPath = truthDir.replaceAll("/+$", "") + "/latent_demand";
      Dataset<Row> latent;
      try {
        latent = spark.read().option("recursiveFileLookup", "true").parquet(latentPath);
      } catch (RuntimeException e) {
        throw Errors.badArgument("--truth", truthDir, "no readable latent_demand Parquet files under " + latentPath
            + " (" + e.getMessage() + ")", "point --truth at a generated world's truth folder, e.g. data-samples/truth");
      }
      sources.add(LATENT);
      demands.add(latentUnits(latent));
    }
    Dataset<Row> shares = salesShares(orders, plans.select("plan_date").distinct(),
        context.config().get(Keys.PLAN_SALES_SHARE_DAYS));
    Dataset<Row> rows = pairRows(plans, drops, warehouse.read(Tables.HUBS), shares, sources, demands);
    Dataset<Row> evaluation = evaluate(rows, unmatched(plans, sources, demands),
        new PlanEvaluator(params.costs(), sources, context.runId()));
    String where = "plan_date >= DATE'" + from + "' AND plan_date <= DATE'" + to + "'";
    context.step(label + ": score and write plan_evaluation", () -> {
      warehouse.ensureCreated(Tables.PLAN_EVALUATION);
      // A table written before served_late_units and fill_rate_with_late existed gains them (null in its old rows).
      warehouse.addMissingColumns(Tables.PLAN_EVALUATION);
      evaluation.write().format("delta").mode("overwrite").option("replaceWhere", where)
          .save(warehouse.path(Tables.PLAN_EVALUATION));
    });
    List<Row> totals = context.step(label + ": summarise", () -> totals(warehouse.read(Tables.PLAN_EVALUATION).filter(where)));
    return new Result(warehouse.version(Tables.PLAN_EVALUATION).orElseThrow(), totals);
  }

  /** Totals per (demand_source, method) over the rows: a handful of rows. */
  public static List<Row> totals(Dataset<Row> evaluation) {
    return evaluation.groupBy("demand_source", "method")
        .agg(org.apache.spark.sql.functions.countDistinct("plan_date").as("plan_dates"), sum("drops").as("drops"),
            sum("demand_units").as("demand"), sum("placed_units").as("placed"), sum("sold_units").as("sold"),
            sum("within_sla_units").as("within_sla"), sum("shortage_units").as("shortage"),
            sum("leftover_units").as("leftover"), sum("stockout_pairs").as("stockouts"), sum("cost").as("cost"),
            sum("served_late_units").as("served_late"))
        .orderBy("demand_source", "method").collectAsList();
  }

  /**
   * The totals as a printable table, with each method's cost relative to the better baseline. "fill" and "in SLA"
   * count units sold on hand at the hub; "late" the shortage served later from units kept back, "fill+late" both.
   */
  public static List<String> describe(List<Row> totals) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-8s %-12s %6s %6s %8s %8s %9s %9s %9s %9s %9s %9s %9s %11s %9s",
        "demand", "method", "dates", "drops", "demand", "placed", "fill", "in SLA", "late", "fill+late", "shortage",
        "leftover", "stockouts", "cost", "vs best"));
    for (Row r : totals) {
      String source = r.getString(0);
      double best = totals.stream().filter(t -> t.getString(0).equals(source) && !t.getString(1).equals(PlanEvaluator.DROPCAST))
          .mapToDouble(t -> t.getDouble(11)).min().orElse(Double.NaN);
      double demand = r.getLong(4);
      double late = r.isNullAt(12) ? 0 : r.getDouble(12);
      lines.add(String.format(Locale.ROOT, "%-8s %-12s %6d %6d %8d %8d %9.3f %9.3f %9.1f %9.3f %9.1f %9d %9d %11.1f %9.3f",
          source, r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
          demand > 0 ? r.getDouble(6) / demand : 1, demand > 0 ? r.getDouble(7) / demand : 1, late,
          demand > 0 ? (r.getDouble(6) + late) / demand : 1, r.getDouble(8),
          r.getLong(9), r.getLong(10), r.getDouble(11), best > 0 ? r.getDouble(11) / best : Double.NaN));
    }
    return lines;
  }
}

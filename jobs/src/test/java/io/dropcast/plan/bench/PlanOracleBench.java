package io.dropcast.plan.bench;

import io.dropcast.config.ConfigLoader;
import io.dropcast.config.DropcastConfig;
import io.dropcast.models.plan.AllocationProblem;
import io.dropcast.models.plan.AllocationProblem.Drop;
import io.dropcast.models.plan.AllocationProblem.Hub;
import io.dropcast.models.plan.AllocationProblem.PairDemand;
import io.dropcast.models.plan.Allocator;
import io.dropcast.models.plan.Plan;
import io.dropcast.models.plan.QuantileDistribution;
import io.dropcast.plan.EvaluationJob;
import io.dropcast.plan.PlanEvaluator;
import io.dropcast.plan.PlanInputs;
import io.dropcast.plan.PlanParams;
import io.dropcast.spark.Sessions;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A diagnostic, never run by the pipeline: the cost of plans that knew the latent demand, on the drops, stock and
 * hub capacities of the plans of FROM..TO in WAREHOUSE, against TRUTH's latent demand (costs of the configuration).
 * <ul>
 *   <li><b>placement oracle</b>: each day's allocation with demand known exactly (a point mass at the latent units
 *       of each (drop, hub)), so each pair gets min(latent, what stock and the day's shared capacity allow); its
 *       cost counting only units placed (p x latent not placed; no leftover), and scored by evaluate-plans' rule
 *       (the same cost since 2026-12-07: units kept back serve only late, which is shortage; reported apart);</li>
 *   <li><b>place nothing</b>: every order short, p x latent (under the rule before 2026-12-07, the kept-back
 *       units served it and this was the cheapest plan).</li>
 * </ul>
 *
 * <pre>bin/bench jobs io.dropcast.plan.bench.PlanOracleBench WAREHOUSE TRUTH FROM TO</pre>
 */
public final class PlanOracleBench {
  private PlanOracleBench() {}

  public static void main(String[] args) {
    String root = args[0];
    String truth = args[1];
    LocalDate from = LocalDate.parse(args[2]);
    LocalDate to = LocalDate.parse(args[3]);
    DropcastConfig config = ConfigLoader.load(Optional.empty(), Optional.empty(), Map.of("dropcast.warehouse", root));
    SparkSession spark = Sessions.getOrCreate(config, "PlanOracleBench");
    Warehouse warehouse = new Warehouse(spark, root);
    PlanParams params = PlanParams.from(config, from);
    Dataset<Row> plans = warehouse.read(Tables.HUB_PREPOSITIONING_PLAN)
        .filter(org.apache.spark.sql.functions.col("plan_date").between(Date.valueOf(from), Date.valueOf(to)));
    Dataset<Row> drops = PlanInputs.upcomingDrops(warehouse.read(Tables.DROPS), from.plusDays(1),
        to.plusDays(params.horizonDays()));
    Dataset<Row> latent = EvaluationJob.latentUnits(spark.read().option("recursiveFileLookup", "true")
        .parquet(truth.replaceAll("/+$", "") + "/latent_demand"));
    Dataset<Row> shares = EvaluationJob.salesShares(warehouse.read(Tables.ORDERS), plans.select("plan_date").distinct(),
        28);
    List<Row> rows = EvaluationJob.pairRows(plans, drops, warehouse.read(Tables.HUBS), shares, List.of("latent"),
        List.of(latent)).collectAsList();
    Map<String, List<Row>> groups = new TreeMap<>();
    for (Row r : rows) {
      groups.computeIfAbsent(r.getAs("plan_date") + "/" + r.getAs("drop_date"), k -> new ArrayList<>()).add(r);
    }
    PlanEvaluator evaluator = new PlanEvaluator(params.costs(), List.of("latent"), "oracle");
    org.apache.spark.sql.types.StructType scored = Tables.PLAN_EVALUATION.schema();
    double demand = 0;
    double placed = 0;
    double placementCost = 0;
    double evalCost = 0;
    double evalWithin = 0;
    double evalSold = 0;
    double evalLate = 0;
    Map<String, long[]> dropTotals = new TreeMap<>();
    for (List<Row> group : groups.values()) {
      Map<String, List<Row>> byDrop = new TreeMap<>();
      Map<String, Hub> hubs = new TreeMap<>();
      List<PairDemand> demands = new ArrayList<>();
      List<PlanEvaluator.PairRow> pairRows = new ArrayList<>();
      for (Row r : group) {
        byDrop.computeIfAbsent(r.getAs("drop_id"), k -> new ArrayList<>()).add(r);
        hubs.putIfAbsent(r.getAs("hub_id"), new Hub(r.getAs("hub_id"), r.<Integer>getAs("capacity")));
        int d = r.isNullAt(r.fieldIndex("latent_units")) ? 0 : ((Number) r.getAs("latent_units")).intValue();
        demands.add(new PairDemand(r.getAs("drop_id"), r.getAs("hub_id"), QuantileDistribution.pointMass(d)));
        demand += d;
        long[] t = dropTotals.computeIfAbsent(r.getAs("drop_id"), k -> new long[2]);
        t[0] += d;
        t[1] = r.<Integer>getAs("stock");
      }
      List<Drop> dropList = new ArrayList<>();
      for (List<Row> ps : byDrop.values()) {
        Row first = ps.get(0);
        dropList.add(new Drop(first.getAs("drop_id"), first.getAs("category"), first.<Integer>getAs("stock"),
            params.costs().forCategory(first.getAs("category")), ps.stream().map(r -> r.<String>getAs("hub_id")).toList()));
      }
      Plan plan = new Allocator().solve(new AllocationProblem(dropList, new ArrayList<>(hubs.values()), demands));
      Map<String, Integer> units = new TreeMap<>();
      for (Plan.Allocation a : plan.allocations()) {
        units.put(a.dropId() + "@" + a.hubId(), a.units());
        placed += a.units();
      }
      for (Row r : group) {
        int d = r.isNullAt(r.fieldIndex("latent_units")) ? 0 : ((Number) r.getAs("latent_units")).intValue();
        int q = units.get(r.getAs("drop_id") + "@" + r.getAs("hub_id"));
        placementCost += params.costs().forCategory(r.getAs("category")).shortage() * (d - Math.min(q, d))
            + params.costs().forCategory(r.getAs("category")).leftover() * Math.max(0, q - d);
        pairRows.add(new PlanEvaluator.PairRow(r.getAs("plan_date"), r.getAs("drop_date"), r.getAs("drop_id"),
            r.getAs("category"), r.getAs("hub_id"), q, r.<Integer>getAs("stock"), r.<Integer>getAs("capacity"),
            0, Map.of("latent", d)));
      }
      for (Row e : evaluator.score(pairRows)) {
        // Rows in plan_evaluation's column order, without a schema of their own.
        if (e.getString(scored.fieldIndex("method")).equals(PlanEvaluator.DROPCAST)) {
          evalCost += e.getDouble(scored.fieldIndex("cost"));
          evalSold += e.getDouble(scored.fieldIndex("sold_units"));
          evalWithin += e.getDouble(scored.fieldIndex("within_sla_units"));
          evalLate += e.getDouble(scored.fieldIndex("served_late_units"));
        }
      }
    }
    double keptBackShort = 0;
    for (long[] t : dropTotals.values()) {
      keptBackShort += Math.max(0, t[0] - t[1]);
    }
    System.out.printf(Locale.ROOT, "%d plan groups, %d drops, latent demand %.0f units at the plans' pairs%n",
        groups.size(), dropTotals.size(), demand);
    System.out.printf(Locale.ROOT, "placement oracle: %.0f units placed, cost counting placed units only %.1f "
        + "(shortage %.0f); scored as evaluate-plans does: cost %.1f, fill %.3f, within SLA %.3f, served late %.0f "
        + "(fill with late %.3f)%n", placed, placementCost, demand - placed, evalCost, evalSold / demand,
        evalWithin / demand, evalLate, (evalSold + evalLate) / demand);
    System.out.printf(Locale.ROOT, "place nothing: cost %.1f (every unit short, at the fallback shortage cost); "
        + "demand beyond each drop's stock: %.0f units%n", params.costs().fallback().shortage() * demand, keptBackShort);
    spark.stop();
  }
}

package io.dropcast.plan;

import io.dropcast.models.plan.AllocationProblem;
import io.dropcast.models.plan.AllocationProblem.Drop;
import io.dropcast.models.plan.AllocationProblem.Hub;
import io.dropcast.models.plan.AllocationProblem.PairDemand;
import io.dropcast.models.plan.CategoryCosts;
import io.dropcast.models.plan.Plan;
import io.dropcast.models.plan.PlanBaselines;
import io.dropcast.models.plan.QuantileDistribution;
import io.dropcast.models.plan.UnitCosts;
import java.io.Serializable;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one (plan date, drop date) group on an executor: the plan as written, and the two baselines computed on
 * the same drops, stock and hub capacities ({@link PlanBaselines#equalSplit}, {@link PlanBaselines#salesShareSplit}
 * by each hub's share of the category's recent sales), each against every demand source given, with the rule of
 * {@link KeptBackStock}: only units on hand at the hub sell within the SLA and count against shortage; units kept
 * back serve late, reported apart. Emits the rows of {@code plan_evaluation} (unmatched_demand_units left null).
 */
public final class PlanEvaluator implements FlatMapGroupsFunction<String, Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The Dropcast plan's method name in plan_evaluation. */
  public static final String DROPCAST = "dropcast";

  private final CategoryCosts costs;
  private final List<String> sources;
  private final String runId;

  /**
   * @param sources the demand columns of the pair rows to score against, for example orders and latent
   */
  public PlanEvaluator(CategoryCosts costs, List<String> sources, String runId) {
    this.costs = costs;
    this.sources = List.copyOf(sources);
    this.runId = runId;
  }

  /** One scored pair: the plan's units, the drop's stock, the hub's capacity and sales share, demands. */
  public record PairRow(Date planDate, Date dropDate, String dropId, String category, String hubId, int units,
      int stock, int capacity, double salesShare, Map<String, Integer> demand)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public Iterator<Row> call(String key, Iterator<Row> rows) {
    List<PairRow> pairs = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      Map<String, Integer> demand = new TreeMap<>();
      for (String s : sources) {
        demand.put(s, r.isNullAt(r.fieldIndex(s + "_units")) ? 0 : ((Number) r.getAs(s + "_units")).intValue());
      }
      pairs.add(new PairRow(r.getAs("plan_date"), r.getAs("drop_date"), r.getAs("drop_id"), r.getAs("category"),
          r.getAs("hub_id"), r.<Integer>getAs("units"), r.<Integer>getAs("stock"), r.<Integer>getAs("capacity"),
          r.isNullAt(r.fieldIndex("sales_share")) ? 0 : r.<Double>getAs("sales_share"),
          demand));
    }
    return score(pairs).iterator();
  }

  /** The evaluation rows of one group's pairs: three methods times the demand sources. */
  public List<Row> score(List<PairRow> pairs) {
    // Pairs in (drop, hub) order, the order every plan's allocations come in.
    pairs = new ArrayList<>(pairs);
    pairs.sort((a, b) -> a.dropId().equals(b.dropId()) ? a.hubId().compareTo(b.hubId()) : a.dropId().compareTo(b.dropId()));
    Map<String, Hub> hubs = new TreeMap<>();
    Map<String, List<PairRow>> byDrop = new TreeMap<>();
    List<PairDemand> demands = new ArrayList<>();
    List<PlanBaselines.SalesShare> shares = new ArrayList<>();
    for (PairRow p : pairs) {
      hubs.putIfAbsent(p.hubId(), new Hub(p.hubId(), p.capacity()));
      byDrop.computeIfAbsent(p.dropId(), k -> new ArrayList<>()).add(p);
      // The baselines use no demand: only their units are scored here.
      demands.add(new PairDemand(p.dropId(), p.hubId(), QuantileDistribution.zero()));
      shares.add(new PlanBaselines.SalesShare(p.dropId(), p.hubId(), p.salesShare()));
    }
    List<Drop> drops = new ArrayList<>();
    for (List<PairRow> ps : byDrop.values()) {
      drops.add(new Drop(ps.get(0).dropId(), ps.get(0).category(), ps.get(0).stock(),
          costs.forCategory(ps.get(0).category()), ps.stream().map(PairRow::hubId).toList()));
    }
    AllocationProblem problem = new AllocationProblem(drops, new ArrayList<>(hubs.values()), demands);
    int[] dropcast = pairs.stream().mapToInt(PairRow::units).toArray();
    Map<String, int[]> methods = new java.util.LinkedHashMap<>();
    methods.put(DROPCAST, dropcast);
    methods.put(PlanBaselines.EQUAL_SPLIT, units(PlanBaselines.equalSplit(problem)));
    methods.put(PlanBaselines.SALES_SHARE, units(PlanBaselines.salesShareSplit(problem, shares)));
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, int[]> m : methods.entrySet()) {
      for (String source : sources) {
        out.add(score(pairs, m.getKey(), m.getValue(), source));
      }
    }
    return out;
  }

  private static int[] units(Plan plan) {
    return plan.allocations().stream().mapToInt(Plan.Allocation::units).toArray();
  }

  /** One method against one demand source, summed over the group's drops. */
  Row score(List<PairRow> pairs, String method, int[] units, String source) {
    long stock = 0;
    long placed = 0;
    long demand = 0;
    long leftover = 0;
    double sold = 0;
    double late = 0;
    double cost = 0;
    int stockouts = 0;
    int drops = 0;
    int start = 0;
    while (start < pairs.size()) {
      int end = start;
      while (end < pairs.size() && pairs.get(end).dropId().equals(pairs.get(start).dropId())) {
        end++;
      }
      int n = end - start;
      double[] onHand = new double[n];
      double[] shortage = new double[n];
      long dropPlaced = 0;
      long dropDemand = 0;
      long dropLeftover = 0;
      long dropSold = 0;
      for (int i = 0; i < n; i++) {
        PairRow p = pairs.get(start + i);
        int q = units[start + i];
        int d = p.demand().get(source);
        int s = Math.min(q, d);
        onHand[i] = s;
        shortage[i] = d - s;
        dropPlaced += q;
        dropDemand += d;
        dropSold += s;
        dropLeftover += q - s;
        stockouts += d > q ? 1 : 0;
      }
      int dropStock = pairs.get(start).stock();
      KeptBackStock.Served served = KeptBackStock.serve(dropStock - dropPlaced, onHand, shortage);
      UnitCosts c = costs.forCategory(pairs.get(start).category());
      // Kept-back units sold late are still shortage: the order was not served within the SLA.
      cost += c.leftover() * dropLeftover + c.shortage() * (dropDemand - dropSold);
      stock += dropStock;
      placed += dropPlaced;
      demand += dropDemand;
      leftover += dropLeftover;
      sold += dropSold;
      late += served.keptBackSold();
      drops++;
      start = end;
    }
    PairRow first = pairs.get(0);
    return RowFactory.create(first.planDate(), first.dropDate(), method, source, drops, pairs.size(), stock, placed,
        demand, sold, sold, late, demand - sold, leftover, stockouts, demand == 0 ? 1.0 : sold / demand,
        demand == 0 ? 1.0 : (sold + late) / demand, demand == 0 ? 1.0 : sold / demand, cost, null, runId);
  }
}

package io.dropcast.plan;

import io.dropcast.models.plan.AllocationProblem;
import io.dropcast.models.plan.AllocationProblem.Drop;
import io.dropcast.models.plan.AllocationProblem.Hub;
import io.dropcast.models.plan.AllocationProblem.PairDemand;
import io.dropcast.models.plan.Allocator;
import io.dropcast.models.plan.HubDemand;
import io.dropcast.models.plan.Plan;
import io.dropcast.models.plan.Plan.Allocation;
import io.dropcast.models.plan.QuantileDistribution;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Solves one day's problem on an executor: the pair rows of one (plan date, drop date) group (see
 * {@link PlanInputs#pairs}) become an {@link AllocationProblem}, the OR-Tools {@link Allocator} solves it, and
 * each eligible pair becomes one row of the plan's columns (see {@code Tables.HUB_PREPOSITIONING_PLAN}). Hub
 * capacity couples the drops of a day, so a day is one problem; days are solved in parallel.
 */
public final class PlanSolver implements FlatMapGroupsFunction<String, Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlanSolver.class);

  private final PlanParams params;
  private final String runId;

  public PlanSolver(PlanParams params, String runId) {
    this.params = params;
    this.runId = runId;
  }

  /** A pair as read from its row. */
  record PairInput(Date dropDate, String dropId, String skuId, String category, int stock, String hubId,
      int capacity, String modelId, QuantileDistribution demand) {}

  @Override
  public Iterator<Row> call(String dropDate, Iterator<Row> rows) {
    long t0 = System.nanoTime();
    List<PairInput> pairs = new ArrayList<>();
    while (rows.hasNext()) {
      pairs.add(read(rows.next()));
    }
    long t1 = System.nanoTime();
    List<Row> out = solve(pairs);
    LOG.info("plan {} drop date {}: {} pairs read and their demand combined in {} ms, allocated in {} ms",
        params.planDate(), dropDate, pairs.size(), Math.round((t1 - t0) / 1e6), Math.round((System.nanoTime() - t1) / 1e6));
    return out.iterator();
  }

  PairInput read(Row r) {
    List<Row> components = r.isNullAt(r.fieldIndex("components")) ? List.of() : r.getList(r.fieldIndex("components"));
    List<HubDemand.Share> shares = new ArrayList<>(components.size());
    for (Row c : components) {
      shares.add(new HubDemand.Share(c.getString(0), c.getDouble(1), distribution(c.getJavaMap(2))));
    }
    String hubId = r.getAs("hub_id");
    return new PairInput(r.getAs("drop_date"), r.getAs("drop_id"), r.getAs("sku_id"), r.getAs("category"),
        params.scenario().stock(r.<Integer>getAs("stock")), hubId,
        params.scenario().capacity(hubId, r.<Integer>getAs("capacity")), r.getAs("model_id"),
        HubDemand.combine(shares, correlation(r)));
  }

  /** The pair row's estimated correlation (see {@link PlanJob#pairs}) when it has one, else the configured one. */
  private double correlation(Row r) {
    scala.Option<Object> at = r.schema() == null ? scala.Option.empty() : r.schema().getFieldIndex("correlation");
    return at.isDefined() ? r.getDouble((Integer) at.get()) : params.correlation();
  }

  /** A forecast's quantiles map ("0.10" -> P10, ...) as a distribution. */
  static QuantileDistribution distribution(Map<String, Double> quantiles) {
    TreeMap<Double, Double> sorted = new TreeMap<>();
    quantiles.forEach((level, value) -> sorted.put(Double.parseDouble(level), value));
    double[] levels = new double[sorted.size()];
    double[] values = new double[sorted.size()];
    int i = 0;
    for (Map.Entry<Double, Double> e : sorted.entrySet()) {
      levels[i] = e.getKey();
      values[i] = Math.max(0, e.getValue());
      i++;
    }
    return QuantileDistribution.of(levels, values);
  }

  /** The plan rows of one day's pairs. */
  List<Row> solve(List<PairInput> pairs) {
    Map<String, List<PairInput>> byDrop = new TreeMap<>();
    Map<String, PairInput> byKey = new LinkedHashMap<>();
    Map<String, Hub> hubs = new TreeMap<>();
    List<PairDemand> demands = new ArrayList<>();
    for (PairInput p : pairs) {
      byDrop.computeIfAbsent(p.dropId(), k -> new ArrayList<>()).add(p);
      byKey.put(p.dropId() + '\u0000' + p.hubId(), p);
      hubs.putIfAbsent(p.hubId(), new Hub(p.hubId(), p.capacity(), params.transferCost(p.hubId())));
      demands.add(new PairDemand(p.dropId(), p.hubId(), p.demand()));
    }
    List<Drop> drops = new ArrayList<>();
    for (List<PairInput> ps : byDrop.values()) {
      PairInput first = ps.get(0);
      drops.add(new Drop(first.dropId(), first.category(), first.stock(),
          params.costs().forCategory(first.category()), ps.stream().map(PairInput::hubId).toList()));
    }
    Plan plan = new Allocator(params.maxArcsPerPair())
        .solve(new AllocationProblem(drops, new ArrayList<>(hubs.values()), demands));

    // Expected figures under evaluate-plans' rule (KeptBackStock): only units on hand at the hub sell within the
    // SLA and count against shortage, so fill and within-SLA are both E[min(D, q)] / E[D]; units kept back may
    // serve late, which neither figure counts.
    List<Allocation> all = plan.allocations();
    List<Row> out = new ArrayList<>(all.size());
    Date planDate = Date.valueOf(params.planDate());
    for (Allocation a : all) {
      PairInput p = byKey.get(a.dropId() + '\u0000' + a.hubId());
      double mean = a.expectedSales() + a.expectedShortage();
      double served = mean > 0 ? clamp01(a.expectedSales() / mean) : 1.0;
      out.add(RowFactory.create(planDate, p.dropDate(), p.dropId(), p.skuId(), p.category(), p.hubId(),
          a.units(), p.demand().p50(), p.demand().quantile(0.1), p.demand().quantile(0.9), served,
          a.expectedLeftover(), served, a.reason().code(), p.modelId(), runId));
    }
    return out;
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }
}

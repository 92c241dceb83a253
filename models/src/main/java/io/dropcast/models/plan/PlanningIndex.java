package io.dropcast.models.plan;

import io.dropcast.models.plan.AllocationProblem.Drop;
import io.dropcast.models.plan.AllocationProblem.Hub;
import io.dropcast.models.plan.AllocationProblem.PairDemand;
import io.dropcast.models.plan.Plan.Allocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem in id order with integer indices: drops and hubs sorted by id, pairs sorted by (drop id, hub id),
 * each pair with its demand and newsvendor target. Shared by the allocator, the baselines and the scorer so
 * that they all see the problem the same way and build their plans the same way.
 */
final class PlanningIndex {
  final List<Drop> drops;
  final List<Hub> hubs;
  final Map<String, Integer> dropIndex = new HashMap<>();
  final Map<String, Integer> hubIndex = new HashMap<>();
  /** Pairs in (drop id, hub id) order. */
  final int[] pairDrop;
  final int[] pairHub;
  final QuantileDistribution[] pairDemand;
  final int[] pairTarget;
  /** The pairs of each drop: indices into the pair arrays, in hub id order. */
  final int[][] pairsOfDrop;
  private final Map<String, Integer> pairIndex = new HashMap<>();

  private PlanningIndex(AllocationProblem problem) {
    drops = problem.drops().stream().sorted(Comparator.comparing(Drop::id)).toList();
    hubs = problem.hubs().stream().sorted(Comparator.comparing(Hub::id)).toList();
    for (int i = 0; i < drops.size(); i++) {
      dropIndex.put(drops.get(i).id(), i);
    }
    for (int i = 0; i < hubs.size(); i++) {
      hubIndex.put(hubs.get(i).id(), i);
    }
    Map<String, QuantileDistribution> demandByPair = new HashMap<>();
    for (PairDemand pd : problem.demands()) {
      demandByPair.put(key(pd.dropId(), pd.hubId()), pd.demand());
    }
    int n = problem.demands().size();
    pairDrop = new int[n];
    pairHub = new int[n];
    pairDemand = new QuantileDistribution[n];
    pairTarget = new int[n];
    pairsOfDrop = new int[drops.size()][];
    int p = 0;
    for (int d = 0; d < drops.size(); d++) {
      Drop drop = drops.get(d);
      List<String> eligible = new ArrayList<>(drop.eligibleHubs());
      eligible.sort(null);
      pairsOfDrop[d] = new int[eligible.size()];
      for (int k = 0; k < eligible.size(); k++) {
        int h = hubIndex.get(eligible.get(k));
        pairDrop[p] = d;
        pairHub[p] = h;
        pairDemand[p] = demandByPair.get(key(drop.id(), eligible.get(k)));
        pairTarget[p] = Newsvendor.targetUnits(pairDemand[p], drop.costs(), hubs.get(h).handlingCostPerUnit());
        pairIndex.put(key(drop.id(), eligible.get(k)), p);
        pairsOfDrop[d][k] = p;
        p++;
      }
    }
  }

  static PlanningIndex of(AllocationProblem problem) {
    return new PlanningIndex(problem);
  }

  int pairCount() {
    return pairDrop.length;
  }

  /** The index of a pair, or -1 when the drop is not eligible at the hub. */
  int pairOf(String dropId, String hubId) {
    return pairIndex.getOrDefault(key(dropId, hubId), -1);
  }

  UnitCosts costs(int pair) {
    return drops.get(pairDrop[pair]).costs();
  }

  double handlingCost(int pair) {
    return hubs.get(pairHub[pair]).handlingCostPerUnit();
  }

  /**
   * The plan placing {@code units[p]} at each pair: expected outcomes from the pair's demand, reasons from the
   * targets and the binding limits.
   *
   * @throws IllegalStateException if the units exceed a drop's stock or a hub's capacity (a planner's bug)
   */
  Plan plan(String method, int[] units, int nodes, int arcs) {
    long[] hubLoad = new long[hubs.size()];
    long[] dropPlaced = new long[drops.size()];
    for (int p = 0; p < units.length; p++) {
      if (units[p] < 0) {
        throw PlanErrors.solverFailed(method + " placed " + units[p] + " units of drop '"
            + drops.get(pairDrop[p]).id() + "' at hub '" + hubs.get(pairHub[p]).id() + "'",
            "units cannot be negative", "report this as a bug in " + method);
      }
      hubLoad[pairHub[p]] += units[p];
      dropPlaced[pairDrop[p]] += units[p];
    }
    for (int h = 0; h < hubs.size(); h++) {
      if (hubLoad[h] > hubs.get(h).capacity()) {
        throw PlanErrors.solverFailed(method + " placed " + hubLoad[h] + " units at hub '" + hubs.get(h).id()
            + "', whose capacity is " + hubs.get(h).capacity(), "a plan must respect capacity",
            "report this as a bug in " + method);
      }
    }
    for (int d = 0; d < drops.size(); d++) {
      if (dropPlaced[d] > drops.get(d).stock()) {
        throw PlanErrors.solverFailed(method + " placed " + dropPlaced[d] + " units of drop '" + drops.get(d).id()
            + "', whose stock is " + drops.get(d).stock(), "a plan must respect stock",
            "report this as a bug in " + method);
      }
    }
    List<Allocation> allocations = new ArrayList<>(units.length);
    for (int p = 0; p < units.length; p++) {
      Drop drop = drops.get(pairDrop[p]);
      Hub hub = hubs.get(pairHub[p]);
      QuantileDistribution demand = pairDemand[p];
      int q = units[p];
      double sales = Newsvendor.expectedSales(demand, q);
      boolean hubFull = hubLoad[pairHub[p]] >= hub.capacity();
      boolean stockExhausted = dropPlaced[pairDrop[p]] >= drop.stock();
      allocations.add(new Allocation(drop.id(), hub.id(), q, pairTarget[p], demand.p50(), demand.spread(), sales,
          Newsvendor.expectedLeftover(demand, q), Newsvendor.expectedShortage(demand, q),
          Newsvendor.fillRate(demand, q),
          Newsvendor.expectedProfit(demand, drop.costs(), hub.handlingCostPerUnit(), q),
          Plan.Reason.classify(q, pairTarget[p], hubFull, stockExhausted)));
    }
    return new Plan(method, allocations,
        new Plan.SolveStats(drops.size(), hubs.size(), units.length, nodes, arcs));
  }

  private static String key(String dropId, String hubId) {
    return dropId + '\u0000' + hubId;
  }
}

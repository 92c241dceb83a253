package io.dropcast.models.plan;

import io.dropcast.models.plan.Plan.Allocation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a plan would have earned against a realised demand per (drop, hub): the actual orders, or the latent
 * demand of a synthetic world (demand including what a sold-out hub turned away). For each pair placed
 * {@code q} units and demanded {@code D}: sales {@code min(D, q)}, shortage {@code (D - q)+}, leftover
 * {@code (q - D)+}, and cost {@code h * leftover + p * shortage} with the drop's unit costs; the handling cost
 * {@code c * q} is reported apart. Pure, exact integer arithmetic for the counts.
 */
public final class PlanCost {
  private PlanCost() {}

  /** The realised demand (units) of a drop at a hub; pairs without a row had no demand. */
  public record RealisedDemand(String dropId, String hubId, int units) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RealisedDemand {
      Objects.requireNonNull(dropId, "dropId");
      Objects.requireNonNull(hubId, "hubId");
      if (units < 0) {
        throw PlanErrors.invalid("Realised demand of drop '" + dropId + "' at hub '" + hubId + "' is " + units,
            "demand is a count of units, >= 0", "check the orders aggregated for this pair");
      }
    }
  }

  /**
   * One pair's realised outcome.
   *
   * @param fillRate {@code sales / demand}, 1 without demand
   * @param cost {@code h * leftover + p * shortage}
   * @param handlingCost {@code c * placed}
   */
  public record PairScore(String dropId, String hubId, int placed, int demand, int sales, int shortage,
      int leftover, double fillRate, double cost, double handlingCost) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * A plan's realised outcome: per pair (the plan's order) and in total.
   *
   * @param fillRate total sales / total demand, 1 without demand
   * @param cost the sum of the pairs' {@code h * leftover + p * shortage}
   * @param handlingCost the sum of the pairs' handling costs
   * @param unmatchedDemandRows realised rows for pairs the problem does not have (a drop not eligible at the
   *     hub): not scored, counted so a join bug shows
   */
  public record Score(String method, List<PairScore> pairs, long placed, long demand, long sales, long shortage,
      long leftover, double fillRate, double cost, double handlingCost, int unmatchedDemandRows)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public Score {
      pairs = List.copyOf(pairs);
    }
  }

  /**
   * Scores a plan made for {@code problem} against realised demand.
   *
   * @throws IllegalArgumentException if the plan has a pair the problem does not, or demand rows repeat a pair
   */
  public static Score score(AllocationProblem problem, Plan plan, List<RealisedDemand> realised) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(realised, "realised");
    PlanningIndex ix = PlanningIndex.of(problem);
    int[] demand = new int[ix.pairCount()];
    Set<Integer> seen = new HashSet<>();
    int unmatched = 0;
    for (RealisedDemand r : realised) {
      int p = ix.pairOf(r.dropId(), r.hubId());
      if (p < 0) {
        unmatched++;
        continue;
      }
      if (!seen.add(p)) {
        throw PlanErrors.invalid("Realised demand is given twice for drop '" + r.dropId() + "' at hub '"
            + r.hubId() + "'", "a pair has one realised demand", "aggregate orders per (drop, hub) first");
      }
      demand[p] = r.units();
    }
    List<PairScore> pairs = new ArrayList<>(plan.allocations().size());
    long placedTotal = 0;
    long demandTotal = 0;
    long salesTotal = 0;
    long shortageTotal = 0;
    long leftoverTotal = 0;
    double costTotal = 0;
    double handlingTotal = 0;
    for (Allocation a : plan.allocations()) {
      int p = ix.pairOf(a.dropId(), a.hubId());
      if (p < 0) {
        throw PlanErrors.invalid("The plan '" + plan.method() + "' places drop '" + a.dropId() + "' at hub '"
                + a.hubId() + "'", "the problem it is scored against has no such eligible pair",
            "score a plan against the problem it was made for");
      }
      UnitCosts costs = ix.costs(p);
      int q = a.units();
      int d = demand[p];
      int sales = Math.min(q, d);
      int shortage = d - sales;
      int leftover = q - sales;
      double cost = costs.leftover() * leftover + costs.shortage() * shortage;
      double handling = ix.handlingCost(p) * q;
      pairs.add(new PairScore(a.dropId(), a.hubId(), q, d, sales, shortage, leftover,
          d == 0 ? 1 : (double) sales / d, cost, handling));
      placedTotal += q;
      demandTotal += d;
      salesTotal += sales;
      shortageTotal += shortage;
      leftoverTotal += leftover;
      costTotal += cost;
      handlingTotal += handling;
    }
    return new Score(plan.method(), pairs, placedTotal, demandTotal, salesTotal, shortageTotal, leftoverTotal,
        demandTotal == 0 ? 1 : (double) salesTotal / demandTotal, costTotal, handlingTotal, unmatched);
  }
}

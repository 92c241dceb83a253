package io.dropcast.models.plan;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A prepositioning plan for one problem: one {@link Allocation} per eligible (drop, hub) pair, zero units
 * included, sorted by drop id then hub id. The optimiser and the baselines return this same type, so an
 * evaluation scores them alike.
 *
 * @param method who made it: {@link Allocator#METHOD}, {@link PlanBaselines#EQUAL_SPLIT} or
 *     {@link PlanBaselines#SALES_SHARE}
 * @param allocations one per eligible pair, sorted by (drop id, hub id)
 * @param stats the size of the problem and of the solver's graph (0 nodes and arcs for a baseline)
 */
public record Plan(String method, List<Allocation> allocations, SolveStats stats) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Plan {
    Objects.requireNonNull(method, "method");
    allocations = List.copyOf(allocations);
    Objects.requireNonNull(stats, "stats");
  }

  /** Why a pair got the units it got. */
  public enum Reason {
    /** The units equal the pair's newsvendor target: more would not pay, fewer would leave profit. */
    DEMAND_BOUND("demand_bound"),
    /** Below target because the hub's capacity for the day is used up (reported first when both bind). */
    CAPACITY_BOUND("capacity_bound"),
    /** Below target because the drop's stock is all placed and the hub still has room. */
    STOCK_BOUND("stock_bound"),
    /**
     * Only from a baseline: the units follow the baseline's rule (above target, or below it with stock and
     * room left). The optimiser never gives it.
     */
    POLICY("policy");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The code written to tables (hub_prepositioning_plan.reason): {@code demand_bound}, {@code capacity_bound}, ... */
    public String code() {
      return code;
    }

    /**
     * The reason for a pair placed {@code units} against a newsvendor target of {@code targetUnits}, given
     * whether its hub is full and its drop's stock all placed.
     */
    public static Reason classify(int units, int targetUnits, boolean hubFull, boolean stockExhausted) {
      if (units == targetUnits) {
        return DEMAND_BOUND;
      }
      if (units < targetUnits && hubFull) {
        return CAPACITY_BOUND;
      }
      if (units < targetUnits && stockExhausted) {
        return STOCK_BOUND;
      }
      return POLICY;
    }
  }

  /**
   * The units of one drop at one hub and what they are expected to do.
   *
   * @param units units placed
   * @param targetUnits the pair's own newsvendor target (net of the hub's handling cost), ignoring stock and
   *     capacity
   * @param demandP50 the median demand
   * @param demandSpread P90 - P10 of demand
   * @param expectedSales {@code E[min(D, units)]}
   * @param expectedLeftover {@code E[(units - D)+]}
   * @param expectedShortage {@code E[(D - units)+]}
   * @param expectedFillRate {@code E[min(D, units)] / E[D]}, 1 without demand
   * @param expectedProfit {@code p E[sales] - h E[leftover] - c units}
   */
  public record Allocation(String dropId, String hubId, int units, int targetUnits, double demandP50,
      double demandSpread, double expectedSales, double expectedLeftover, double expectedShortage,
      double expectedFillRate, double expectedProfit, Reason reason) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Sizes, for logs and benchmarks.
   *
   * @param drops drops in the problem
   * @param hubs hubs in the problem
   * @param pairs eligible (drop, hub) pairs
   * @param nodes nodes of the solver's flow graph (0 for a baseline)
   * @param arcs arcs of the solver's flow graph (0 for a baseline)
   */
  public record SolveStats(int drops, int hubs, int pairs, int nodes, int arcs) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The plan's total expected profit: the sum over its allocations. */
  public double expectedProfit() {
    return allocations.stream().mapToDouble(Allocation::expectedProfit).sum();
  }

  /** Total units placed. */
  public long totalUnits() {
    return allocations.stream().mapToLong(Allocation::units).sum();
  }
}

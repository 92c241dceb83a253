package io.dropcast.models.plan;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;
import io.dropcast.models.plan.AllocationProblem.Drop;
import io.dropcast.models.plan.AllocationProblem.Hub;
import java.io.Serializable;

/**
 * The day's allocation of drop stock to hub capacity that maximises total expected profit:
 * <pre>
 *   max  sum over eligible (d, h) of  p_d E[min(D_dh, q_dh)] - h_d E[(q_dh - D_dh)+] - c_h q_dh
 *   s.t. sum_h q_dh &lt;= stock_d,   sum_d q_dh &lt;= capacity_h,   q_dh integer &gt;= 0
 * </pre>
 *
 * <p><b>Method: min-cost flow (OR-Tools {@code MinCostFlow}).</b> Each term is concave in {@code q} (see
 * {@link Newsvendor}), so it is the sum of its decreasing marginal profits, one per unit. The problem is then a
 * transportation problem with parallel arcs: source -&gt; drop (capacity = stock) -&gt; hub (one arc per unit
 * of the pair's newsvendor target, cost = minus that unit's marginal expected profit) -&gt; sink (capacity =
 * hub capacity), plus a zero-cost arc source -&gt; sink for the stock left unplaced. Because the marginals
 * decrease, the cheapest arcs of a pair fill first, so a flow is a valid {@code q}; because the constraint
 * matrix is a network matrix, the optimal flow is integral without branching. The optimum is therefore exact:
 * the only approximation is the rounding of marginal profits to integer costs, at a resolution of
 * 2<sup>-30</sup> of the largest marginal (a near-tie can resolve either way; the reported profits are computed
 * from the distributions, not from the scaled costs).
 * Min-cost flow was preferred to an LP/MIP with a piecewise-linear objective (MPSolver with GLOP, CLP, HiGHS,
 * CBC or SCIP, all shipped in the Java artifact): same optimum, but integral by construction, all-integer
 * arithmetic, no solver parameters, and faster.
 *
 * <p>Only units with a positive marginal profit get an arc, so a unit that would earn nothing or lose is never
 * placed (zero demand gives zero units). A pair's arcs stop at {@code min(target, stock, capacity)}. When that
 * exceeds {@code maxArcsPerPair}, consecutive units are grouped into equal segments whose cost is the average
 * marginal of their units (the concave piecewise-linear interpolation of the profit at the segment ends): exact
 * at segment ends, a bounded approximation within one segment per pair. With the default, pairs up to
 * {@value #DEFAULT_MAX_ARCS_PER_PAIR} units are exact.
 *
 * <p><b>Reasons.</b> A pair at its target is {@code demand_bound}; below it, its hub must be full or its drop's
 * stock all placed (otherwise one more unit would add profit), reported {@code capacity_bound} when the hub is
 * full (also when both bind) and {@code stock_bound} otherwise.
 *
 * <p><b>Determinism and Spark.</b> Drops, hubs and pairs are processed in id order whatever the input order, and
 * the graph is built in that order, so the same problem gives the same plan on any executor; exact ties between
 * pairs are resolved deterministically by the solver on that graph. The OR-Tools native library is loaded once per JVM, lazily and
 * thread-safely; each {@link #solve} owns its native graph and frees it before returning, so concurrent solves in
 * one executor are safe. Inputs and outputs are serializable records.
 */
public final class Allocator implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The {@link Plan#method()} of the optimiser's plans. */
  public static final String METHOD = "min-cost-flow";

  /** Pairs whose arcs would exceed this many units are grouped into this many segments. */
  public static final int DEFAULT_MAX_ARCS_PER_PAIR = 128;

  /** The largest marginal profit becomes this integer cost; the others scale with it. */
  private static final double COST_RESOLUTION = 1 << 30;

  private final int maxArcsPerPair;

  /** An allocator with {@link #DEFAULT_MAX_ARCS_PER_PAIR}. */
  public Allocator() {
    this(DEFAULT_MAX_ARCS_PER_PAIR);
  }

  /**
   * @param maxArcsPerPair the most arcs one (drop, hub) pair gets before its units are grouped into segments;
   *     at least 1
   */
  public Allocator(int maxArcsPerPair) {
    if (maxArcsPerPair < 1) {
      throw PlanErrors.invalid("maxArcsPerPair is " + maxArcsPerPair,
          "each pair needs at least one arc", "use the default " + DEFAULT_MAX_ARCS_PER_PAIR);
    }
    this.maxArcsPerPair = maxArcsPerPair;
  }

  /** The optimal plan for the problem. */
  public Plan solve(AllocationProblem problem) {
    PlanningIndex ix = PlanningIndex.of(problem);
    int pairs = ix.pairCount();

    // Segments per pair: unit arcs, or equal groups of units when the pair would get too many arcs.
    int[][] segmentLength = new int[pairs][];
    double[][] segmentMarginal = new double[pairs][];
    double largestMarginal = 0;
    int segmentCount = 0;
    for (int p = 0; p < pairs; p++) {
      Drop drop = ix.drops.get(ix.pairDrop[p]);
      Hub hub = ix.hubs.get(ix.pairHub[p]);
      int upTo = Math.min(ix.pairTarget[p], Math.min(drop.stock(), hub.capacity()));
      int groups = Math.min(upTo, maxArcsPerPair);
      segmentLength[p] = new int[groups];
      segmentMarginal[p] = new double[groups];
      QuantileDistribution demand = ix.pairDemand[p];
      UnitCosts costs = drop.costs();
      double c = hub.handlingCostPerUnit();
      int start = 0;
      double salesAtStart = 0;
      for (int g = 0; g < groups; g++) {
        // Spread the remainder over the first segments: lengths differ by at most one.
        int end = (int) ((long) upTo * (g + 1) / groups);
        int length = end - start;
        double salesAtEnd = demand.expectedMin(end);
        double extraSales = salesAtEnd - salesAtStart;
        segmentLength[p][g] = length;
        segmentMarginal[p][g] =
            (costs.shortage() * extraSales - costs.leftover() * (length - extraSales)) / length - c;
        start = end;
        salesAtStart = salesAtEnd;
      }
      if (groups > 0) {
        largestMarginal = Math.max(largestMarginal, segmentMarginal[p][0]);
      }
      segmentCount += groups;
    }

    int[] units = new int[pairs];
    long totalStock = ix.drops.stream().mapToLong(Drop::stock).sum();
    int dropNode0 = 2;
    int hubNode0 = dropNode0 + ix.drops.size();
    int nodes = hubNode0 + ix.hubs.size();
    if (segmentCount == 0 || totalStock == 0) {
      return ix.plan(METHOD, units, 0, 0);
    }

    NativeLibrary.ensureLoaded();
    int arcCount = 1 + ix.drops.size() + ix.hubs.size() + segmentCount;
    MinCostFlow flow = new MinCostFlow(nodes, arcCount);
    try {
      int source = 0;
      int sink = 1;
      double scale = COST_RESOLUTION / largestMarginal;
      flow.addArcWithCapacityAndUnitCost(source, sink, totalStock, 0); // stock left unplaced
      for (int d = 0; d < ix.drops.size(); d++) {
        flow.addArcWithCapacityAndUnitCost(source, dropNode0 + d, ix.drops.get(d).stock(), 0);
      }
      for (int h = 0; h < ix.hubs.size(); h++) {
        flow.addArcWithCapacityAndUnitCost(hubNode0 + h, sink, ix.hubs.get(h).capacity(), 0);
      }
      int[] firstArc = new int[pairs];
      for (int p = 0; p < pairs; p++) {
        firstArc[p] = -1;
        for (int g = 0; g < segmentLength[p].length; g++) {
          // Every arc here carries a positive marginal: keep it attractive even if it rounds to 0.
          long cost = -Math.max(1, Math.round(segmentMarginal[p][g] * scale));
          int arc = flow.addArcWithCapacityAndUnitCost(dropNode0 + ix.pairDrop[p], hubNode0 + ix.pairHub[p],
              segmentLength[p][g], cost);
          if (g == 0) {
            firstArc[p] = arc;
          }
        }
      }
      flow.setNodeSupply(source, totalStock);
      flow.setNodeSupply(sink, -totalStock);
      MinCostFlowBase.Status status = flow.solve();
      if (status != MinCostFlowBase.Status.OPTIMAL) {
        throw PlanErrors.solverFailed("OR-Tools min-cost flow ended with status " + status + " on a problem of "
                + ix.drops.size() + " drops, " + ix.hubs.size() + " hubs and " + pairs + " pairs ("
                + nodes + " nodes, " + flow.getNumArcs() + " arcs)",
            "the graph is balanced and always feasible by construction, so this is unexpected",
            "report it with the problem; BAD_COST_RANGE would mean marginal profits spanning more than "
                + "the solver's integer range");
      }
      for (int p = 0; p < pairs; p++) {
        long placed = 0;
        for (int g = 0; g < segmentLength[p].length; g++) {
          placed += flow.getFlow(firstArc[p] + g);
        }
        units[p] = (int) placed;
      }
      return ix.plan(METHOD, units, nodes, flow.getNumArcs());
    } finally {
      flow.delete();
    }
  }

  /** Loads the OR-Tools native library once per JVM, on first use, thread-safely (class initialisation). */
  private static final class NativeLibrary {
    static {
      Loader.loadNativeLibraries();
    }

    private NativeLibrary() {}

    static void ensureLoaded() {
      // Calling this triggers the class's static initialiser exactly once.
    }
  }
}

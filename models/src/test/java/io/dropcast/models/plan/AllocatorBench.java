package io.dropcast.models.plan;

import io.dropcast.models.plan.AllocationProblem.Drop;
import io.dropcast.models.plan.AllocationProblem.Hub;
import io.dropcast.models.plan.AllocationProblem.PairDemand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Micro-benchmark, not a test: one day of 1,000 drops over 50 hubs (each drop eligible at 5 to 15 hubs), solved
 * by the allocator and by the equal-split baseline. Prints problem size, solve times and expected profits.
 *
 * <pre>
 *   mvn -q -o -B test-compile -pl models
 *   mvn -q -o dependency:build-classpath -pl models -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp models/target/classes:models/target/test-classes:$(cat /tmp/cp.txt) \
 *       io.dropcast.models.plan.AllocatorBench [drops] [hubs] [runs]
 * </pre>
 */
public final class AllocatorBench {
  private AllocatorBench() {}

  public static void main(String[] args) {
    int drops = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int hubs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    long t0 = System.nanoTime();
    AllocationProblem problem = day(drops, hubs, 20260526L);
    double buildMs = (System.nanoTime() - t0) / 1e6;

    Allocator allocator = new Allocator();
    double[] solveMs = new double[runs];
    double[] equalMs = new double[runs];
    Plan plan = null;
    Plan equal = null;
    allocator.solve(problem); // warm-up: native library load and JIT
    PlanBaselines.equalSplit(problem);
    for (int r = 0; r < runs; r++) {
      long s = System.nanoTime();
      plan = allocator.solve(problem);
      solveMs[r] = (System.nanoTime() - s) / 1e6;
      s = System.nanoTime();
      equal = PlanBaselines.equalSplit(problem);
      equalMs[r] = (System.nanoTime() - s) / 1e6;
    }
    long capacityBound = plan.allocations().stream().filter(a -> a.reason() == Plan.Reason.CAPACITY_BOUND).count();
    long stockBound = plan.allocations().stream().filter(a -> a.reason() == Plan.Reason.STOCK_BOUND).count();
    long totalStock = problem.drops().stream().mapToLong(Drop::stock).sum();
    long totalCapacity = problem.hubs().stream().mapToLong(Hub::capacity).sum();
    System.out.printf("problem: %d drops, %d hubs, %d eligible pairs, stock %d units, capacity %d units "
        + "(built in %.0f ms)%n", drops, hubs, plan.stats().pairs(), totalStock, totalCapacity, buildMs);
    System.out.printf("graph:   %d nodes, %d arcs%n", plan.stats().nodes(), plan.stats().arcs());
    System.out.printf("min-cost-flow: median %.1f ms, min %.1f ms over %d runs; %d units placed, expected profit "
            + "%.1f; pairs capacity-bound %d, stock-bound %d%n", median(solveMs), min(solveMs), runs,
        plan.totalUnits(), plan.expectedProfit(), capacityBound, stockBound);
    System.out.printf("equal-split:   median %.1f ms, min %.1f ms over %d runs; %d units placed, expected profit "
        + "%.1f%n", median(equalMs), min(equalMs), runs, equal.totalUnits(), equal.expectedProfit());
  }

  /** A synthetic day: demand medians 1 to 20 units per pair, skewed quantiles, capacity binding at some hubs, stock for some drops. */
  static AllocationProblem day(int drops, int hubs, long seed) {
    Random r = new Random(seed);
    List<Hub> hubList = new ArrayList<>();
    for (int h = 0; h < hubs; h++) {
      hubList.add(new Hub(String.format("h%03d", h), 1200 + r.nextInt(2400), r.nextInt(3) * 0.15));
    }
    List<Drop> dropList = new ArrayList<>();
    List<PairDemand> demands = new ArrayList<>();
    for (int d = 0; d < drops; d++) {
      String id = String.format("d%05d", d);
      int count = 5 + r.nextInt(11);
      List<String> eligible = new ArrayList<>();
      while (eligible.size() < count) {
        String h = hubList.get(r.nextInt(hubs)).id();
        if (!eligible.contains(h)) {
          eligible.add(h);
        }
      }
      dropList.add(new Drop(id, "c" + r.nextInt(6), 20 + r.nextInt(181),
          new UnitCosts(2 + 6 * r.nextDouble(), 0.5 + 1.5 * r.nextDouble()), eligible));
      for (String h : eligible) {
        double p50 = 1 + 19 * r.nextDouble();
        demands.add(new PairDemand(id, h, QuantileDistribution.ofP10P50P90(0.5 * p50, p50, 1.8 * p50)));
      }
    }
    return new AllocationProblem(dropList, hubList, demands);
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double min(double[] xs) {
    return Arrays.stream(xs).min().orElse(Double.NaN);
  }
}

package io.dropcast.models.plan;

import io.dropcast.models.plan.AllocationProblem.Drop;
import io.dropcast.models.plan.AllocationProblem.Hub;
import io.dropcast.models.plan.AllocationProblem.PairDemand;
import io.dropcast.models.plan.Plan.Allocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small builders for planning problems, and a seeded random problem generator. */
final class PlanFixtures {
  private PlanFixtures() {}

  static Drop drop(String id, int stock, double p, double h, String... hubs) {
    return new Drop(id, "snacks", stock, new UnitCosts(p, h), List.of(hubs));
  }

  static Hub hub(String id, int capacity) {
    return new Hub(id, capacity);
  }

  static PairDemand demand(String dropId, String hubId, QuantileDistribution d) {
    return new PairDemand(dropId, hubId, d);
  }

  static Allocation allocation(Plan plan, String dropId, String hubId) {
    return plan.allocations().stream()
        .filter(a -> a.dropId().equals(dropId) && a.hubId().equals(hubId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no allocation for " + dropId + " at " + hubId + " in " + plan));
  }

  /**
   * A random day: {@code drops} drops each eligible at {@code minHubs..maxHubs} of {@code hubs} hubs, skewed
   * P10/P50/P90 demand with median up to {@code maxMedian} (some pairs without demand), costs p in [1, 6],
   * h in [0.2, 3], a handling cost at some hubs; stock and capacity from the given ranges.
   */
  static AllocationProblem randomProblem(long seed, int drops, int hubs, int minHubs, int maxHubs, int maxStock,
      int maxCapacity, double maxMedian) {
    Random r = new Random(seed);
    List<Hub> hubList = new ArrayList<>();
    for (int h = 0; h < hubs; h++) {
      double handling = r.nextInt(3) == 0 ? Math.round(r.nextDouble() * 50) / 100.0 : 0;
      hubList.add(new Hub(String.format("h%03d", h), r.nextInt(maxCapacity + 1), handling));
    }
    List<Drop> dropList = new ArrayList<>();
    List<PairDemand> demands = new ArrayList<>();
    for (int d = 0; d < drops; d++) {
      String id = String.format("d%04d", d);
      int count = minHubs + r.nextInt(maxHubs - minHubs + 1);
      List<String> eligible = new ArrayList<>();
      while (eligible.size() < count) {
        String h = hubList.get(r.nextInt(hubs)).id();
        if (!eligible.contains(h)) {
          eligible.add(h);
        }
      }
      UnitCosts costs = new UnitCosts(1 + 5 * r.nextDouble(), 0.2 + 2.8 * r.nextDouble());
      dropList.add(new Drop(id, "c" + r.nextInt(4), r.nextInt(maxStock + 1), costs, eligible));
      for (String h : eligible) {
        QuantileDistribution dist;
        if (r.nextInt(8) == 0) {
          dist = QuantileDistribution.zero();
        } else {
          double p50 = maxMedian * r.nextDouble();
          dist = QuantileDistribution.ofP10P50P90(p50 * (0.2 + 0.6 * r.nextDouble()), p50,
              p50 * (1.2 + 1.3 * r.nextDouble()));
        }
        demands.add(new PairDemand(id, h, dist));
      }
    }
    return new AllocationProblem(dropList, hubList, demands);
  }
}

package io.dropcast.models.plan;

import static io.dropcast.models.plan.PlanFixtures.allocation;
import static io.dropcast.models.plan.PlanFixtures.demand;
import static io.dropcast.models.plan.PlanFixtures.drop;
import static io.dropcast.models.plan.PlanFixtures.hub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.plan.AllocationProblem.Drop;
import io.dropcast.models.plan.AllocationProblem.Hub;
import io.dropcast.models.plan.AllocationProblem.PairDemand;
import io.dropcast.models.plan.HubDemand.Share;
import io.dropcast.models.plan.Plan.Allocation;
import io.dropcast.models.plan.Plan.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AllocatorTest {

  private final Allocator allocator = new Allocator();

  @Test
  void twoDropsCompetingForOneFullHubGetUnitsInOrderOfMarginalProfit() {
    // Hub h1 holds 10 units. Drop a (p = 4, h = 1, demand U(0, 10)) has target 8 and unit profits
    // 3.75, 3.25, 2.75, 2.25, 1.75, 1.25, ...; drop b (p = 2, h = 1, demand U(0, 12)) has target 8 and
    // 1.875, 1.625, 1.375, 1.125, 0.875, ... The ten best units: six of a, four of b (next best: b's 0.875).
    AllocationProblem problem = new AllocationProblem(
        List.of(drop("a", 20, 4, 1, "h1"), drop("b", 20, 2, 1, "h1")),
        List.of(hub("h1", 10)),
        List.of(demand("a", "h1", QuantileDistribution.uniform(0, 10)),
            demand("b", "h1", QuantileDistribution.uniform(0, 12))));

    Plan plan = allocator.solve(problem);

    Allocation a = allocation(plan, "a", "h1");
    Allocation b = allocation(plan, "b", "h1");
    assertEquals(6, a.units(), "drop a's units at the full hub");
    assertEquals(4, b.units(), "drop b's units at the full hub");
    assertEquals(8, a.targetUnits(), "drop a's own newsvendor target");
    assertEquals(8, b.targetUnits(), "drop b's own newsvendor target");
    assertEquals(Reason.CAPACITY_BOUND, a.reason(), "a is below target because h1 is full");
    assertEquals(Reason.CAPACITY_BOUND, b.reason(), "b is below target because h1 is full");
    assertEquals("capacity_bound", a.reason().code(), "the reason's table code");
  }

  @Test
  void oneDropShortOfStockIsSplitBetweenTwoHubsByMarginalProfit() {
    // Drop a has 10 units, p = 4, h = 1. At h1 (U(0, 10)) units earn 3.75, 3.25, 2.75, 2.25, ...; at h2
    // (U(0, 20)) 3.875, 3.625, 3.375, 3.125, 2.875, 2.625, 2.375, 2.125, ... The ten best: 3 at h1, 7 at h2.
    AllocationProblem problem = new AllocationProblem(
        List.of(drop("a", 10, 4, 1, "h1", "h2")),
        List.of(hub("h1", 100), hub("h2", 100)),
        List.of(demand("a", "h1", QuantileDistribution.uniform(0, 10)),
            demand("a", "h2", QuantileDistribution.uniform(0, 20))));

    Plan plan = allocator.solve(problem);

    assertEquals(3, allocation(plan, "a", "h1").units(), "units at h1");
    assertEquals(7, allocation(plan, "a", "h2").units(), "units at h2");
    assertEquals(16, allocation(plan, "a", "h2").targetUnits(), "h2's target (p - 5 (k - 0.5) / 20 > 0)");
    assertEquals(Reason.STOCK_BOUND, allocation(plan, "a", "h1").reason(), "h1 wants 8: the stock ran out");
    assertEquals(Reason.STOCK_BOUND, allocation(plan, "a", "h2").reason(), "h2 wants 16: the stock ran out");
  }

  @Test
  void aNeighbourhoodSharedByTwoHubsHalvesEachHubsDemandAndUnits() {
    // One neighbourhood with demand U(0, 20), served 0.5/0.5 by h1 and h2: each hub sees U(0, 10), whose
    // target with p = 4, h = 1 is 8 (the whole neighbourhood at one hub would be 16).
    QuantileDistribution neighbourhood = QuantileDistribution.uniform(0, 20);
    QuantileDistribution half = HubDemand.combine(List.of(new Share("n1", 0.5, neighbourhood)));
    AllocationProblem problem = new AllocationProblem(
        List.of(drop("a", 100, 4, 1, "h1", "h2")),
        List.of(hub("h1", 100), hub("h2", 100)),
        List.of(demand("a", "h1", half), demand("a", "h2", half)));

    Plan plan = allocator.solve(problem);

    for (String h : List.of("h1", "h2")) {
      Allocation a = allocation(plan, "a", h);
      assertEquals(8, a.units(), "units at " + h);
      assertEquals(Reason.DEMAND_BOUND, a.reason(), "reason at " + h);
      assertEquals(5.0, a.demandP50(), 1e-12, "P50 at " + h + " is half the neighbourhood's 10");
      assertEquals(8.0, a.demandSpread(), 1e-12, "P90 - P10 at " + h + " is 9 - 1");
      assertEquals(4.8, a.expectedSales(), 1e-12, "E[min(D, 8)] = 8 - 64/20 at " + h);
      assertEquals(3.2, a.expectedLeftover(), 1e-12, "E[(8 - D)+] at " + h);
      assertEquals(0.2, a.expectedShortage(), 1e-12, "E[(D - 8)+] at " + h);
      assertEquals(0.96, a.expectedFillRate(), 1e-12, "4.8 / 5 at " + h);
    }

    // Split by distance instead (1 km and 3 km, inverse distance): weights 0.75/0.25, demand U(0, 15) and
    // U(0, 5), targets 12 and 4.
    Map<String, Double> w = HubDemand.inverseDistanceWeights(Map.of("h1", 1.0, "h2", 3.0), 1);
    AllocationProblem byDistance = new AllocationProblem(problem.drops(), problem.hubs(),
        List.of(demand("a", "h1", HubDemand.combine(List.of(new Share("n1", w.get("h1"), neighbourhood)))),
            demand("a", "h2", HubDemand.combine(List.of(new Share("n1", w.get("h2"), neighbourhood))))));
    Plan split = allocator.solve(byDistance);
    assertEquals(12, allocation(split, "a", "h1").units(), "units at the nearer hub");
    assertEquals(4, allocation(split, "a", "h2").units(), "units at the farther hub");
  }

  @Test
  void zeroDemandGetsZeroUnitsAsDemandBound() {
    AllocationProblem problem = new AllocationProblem(
        List.of(drop("a", 50, 10, 0.1, "h1", "h2")),
        List.of(hub("h1", 100), hub("h2", 100)),
        List.of(demand("a", "h1", QuantileDistribution.zero()),
            demand("a", "h2", QuantileDistribution.uniform(0, 10))));

    Plan plan = allocator.solve(problem);

    assertEquals(0, allocation(plan, "a", "h1").units(), "no units where there is no demand");
    assertEquals(Reason.DEMAND_BOUND, allocation(plan, "a", "h1").reason(), "zero is the target there");
    assertEquals(1.0, allocation(plan, "a", "h1").expectedFillRate(), "nothing to serve");
    assertEquals(0.0, allocation(plan, "a", "h1").expectedProfit(), "no units, no profit");
    // p = 10, h = 0.1 at h2: unit k earns 10 - 10.1 (k - 0.5) / 10 > 0 up to k = 10.
    assertEquals(10, allocation(plan, "a", "h2").units(), "units where there is demand");
  }

  @Test
  void aHandlingCostLowersTheUnitsPlacedAtThatHub() {
    // U(0, 10), p = 4, h = 1: target 8 without handling, 6 with 1 per unit (unit 7 earns 3 - 5 * 0.65 < 0).
    AllocationProblem problem = new AllocationProblem(
        List.of(drop("a", 100, 4, 1, "h1", "h2")),
        List.of(new Hub("h1", 100, 0), new Hub("h2", 100, 1)),
        List.of(demand("a", "h1", QuantileDistribution.uniform(0, 10)),
            demand("a", "h2", QuantileDistribution.uniform(0, 10))));

    Plan plan = allocator.solve(problem);

    assertEquals(8, allocation(plan, "a", "h1").units(), "no handling cost");
    assertEquals(6, allocation(plan, "a", "h2").units(), "handling cost 1 per unit");
    assertEquals(Reason.DEMAND_BOUND, allocation(plan, "a", "h2").reason(), "6 is h2's target net of handling");
  }

  @Test
  void theObjectiveEqualsBruteForceOnSmallRandomInstances() {
    Random seeds = new Random(2026);
    int checked = 0;
    for (int i = 0; i < 120; i++) {
      long seed = seeds.nextLong();
      int drops = 2 + (i % 2);
      int hubs = 5 - drops;
      AllocationProblem problem = PlanFixtures.randomProblem(seed, drops, hubs, 1, hubs, 6, 6, 4);
      double best = bruteForceBest(problem);
      Plan plan = allocator.solve(problem);
      assertEquals(best, plan.expectedProfit(), 1e-6,
          "instance " + i + " (seed " + seed + "): min-cost flow vs brute force, plan " + plan.allocations());
      for (Allocation a : plan.allocations()) {
        assertNotEquals(Reason.POLICY, a.reason(), "the optimiser explains every pair by a limit: " + a);
        assertTrue(a.units() <= a.targetUnits(), "never above target: " + a);
      }
      checked++;
    }
    assertEquals(120, checked, "all instances checked");
  }

  @Test
  void groupingUnitsIntoSegmentsStaysFeasibleAndCloseToTheExactOptimum() {
    // Medians up to 60 units: with at most 4 arcs per pair most pairs are grouped.
    for (long seed = 1; seed <= 10; seed++) {
      AllocationProblem problem = PlanFixtures.randomProblem(seed, 20, 6, 1, 4, 150, 120, 60);
      double exact = allocator.solve(problem).expectedProfit();
      double grouped = new Allocator(4).solve(problem).expectedProfit();
      assertTrue(grouped <= exact + 1e-6, "seed " + seed + ": grouped " + grouped + " beat exact " + exact);
      assertTrue(grouped >= exact * 0.98, "seed " + seed + ": grouped " + grouped + " too far below " + exact);
    }
  }

  @Test
  void theSameProblemInAnyOrderGivesTheSamePlan() {
    AllocationProblem problem = PlanFixtures.randomProblem(7, 60, 12, 2, 6, 40, 60, 8);
    List<Drop> drops = new ArrayList<>(problem.drops());
    List<Hub> hubs = new ArrayList<>(problem.hubs());
    List<PairDemand> demands = new ArrayList<>(problem.demands());
    Collections.shuffle(drops, new Random(1));
    Collections.shuffle(hubs, new Random(2));
    Collections.shuffle(demands, new Random(3));
    AllocationProblem shuffled = new AllocationProblem(drops, hubs, demands);

    Plan first = allocator.solve(problem);
    assertEquals(first, allocator.solve(problem), "solving twice must give the same plan");
    assertEquals(first, allocator.solve(shuffled), "the input order must not matter");
    assertTrue(first.totalUnits() > 0, "the fixture must place something to be a real check");
  }

  @Test
  void problemsAndPlansSurviveJavaSerialisationAsSparkShipsThem() throws Exception {
    AllocationProblem problem = PlanFixtures.randomProblem(11, 5, 3, 1, 3, 10, 10, 5);
    Plan plan = allocator.solve(problem);

    assertEquals(problem, roundTrip(problem), "the problem round-trips");
    assertEquals(plan, roundTrip(plan), "the plan round-trips");
    assertEquals(plan, allocator.solve(roundTrip(problem)), "a deserialised problem solves the same");
  }

  @Test
  void anEligibleHubWithoutDemandIsRejectedWithTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AllocationProblem(
        List.of(drop("a", 5, 4, 1, "h1", "h2")), List.of(hub("h1", 5), hub("h2", 5)),
        List.of(demand("a", "h1", QuantileDistribution.zero()))));
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("'h2'")
        && e.getMessage().contains("Fix:"), "message must name the pair and the fix, was: " + e.getMessage());

    IllegalArgumentException unknownHub = assertThrows(IllegalArgumentException.class,
        () -> new AllocationProblem(List.of(drop("a", 5, 4, 1, "h9")), List.of(hub("h1", 5)), List.of()));
    assertTrue(unknownHub.getMessage().contains("'h9'"), "message must name the unknown hub, was: "
        + unknownHub.getMessage());
  }

  /** The best total expected profit over every feasible integer plan (units up to min(stock, capacity)). */
  private static double bruteForceBest(AllocationProblem problem) {
    PlanningIndex ix = PlanningIndex.of(problem);
    int pairs = ix.pairCount();
    int[] units = new int[pairs];
    int[] dropLeft = ix.drops.stream().mapToInt(Drop::stock).toArray();
    int[] hubLeft = ix.hubs.stream().mapToInt(Hub::capacity).toArray();
    double[][] profit = new double[pairs][];
    for (int p = 0; p < pairs; p++) {
      int most = Math.min(dropLeft[ix.pairDrop[p]], hubLeft[ix.pairHub[p]]);
      profit[p] = new double[most + 1];
      for (int q = 0; q <= most; q++) {
        profit[p][q] = Newsvendor.expectedProfit(ix.pairDemand[p], ix.costs(p), ix.handlingCost(p), q);
      }
    }
    return search(ix, profit, 0, units, dropLeft, hubLeft);
  }

  private static double search(PlanningIndex ix, double[][] profit, int p, int[] units, int[] dropLeft,
      int[] hubLeft) {
    if (p == units.length) {
      double total = 0;
      for (int k = 0; k < units.length; k++) {
        total += profit[k][units[k]];
      }
      return total;
    }
    int d = ix.pairDrop[p];
    int h = ix.pairHub[p];
    double best = Double.NEGATIVE_INFINITY;
    for (int q = 0; q <= Math.min(dropLeft[d], hubLeft[h]); q++) {
      units[p] = q;
      dropLeft[d] -= q;
      hubLeft[h] -= q;
      best = Math.max(best, search(ix, profit, p + 1, units, dropLeft, hubLeft));
      dropLeft[d] += q;
      hubLeft[h] += q;
    }
    units[p] = 0;
    return best;
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}

package io.dropcast.models.plan;

import static io.dropcast.models.plan.PlanFixtures.allocation;
import static io.dropcast.models.plan.PlanFixtures.demand;
import static io.dropcast.models.plan.PlanFixtures.drop;
import static io.dropcast.models.plan.PlanFixtures.hub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.plan.AllocationProblem.Hub;
import io.dropcast.models.plan.PlanBaselines.SalesShare;
import io.dropcast.models.plan.Plan.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanBaselinesTest {

  /**
   * Drop a (7 units) at h1, h2, h3 and drop b (4 units) at h2, h3; h1 holds only 2 units; every pair's demand
   * is U(0, 4) with p = 4, h = 1, so every target is 3 (unit 3 earns 4 - 5 * 2.5 / 4 = 0.875, unit 4 loses).
   * h2 charges 0.5 per unit handled, which leaves its targets at 3 (unit 3 then earns 0.375).
   */
  static AllocationProblem tinyDay() {
    QuantileDistribution u4 = QuantileDistribution.uniform(0, 4);
    return new AllocationProblem(
        List.of(drop("a", 7, 4, 1, "h1", "h2", "h3"), drop("b", 4, 4, 1, "h2", "h3")),
        List.of(hub("h1", 2), new Hub("h2", 10, 0.5), hub("h3", 10)),
        List.of(demand("a", "h1", u4), demand("a", "h2", u4), demand("a", "h3", u4), demand("b", "h2", u4),
            demand("b", "h3", u4)));
  }

  @Test
  void equalSplitSharesStockEquallyWithinCapacityRemainderToTheLowestHubIds() {
    // a: 7 / 3 = 2 each plus 1 to h1; h1 holds 2, so its extra unit goes again, to h2 -> 2, 3, 2.
    // b: 4 / 2 = 2 each.
    Plan plan = PlanBaselines.equalSplit(tinyDay());

    assertEquals(PlanBaselines.EQUAL_SPLIT, plan.method(), "method name");
    assertEquals(2, allocation(plan, "a", "h1").units(), "a at h1 (full)");
    assertEquals(3, allocation(plan, "a", "h2").units(), "a at h2 (took h1's overflow)");
    assertEquals(2, allocation(plan, "a", "h3").units(), "a at h3");
    assertEquals(2, allocation(plan, "b", "h2").units(), "b at h2");
    assertEquals(2, allocation(plan, "b", "h3").units(), "b at h3");
    assertEquals(Reason.CAPACITY_BOUND, allocation(plan, "a", "h1").reason(), "below target 3, h1 full");
    assertEquals(Reason.DEMAND_BOUND, allocation(plan, "a", "h2").reason(), "3 is the target");
    assertEquals(Reason.STOCK_BOUND, allocation(plan, "a", "h3").reason(), "below target, a's stock all placed");
    assertEquals(4.0 * 1.5 - 0.5, allocation(plan, "a", "h3").expectedProfit(), 1e-12,
        "same expected outcomes as the optimiser: p E[min(D, 2)] - h E[(2 - D)+] with E[min] = 2 - 4/8");
  }

  @Test
  void salesShareSplitFollowsRecentSalesByLargestRemainders() {
    // a: shares h1 0, h2 3, h3 1 -> quotas 5.25 and 1.75 -> 5 and 1, the spare unit to h3 (0.75 > 0.25).
    // b: no share given -> equal split, 2 and 2.
    Plan plan = PlanBaselines.salesShareSplit(tinyDay(),
        List.of(new SalesShare("a", "h1", 0), new SalesShare("a", "h2", 3), new SalesShare("a", "h3", 1),
            new SalesShare("zz", "h1", 5)));

    assertEquals(PlanBaselines.SALES_SHARE, plan.method(), "method name");
    assertEquals(0, allocation(plan, "a", "h1").units(), "no recent sales at h1, no units");
    assertEquals(5, allocation(plan, "a", "h2").units(), "a at h2");
    assertEquals(2, allocation(plan, "a", "h3").units(), "a at h3");
    assertEquals(2, allocation(plan, "b", "h2").units(), "b at h2 (no shares: equal split)");
    assertEquals(2, allocation(plan, "b", "h3").units(), "b at h3 (no shares: equal split)");
    assertEquals(Reason.POLICY, allocation(plan, "a", "h2").reason(), "5 units is above the target of 3");
  }

  @Test
  void theOptimiserBeatsBothBaselinesInExpectation() {
    AllocationProblem problem = PlanFixtures.randomProblem(3, 80, 15, 3, 8, 60, 80, 10);
    double optimal = new Allocator().solve(problem).expectedProfit();
    double equal = PlanBaselines.equalSplit(problem).expectedProfit();

    assertTrue(optimal > equal, "optimal " + optimal + " must beat equal split " + equal);
  }
}

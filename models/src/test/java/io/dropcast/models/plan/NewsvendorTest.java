package io.dropcast.models.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NewsvendorTest {

  // Demand uniform on [0, 10]: F(x) = x / 10, so the k-th unit earns p - (p + h) (k - 0.5) / 10.
  private static final QuantileDistribution UNIFORM_10 = QuantileDistribution.uniform(0, 10);

  @Test
  void theCriticalRatioIsShortageOverShortagePlusLeftoverNetOfHandling() {
    assertEquals(0.75, Newsvendor.criticalRatio(new UnitCosts(3, 1)), 1e-15, "p / (p + h) with p = 3, h = 1");
    assertEquals(0.6, Newsvendor.criticalRatio(new UnitCosts(4, 1), 1), 1e-15, "(p - c) / (p + h), c = 1");
    assertEquals(0.0, Newsvendor.criticalRatio(new UnitCosts(1, 1), 2), "handling above p: nothing pays");
  }

  @Test
  void theTargetIsTheQuantileAtTheCriticalRatioAndTheIntegerOptimumNextToIt() {
    // P10/P50/P90 = 4/10/20, p = 3, h = 1: ratio 0.75, Q(0.75) = 10 + (0.25 / 0.4) * 10 = 16.25.
    QuantileDistribution d = QuantileDistribution.ofP10P50P90(4, 10, 20);
    UnitCosts costs = new UnitCosts(3, 1);

    assertEquals(16.25, Newsvendor.targetQuantity(d, costs), 1e-12, "quantile at the critical ratio");
    // F = 0.5 + 0.04 (x - 10) on [10, 20]: the 16th unit earns 3 - 4 * 0.72 = 0.12, the 17th 3 - 4 * 0.76 = -0.04.
    assertEquals(0.12, Newsvendor.marginalProfit(d, costs, 0, 16), 1e-12, "marginal profit of unit 16");
    assertEquals(-0.04, Newsvendor.marginalProfit(d, costs, 0, 17), 1e-12, "marginal profit of unit 17");
    assertEquals(16, Newsvendor.targetUnits(d, costs), "the integer target is the last unit that still earns");
  }

  @Test
  void aUnitWhoseMarginalProfitIsExactlyZeroIsNotPlaced() {
    // p = 3, h = 1: unit 8 earns 3 - 4 * 7.5 / 10 = 0 exactly, so the target is 7, not 8.
    assertEquals(7, Newsvendor.targetUnits(UNIFORM_10, new UnitCosts(3, 1)), "a zero-profit unit stays home");
    // p = 4, h = 1: unit 8 earns 4 - 5 * 0.75 = 0.25, unit 9 earns -0.25.
    assertEquals(8, Newsvendor.targetUnits(UNIFORM_10, new UnitCosts(4, 1)), "target with p = 4, h = 1");
    // c = 1 per unit: unit 6 earns 3 - 5 * 0.55 = 0.25, unit 7 earns -0.25.
    assertEquals(6, Newsvendor.targetUnits(UNIFORM_10, new UnitCosts(4, 1), 1), "target net of handling");
  }

  @Test
  void expectedSalesLeftoverShortageAndFillRateAreExactOnAUniformDemand() {
    // q = 4 on U(0, 10): E[min(D, 4)] = 4 - 4^2 / 20 = 3.2.
    assertEquals(3.2, Newsvendor.expectedSales(UNIFORM_10, 4), 1e-12, "expected sales");
    assertEquals(0.8, Newsvendor.expectedLeftover(UNIFORM_10, 4), 1e-12, "expected leftover = 4 - 3.2");
    assertEquals(1.8, Newsvendor.expectedShortage(UNIFORM_10, 4), 1e-12, "expected shortage = 5 - 3.2");
    assertEquals(0.64, Newsvendor.fillRate(UNIFORM_10, 4), 1e-12, "fill rate = 3.2 / 5");
    assertEquals(4 * 3.2 - 0.8, Newsvendor.expectedProfit(UNIFORM_10, new UnitCosts(4, 1), 0, 4), 1e-12,
        "profit = p sales - h leftover");
    assertEquals(4 * 3.2 - 0.8 - 0.5 * 4, Newsvendor.expectedProfit(UNIFORM_10, new UnitCosts(4, 1), 0.5, 4),
        1e-12, "profit net of a handling cost of 0.5 per unit");
  }

  @Test
  void zeroDemandHasAZeroTargetAndAFullFillRate() {
    QuantileDistribution none = QuantileDistribution.zero();

    assertEquals(0, Newsvendor.targetUnits(none, new UnitCosts(100, 0.01)), "no demand, no units");
    assertEquals(1.0, Newsvendor.fillRate(none, 0), "nothing to serve counts as fully served");
    assertEquals(3.0, Newsvendor.expectedLeftover(none, 3), 1e-15, "all placed units are left over");
  }
}

package io.dropcast.models.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.models.plan.NeighbourhoodCorrelation.Moments;
import org.junit.jupiter.api.Test;

class NeighbourhoodCorrelationTest {
  @Test
  void aGroupsMomentsAreItsCrossProductsOfErrorsAndOfScales() {
    // Errors 1, 2, -1 with scales 1, 2, 1: cross = (1 + 2 - 1)^2 - (1 + 4 + 1) = -2 = 2 (1x2 + 1x-1 + 2x-1);
    // scale cross = (1 + 2 + 1)^2 - (1 + 4 + 1) = 10 = 2 (1x2 + 1x1 + 2x1).
    Moments m = NeighbourhoodCorrelation.group(new double[] {1, 2, -1}, new double[] {1, 2, 1});
    assertEquals(-2.0, m.cross(), 1e-12, "cross products of errors");
    assertEquals(10.0, m.scaleCross(), 1e-12, "cross products of scales");
    assertEquals(1, m.groups());
    assertEquals(new Moments(0, 0, 0), NeighbourhoodCorrelation.group(new double[] {3}, new double[] {1}),
        "one neighbourhood has no cross product");
  }

  @Test
  void thePooledEstimateIsTheRatioOfSummedCrossProductsClampedToTheUnitInterval() {
    // 30 groups of two neighbourhoods with scale 1 each: 15 with errors (1, 1), cross 2; 15 with (1, -0.5), cross
    // -1. Pooled: (15 x 2 - 15 x 1) / (30 x 2) = 0.25.
    Moments m = new Moments(0, 0, 0);
    for (int i = 0; i < 15; i++) {
      m = m.plus(NeighbourhoodCorrelation.group(new double[] {1, 1}, new double[] {1, 1}))
          .plus(NeighbourhoodCorrelation.group(new double[] {1, -0.5}, new double[] {1, 1}));
    }
    assertEquals(30, m.groups());
    assertEquals(0.25, NeighbourhoodCorrelation.estimate(m, 0.9), 1e-12, "pooled estimate");
    assertEquals(0.0, NeighbourhoodCorrelation.estimate(new Moments(-5, 10, 30), 0.9), 0.0, "negative: clamped to 0");
    assertEquals(1.0, NeighbourhoodCorrelation.estimate(new Moments(15, 10, 30), 0.9), 0.0, "above 1: clamped");
  }

  @Test
  void tooFewGroupsOrNoSpreadGiveTheFallback() {
    assertEquals(0.4, NeighbourhoodCorrelation.estimate(new Moments(5, 10, 29), 0.4), 0.0, "29 groups");
    assertEquals(0.4, NeighbourhoodCorrelation.estimate(new Moments(0, 0, 40), 0.4), 0.0, "no spread");
  }
}

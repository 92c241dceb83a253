package io.dropcast.models.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantileDistributionTest {

  // P10 = 4, P50 = 10, P90 = 20: exponential lower tail with theta0 = 0.1 * (10 - 4) / 0.4 = 1.5, upper with
  // thetaN = 0.1 * (20 - 10) / 0.4 = 2.5.
  private static final QuantileDistribution SKEWED = QuantileDistribution.ofP10P50P90(4, 10, 20);

  @Test
  void quantilesAreLinearBetweenTheGivenOnesWithExponentialTails() {
    assertEquals(4 - 1.5 * Math.log(2), SKEWED.quantile(0.05), 1e-12, "exponential tail below P10");
    assertEquals(0.0, SKEWED.quantile(0), "the lower tail is clipped at zero");
    assertEquals(7.0, SKEWED.quantile(0.3), 1e-12, "halfway between P10 and P50");
    assertEquals(15.0, SKEWED.quantile(0.7), 1e-12, "halfway between P50 and P90");
    assertEquals(20 + 2.5 * Math.log(2), SKEWED.quantile(0.95), 1e-12, "exponential tail above P90");
    assertEquals(Double.POSITIVE_INFINITY, SKEWED.quantile(1), "the upper tail is unbounded");
    assertEquals(10.0, SKEWED.p50(), 1e-12, "P50");
    assertEquals(16.0, SKEWED.spread(), 1e-12, "P90 - P10");
  }

  @Test
  void theCdfInvertsTheQuantileFunctionIncludingTheTails() {
    assertEquals(0.0, SKEWED.cdf(-0.1), "nothing below zero");
    assertEquals(0.1 * Math.exp(-1 / 1.5), SKEWED.cdf(3), 1e-12, "lower tail: P(D <= 3) = 0.1 e^(-(4 - 3) / 1.5)");
    assertEquals(0.7, SKEWED.cdf(15), 1e-12, "between P50 and P90");
    assertEquals(1 - 0.1 * Math.exp(-2), SKEWED.cdf(25), 1e-12, "exponential tail: P(D > 25) = 0.1 e^-2");
    for (double u = 0.01; u < 1; u += 0.01) {
      assertEquals(u, SKEWED.cdf(SKEWED.quantile(u)), 1e-9, "cdf(quantile(u)) must be u at u = " + u);
    }
  }

  @Test
  void aLowerTailThatWouldGoNegativeBecomesAPointMassAtZero() {
    // P10 = 1, P50 = 6: theta0 = 0.1 * 5 / 0.4 = 1.25; the tail reaches 0 at level 0.1 e^(-1 / 1.25).
    QuantileDistribution d = QuantileDistribution.ofP10P50P90(1, 6, 11);
    double atZero = 0.1 * Math.exp(-0.8);

    assertEquals(atZero, d.cdf(0), 1e-12, "P(D = 0) is the level where the lower tail crosses 0");
    assertEquals(0.0, d.quantile(atZero * 0.99), "below that level demand is 0");
    assertEquals(1 - 1.25 * Math.log(2), d.quantile(0.05), 1e-12, "above it the exponential tail");
  }

  @Test
  void theMeanAndExpectedMinimumAreExactClosedForms() {
    // Lower tail 0.1 * (4 - 1.5 (1 - e^(-4/1.5))), trapezoids 0.4 * (4 + 10) / 2 + 0.4 * (10 + 20) / 2, upper
    // tail 0.1 * (20 + 2.5).
    assertEquals(0.1 * (4 - 1.5 * (1 - Math.exp(-4 / 1.5))) + 2.8 + 6 + 2.25, SKEWED.mean(), 1e-12,
        "mean of the skewed distribution");

    // Symmetric quantiles far from zero (the clip at zero holds e^(-170/7.5) of the lower tail): mean = median.
    QuantileDistribution symmetric = QuantileDistribution.ofP10P50P90(170, 200, 230);
    assertEquals(200.0, symmetric.mean(), 1e-9, "symmetric quantiles: mean = median");

    QuantileDistribution uniform = QuantileDistribution.uniform(0, 10);
    assertEquals(3.2, uniform.expectedMin(4), 1e-12, "E[min(U(0,10), 4)] = 4 - 16/20");
    assertEquals(5.0, uniform.mean(), 1e-12, "mean of U(0,10)");
    assertEquals(0.0, uniform.expectedMin(0), "nothing sold from zero units");
  }

  @Test
  void theExpectedMinimumAndVarianceAgreeWithNumericIntegrationOfTheQuantileFunction() {
    int steps = 2_000_000;
    for (QuantileDistribution d : new QuantileDistribution[] {SKEWED, QuantileDistribution.ofP10P50P90(1, 6, 11)}) {
      for (double q : new double[] {0.5, 3, 7.3, 10, 18, 23, 40}) {
        double sum = 0;
        for (int i = 0; i < steps; i++) {
          sum += Math.min(d.quantile((i + 0.5) / steps), q);
        }
        assertEquals(sum / steps, d.expectedMin(q), 1e-5, "E[min(D, " + q + ")] by the midpoint rule for " + d);
      }
      double mean = d.mean();
      double squares = 0;
      for (int i = 0; i < steps; i++) {
        double x = d.quantile((i + 0.5) / steps) - mean;
        squares += x * x;
      }
      assertEquals(squares / steps, d.variance(), 1e-3, "variance by the midpoint rule for " + d);
    }
  }

  @Test
  void crossedQuantilesAreRejectedWithTheValuesAndAFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuantileDistribution.ofP10P50P90(5, 4, 9));
    assertTrue(e.getMessage().contains("4.0") && e.getMessage().contains("non-decreasing")
        && e.getMessage().contains("Fix:"), "message must name the value, the rule and a fix, was: " + e.getMessage());

    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> QuantileDistribution.ofP10P50P90(-1, 4, 9));
    assertTrue(negative.getMessage().contains("-1.0"), "message must name the negative value, was: "
        + negative.getMessage());
  }
}

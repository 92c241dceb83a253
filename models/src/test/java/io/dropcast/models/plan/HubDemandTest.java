package io.dropcast.models.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.plan.HubDemand.Share;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HubDemandTest {

  private static final double Z90 = 1.2815515655446004;

  /** A normal distribution's P10, P50 and P90. */
  private static QuantileDistribution normal(double mean, double sigma) {
    return QuantileDistribution.ofP10P50P90(mean - Z90 * sigma, mean, mean + Z90 * sigma);
  }

  @Test
  void aNeighbourhoodSharedHalfAndHalfGivesEachHubHalfItsDemand() {
    // One neighbourhood, uniform demand on [0, 20], served half by each of two hubs.
    QuantileDistribution neighbourhood = QuantileDistribution.uniform(0, 20);
    QuantileDistribution hub = HubDemand.combine(List.of(new Share("n1", 0.5, neighbourhood)));

    assertArrayEquals(new double[] {0, 0.1, 0.5, 0.9, 1}, hub.levels(), "levels: the given 0 and 1 plus P10/50/90");
    assertArrayEquals(new double[] {0, 1, 5, 9, 10}, hub.values(), 1e-12, "every quantile halves");
    assertEquals(5.0, hub.mean(), 1e-12, "the mean halves");

    QuantileDistribution forecast = QuantileDistribution.ofP10P50P90(4, 10, 20);
    QuantileDistribution half = HubDemand.combine(List.of(new Share("n1", 0.5, forecast)));
    for (double u = 0; u < 1; u += 0.05) {
      assertEquals(forecast.quantile(u) / 2, half.quantile(u), 1e-12, "tails halve too, at level " + u);
    }
  }

  @Test
  void normalNeighbourhoodsCombineExactlyForAnyCorrelation() {
    // N(100, 2) + N(200, 3) = N(300, sqrt(13)) when independent; N(300, 5) when perfectly correlated. (Means
    // far from zero, so the clip of the lower tail at zero, e^-40 of it, does not show.)
    List<Share> shares = List.of(new Share("n1", 1, normal(100, 2)), new Share("n2", 1, normal(200, 3)));

    QuantileDistribution independent = HubDemand.combine(shares, 0);
    assertArrayEquals(new double[] {300 - Z90 * Math.sqrt(13), 300, 300 + Z90 * Math.sqrt(13)},
        independent.values(), 1e-9, "independent: sigmas add in quadrature");

    QuantileDistribution correlated = HubDemand.combine(shares, 0.5);
    double sd = Math.sqrt(0.5 * 13 + 0.5 * 25);
    assertEquals(300 + Z90 * sd, correlated.quantile(0.9), 1e-9, "correlation 0.5: var = 0.5 * 13 + 0.5 * 5^2");

    QuantileDistribution comonotone = HubDemand.combine(shares, 1);
    assertArrayEquals(new double[] {300 - Z90 * 5, 300, 300 + Z90 * 5}, comonotone.values(), 1e-9,
        "correlation 1: quantiles add");

    // Weights scale each neighbourhood: 0.5 * N(100, 2) + 0.25 * N(200, 3) = N(100, sqrt(1 + 0.5625)).
    QuantileDistribution weighted = HubDemand.combine(
        List.of(new Share("n1", 0.5, normal(100, 2)), new Share("n2", 0.25, normal(200, 3))));
    assertEquals(100 + Z90 * Math.sqrt(1.5625), weighted.quantile(0.9), 1e-9, "weighted independent P90");
  }

  @Test
  void skewedIndependentNeighbourhoodsStayCloseToASimulation() {
    // Eight independent right-skewed neighbourhoods (P10/P50/P90 = 1/3/7), as small-count demand is.
    QuantileDistribution one = QuantileDistribution.ofP10P50P90(1, 3, 7);
    List<Share> shares = new ArrayList<>();
    for (int n = 0; n < 8; n++) {
      shares.add(new Share("n" + n, 1, one));
    }
    QuantileDistribution approx = HubDemand.combine(shares);

    Random random = new Random(42);
    int samples = 200_000;
    double[] sums = new double[samples];
    for (int s = 0; s < samples; s++) {
      for (int n = 0; n < 8; n++) {
        sums[s] += one.quantile(random.nextDouble());
      }
    }
    Arrays.sort(sums);
    for (double u : new double[] {0.1, 0.5, 0.9}) {
      double simulated = sums[(int) (u * samples)];
      double relative = Math.abs(approx.quantile(u) - simulated) / simulated;
      assertTrue(relative < 0.02, "P" + (int) (u * 100) + " approximated " + approx.quantile(u)
          + " vs simulated " + simulated + ": relative error " + relative);
    }
    assertEquals(8 * one.mean(), approx.mean(), 0.03 * 8 * one.mean(), "the mean stays close to the sum of means");

    // The rule this replaced, sum of medians with spreads in quadrature, puts the median at 8 * 3 = 24.
    double simulatedMedian = sums[samples / 2];
    assertTrue(simulatedMedian > 28, "the fixture must be skewed enough to tell the rules apart: " + simulatedMedian);
  }

  @Test
  void aHubWithoutNeighbourhoodsHasNoDemand() {
    assertEquals(QuantileDistribution.zero(), HubDemand.combine(List.of()), "no catchment, no demand");
    assertEquals(QuantileDistribution.zero(),
        HubDemand.combine(List.of(new Share("n1", 0, normal(10, 2)))), "zero weight, no demand");
  }

  @Test
  void inverseDistanceWeightsSumToOneAndFavourTheNearestHub() {
    Map<String, Double> weights = HubDemand.inverseDistanceWeights(Map.of("h1", 1.0, "h2", 3.0), 1);
    assertEquals(0.75, weights.get("h1"), 1e-12, "1/1 over 1/1 + 1/3");
    assertEquals(0.25, weights.get("h2"), 1e-12, "1/3 over 1/1 + 1/3");

    Map<String, Double> onTop = HubDemand.inverseDistanceWeights(Map.of("h1", 0.0, "h2", 3.0), 2);
    assertEquals(1.0, onTop.get("h1"), "a hub at distance 0 takes the whole neighbourhood");
  }

  @Test
  void aCorrelationOutsideZeroToOneIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HubDemand.combine(List.of(new Share("n1", 1, normal(10, 2))), 1.5));
    assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("[0, 1]"),
        "message must name the value and the range, was: " + e.getMessage());
  }
}

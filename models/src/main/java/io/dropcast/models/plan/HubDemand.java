package io.dropcast.models.plan;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The demand distribution a hub sees for a drop: the weighted sum of the demand of its catchment
 * neighbourhoods, {@code D_hub = sum_n w_n * D_n}, where {@code w_n} is the share of neighbourhood {@code n}'s
 * demand that this hub serves (a neighbourhood served by several hubs splits its demand between them, the
 * weights of one neighbourhood summing to 1 over its hubs) times, where the forecast is per category, the
 * drop's share of that category's demand.
 *
 * <p><b>How the quantiles of the weighted sum are approximated</b> (a Cornish-Fisher rule written in quantile
 * space). Each {@code D_n} is the {@link QuantileDistribution} its quantiles define, with exact mean
 * {@code mu_n} and variance. At each level {@code u}, a component's quantile is split into its mean, a
 * <i>spread</i> part that is odd around the median and a <i>skew</i> part that is even:
 * <pre>
 *   Q_n(u) = mu_n + S_n(u) + A_n(u),   S_n(u) = (Q_n(u) - Q_n(1 - u)) / 2,   A_n(u) = (Q_n(u) + Q_n(1 - u)) / 2 - mu_n
 * </pre>
 * and the parts combine as cumulants do, with {@code rho} in [0, 1] the correlation between neighbourhoods:
 * <pre>
 *   Q(u) = max(0, sum_n w_n mu_n
 *                 + sign(u - 0.5) sqrt((1 - rho) sum_n (w_n S_n(u))^2 + rho (sum_n w_n |S_n(u)|)^2)
 *                 + sum_n w_n A_n(u) ((1 - rho) v_n / sum_k v_k + rho)),      v_n = w_n^2 Var[D_n]
 * </pre>
 * Means add exactly; spreads add like standard deviations (in quadrature when independent); skew parts add
 * with variance weights, which is how the Cornish-Fisher skew term {@code (z^2 - 1) kappa_3 / (6 sigma^2)} of a
 * sum of independent variables adds, so the skew fades as neighbourhoods add up. The rule is
 * <ul>
 *   <li><b>exact for one neighbourhood</b>: {@code w * D} has quantiles {@code w * Q(u)}, so a neighbourhood
 *       shared 0.5/0.5 gives each hub half of every quantile;</li>
 *   <li><b>exact for {@code rho = 1}</b> whatever the shapes: quantiles add (comonotone demand);</li>
 *   <li><b>exact for normal neighbourhoods</b> for any common {@code rho} (no skew part; sigmas combine);</li>
 *   <li>for skewed independent neighbourhoods, close to simulation: eight neighbourhoods with
 *       P10/P50/P90 = 1/3/7 give P10/P50/P90 of 21.1/28.6/38.1 against 20.9/29.0/37.9 in a 200,000-draw
 *       simulation (within 2%, tested). The simpler
 *       "sum the P50s, add spreads in quadrature" puts the median at 24 where the simulation has 29.0, because
 *       the median of a sum of right-skewed variables is well above the sum of their medians.</li>
 * </ul>
 *
 * <p>{@code rho = 0} (independence, the default) gives the narrowest spread. Forecast errors of neighbourhoods
 * of one city on one day are positively correlated in practice, so {@code rho} is a parameter; the plan
 * estimates it from past forecast errors ({@link NeighbourhoodCorrelation}).
 *
 * <p>The result's levels are the components' levels within (0, 1) plus P10, P50 and P90, and levels 0 and 1 when
 * every component gives both (bounded components); its tails follow {@link QuantileDistribution}.
 */
public final class HubDemand {
  private HubDemand() {}

  /** Independence between neighbourhoods. */
  public static final double DEFAULT_CORRELATION = 0.0;

  /**
   * One neighbourhood's contribution to a hub: its demand distribution and the weight (share) of it the hub
   * serves, finite and >= 0.
   */
  public record Share(String neighbourhoodId, double weight, QuantileDistribution demand) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Share {
      PlanErrors.requireId(neighbourhoodId, "neighbourhood");
      PlanErrors.requireFiniteNonNegative(weight, "The weight of neighbourhood '" + neighbourhoodId + "'",
          "give the share of the neighbourhood's demand this hub serves, between 0 and 1");
      Objects.requireNonNull(demand, "demand");
    }
  }

  /** The hub's demand with independent neighbourhoods ({@link #DEFAULT_CORRELATION}). */
  public static QuantileDistribution combine(List<Share> shares) {
    return combine(shares, DEFAULT_CORRELATION);
  }

  /**
   * The hub's demand: the weighted sum of its neighbourhoods' demand, approximated as the class documents.
   * No neighbourhood (or only zero weights) means no demand.
   *
   * @param correlation the correlation between neighbourhoods' demand, within [0, 1]
   */
  public static QuantileDistribution combine(List<Share> shares, double correlation) {
    Objects.requireNonNull(shares, "shares");
    if (!(correlation >= 0 && correlation <= 1)) {
      throw PlanErrors.invalid("Correlation " + correlation + " was given for a hub's demand",
          "it must be within [0, 1] (0 = independent neighbourhoods, 1 = quantiles add)",
          "use 0 unless backtest residuals show a positive correlation");
    }
    List<Share> used = shares.stream().filter(s -> s.weight() > 0).toList();
    if (used.isEmpty()) {
      return QuantileDistribution.zero();
    }
    int n = used.size();
    double[] levels = outputLevels(used);
    double mean = 0;
    double[] variance = new double[n];
    double totalVariance = 0;
    for (int k = 0; k < n; k++) {
      Share s = used.get(k);
      mean += s.weight() * s.demand().mean();
      variance[k] = s.weight() * s.weight() * s.demand().variance();
      totalVariance += variance[k];
    }
    double[] values = new double[levels.length];
    for (int i = 0; i < levels.length; i++) {
      double u = levels[i];
      double sumSquares = 0;
      double sumAbs = 0;
      double skew = 0;
      for (int k = 0; k < n; k++) {
        Share s = used.get(k);
        double upper = s.demand().quantile(u);
        double lower = s.demand().quantile(1 - u);
        double spread = s.weight() * Math.abs(upper - lower) / 2;
        double skewPart = s.weight() * ((upper + lower) / 2 - s.demand().mean());
        double share = totalVariance > 0 ? variance[k] / totalVariance : 1.0 / n;
        sumSquares += spread * spread;
        sumAbs += spread;
        skew += skewPart * ((1 - correlation) * share + correlation);
      }
      double half = Math.sqrt((1 - correlation) * sumSquares + correlation * sumAbs * sumAbs);
      values[i] = Math.max(0, mean + (u < 0.5 ? -half : u > 0.5 ? half : 0) + skew);
    }
    // Rounding can break monotonicity by an ulp where components are flat; restore it.
    for (int i = 1; i < values.length; i++) {
      values[i] = Math.max(values[i], values[i - 1]);
    }
    return QuantileDistribution.of(levels, values);
  }

  private static double[] outputLevels(List<Share> used) {
    TreeSet<Double> levelSet = new TreeSet<>(QuantileDistribution.DEFAULT_LEVELS);
    boolean bounded = true;
    for (Share s : used) {
      double[] lv = s.demand().levels();
      bounded &= lv[0] == 0 && lv[lv.length - 1] == 1;
      for (double u : lv) {
        if (u > 0 && u < 1) {
          levelSet.add(u);
        }
      }
    }
    if (bounded) {
      levelSet.add(0.0);
      levelSet.add(1.0);
    }
    return levelSet.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Splits a neighbourhood's demand between the hubs serving it by inverse distance:
   * {@code w_h = d_h^-power / sum_k d_k^-power}. Hubs at distance 0 share the whole demand equally.
   *
   * @param distanceByHub the distance from the neighbourhood to each hub serving it (finite, >= 0)
   * @param power how fast the share falls with distance (1 = inverse distance, 2 = inverse square)
   * @return the weights, summing to 1, by hub id (sorted)
   */
  public static Map<String, Double> inverseDistanceWeights(Map<String, Double> distanceByHub, double power) {
    Objects.requireNonNull(distanceByHub, "distanceByHub");
    PlanErrors.requireFiniteNonNegative(power, "The inverse-distance power", "use 1 or 2");
    if (distanceByHub.isEmpty()) {
      throw PlanErrors.invalid("A neighbourhood has no hub to split its demand between",
          "weights are only defined for at least one serving hub", "pass the hubs whose catchment holds it");
    }
    TreeMap<String, Double> raw = new TreeMap<>();
    long atZero = distanceByHub.values().stream().filter(d -> d != null && d == 0).count();
    distanceByHub.forEach((hub, d) -> {
      PlanErrors.requireFiniteNonNegative(d == null ? Double.NaN : d, "The distance to hub '" + hub + "'",
          "give the distance in any consistent unit, >= 0");
      raw.put(hub, atZero > 0 ? (d == 0 ? 1.0 : 0.0) : Math.pow(d, -power));
    });
    double total = raw.values().stream().mapToDouble(Double::doubleValue).sum();
    TreeMap<String, Double> weights = new TreeMap<>();
    raw.forEach((hub, w) -> weights.put(hub, w / total));
    return weights;
  }
}

package io.dropcast.models.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A non-negative demand distribution given by a few quantiles (by default P10, P50 and P90), with the
 * quantile function interpolated linearly between them and closed-form expectations.
 *
 * <p><b>Shape.</b> Between two given quantiles {@code (u0, a)} and {@code (u1, b)} the quantile function is the
 * straight line, that is demand is uniform on {@code [a, b]} with probability {@code u1 - u0}. Outside the
 * given levels the tails are exponential, mirror images of each other, each with the density of the adjacent
 * segment at the outermost given quantile (so the quantile function is continuous with a continuous slope there):
 * <ul>
 *   <li><b>upper</b>, above the last level {@code uN} with value {@code vN}:
 *       {@code Q(u) = vN + thetaN ln((1 - uN) / (1 - u))}, {@code thetaN = (1 - uN) * slope of the last segment};
 *       unbounded, as demand is; the mean excess above {@code vN} is {@code thetaN};</li>
 *   <li><b>lower</b>, below the first level {@code u0} with value {@code v0}:
 *       {@code Q(u) = max(0, v0 - theta0 ln(u0 / u))}, {@code theta0 = u0 * slope of the first segment}; the
 *       probability it would put below zero, {@code u0 exp(-v0 / theta0)}, is a point mass at zero.</li>
 * </ul>
 * For P10/P50/P90 of a normal distribution this gives P1 and P99 at 2.02 sigma from the median (the normal has
 * 2.33): lighter than normal but not a hard cut-off, and symmetric quantiles give a symmetric distribution
 * (up to the clip at zero), so mean and median agree. Given levels 0 and 1 make the support bounded:
 * {@code uniform(0, 10)} is levels {0, 1}, values {0, 10}.
 *
 * <p><b>Expectations.</b> {@code E[min(D, q)] = integral over u in [0, 1] of min(Q(u), q)}, integrated exactly
 * segment by segment (trapezoids cut at {@code q}) and in closed form on the exponential tails, so
 * {@link #expectedMin(double)}, {@link #mean()}, {@link #variance()} and {@link #cdf(double)} are exact for the
 * shape above.
 *
 * <p>Immutable and serializable.
 */
public final class QuantileDistribution implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The levels the forecasts publish by default: P10, P50 and P90. */
  public static final List<Double> DEFAULT_LEVELS = List.of(0.1, 0.5, 0.9);

  private static final QuantileDistribution ZERO = pointMass(0);

  private final double[] levels;
  private final double[] values;
  /** The given quantiles, as knots of the quantile function. */
  private final double[] knotU;
  private final double[] knotQ;
  /** Scale of the exponential lower tail on [0, knotU[0]); 0 when the first segment is flat or level 0 given. */
  private final double lowerScale;
  /** Scale of the exponential upper tail on (knotU[last], 1]; 0 when there is no mass above knotQ[last]. */
  private final double upperScale;

  private QuantileDistribution(double[] levels, double[] values) {
    this.levels = levels;
    this.values = values;
    this.knotU = levels;
    this.knotQ = values;
    int n = levels.length;
    this.lowerScale = levels[0] > 0 ? levels[0] * (values[1] - values[0]) / (levels[1] - levels[0]) : 0;
    double lastLevel = levels[n - 1];
    this.upperScale = lastLevel < 1
        ? (1 - lastLevel) * (values[n - 1] - values[n - 2]) / (lastLevel - levels[n - 2])
        : 0;
  }

  /**
   * A distribution from quantile levels (strictly increasing, within [0, 1], at least two) and their values
   * (non-decreasing, finite, >= 0).
   *
   * @throws IllegalArgumentException naming the offending level or value
   */
  public static QuantileDistribution of(double[] levels, double[] values) {
    if (levels == null || values == null || levels.length != values.length || levels.length < 2) {
      throw PlanErrors.invalid(
          "Quantiles " + Arrays.toString(levels) + " -> " + Arrays.toString(values) + " cannot make a distribution",
          "a distribution needs at least two levels and one value per level",
          "pass for example levels {0.1, 0.5, 0.9} with values {P10, P50, P90}");
    }
    for (int i = 0; i < levels.length; i++) {
      if (!(levels[i] >= 0 && levels[i] <= 1) || (i > 0 && !(levels[i] > levels[i - 1]))) {
        throw PlanErrors.invalid("Quantile level " + levels[i] + " (position " + i + " of "
                + Arrays.toString(levels) + ") is out of place",
            "levels must be strictly increasing and within [0, 1]", "sort the levels and drop duplicates");
      }
      if (!(values[i] >= 0) || Double.isInfinite(values[i]) || (i > 0 && values[i] < values[i - 1])) {
        throw PlanErrors.invalid("Quantile value " + values[i] + " at level " + levels[i] + " (values "
                + Arrays.toString(values) + ") is out of place",
            "values must be finite, >= 0 and non-decreasing with the level (no quantile crossing)",
            "clip negative forecasts at 0 and sort crossed quantiles before building the distribution");
      }
    }
    return new QuantileDistribution(levels.clone(), values.clone());
  }

  /** The P10, P50 and P90 of a forecast. */
  public static QuantileDistribution ofP10P50P90(double p10, double p50, double p90) {
    return of(new double[] {0.1, 0.5, 0.9}, new double[] {p10, p50, p90});
  }

  /** Demand uniform on {@code [low, high]} (levels 0 and 1): bounded, handy for hand-worked cases. */
  public static QuantileDistribution uniform(double low, double high) {
    return of(new double[] {0, 1}, new double[] {low, high});
  }

  /** Demand equal to {@code value} with certainty. */
  public static QuantileDistribution pointMass(double value) {
    return of(new double[] {0, 1}, new double[] {value, value});
  }

  /** No demand at all. */
  public static QuantileDistribution zero() {
    return ZERO;
  }

  /** The given levels (a copy). */
  public double[] levels() {
    return levels.clone();
  }

  /** The given values, one per level (a copy). */
  public double[] values() {
    return values.clone();
  }

  /** The quantile function {@code Q(u)}: +infinity at {@code u = 1} when the upper tail is unbounded. */
  public double quantile(double u) {
    if (!(u >= 0 && u <= 1)) {
      throw PlanErrors.invalid("Quantile level " + u + " was asked", "a level is a probability within [0, 1]",
          "pass a level such as 0.5 for the median");
    }
    int last = knotU.length - 1;
    if (u > knotU[last]) {
      if (upperScale == 0) {
        return knotQ[last];
      }
      return u == 1 ? Double.POSITIVE_INFINITY
          : knotQ[last] + upperScale * Math.log((1 - knotU[last]) / (1 - u));
    }
    if (u < knotU[0]) {
      if (lowerScale == 0) {
        return knotQ[0];
      }
      return u == 0 ? 0 : Math.max(0, knotQ[0] - lowerScale * Math.log(knotU[0] / u));
    }
    int i = segmentOfLevel(u);
    if (i == last) {
      return knotQ[last];
    }
    double t = (u - knotU[i]) / (knotU[i + 1] - knotU[i]);
    return knotQ[i] + t * (knotQ[i + 1] - knotQ[i]);
  }

  /** The median, {@code Q(0.5)}. */
  public double p50() {
    return quantile(0.5);
  }

  /** The central 80% spread, {@code Q(0.9) - Q(0.1)}. */
  public double spread() {
    return quantile(0.9) - quantile(0.1);
  }

  /** {@code P(D <= x)}. */
  public double cdf(double x) {
    if (x < 0) {
      return 0;
    }
    if (x < knotQ[0]) {
      // Lower tail: D = max(0, v0 - Y), Y exponential of mean theta0, with probability u0.
      return lowerScale == 0 ? 0 : knotU[0] * Math.exp(-(knotQ[0] - x) / lowerScale);
    }
    int last = knotU.length - 1;
    // The last knot whose value is <= x (values are non-decreasing).
    int i = last;
    while (knotQ[i] > x) {
      i--;
    }
    if (i == last) {
      if (upperScale == 0) {
        return 1;
      }
      return 1 - (1 - knotU[last]) * Math.exp(-(x - knotQ[last]) / upperScale);
    }
    // knotQ[i] <= x < knotQ[i + 1], so the segment is not flat.
    return knotU[i] + (x - knotQ[i]) / (knotQ[i + 1] - knotQ[i]) * (knotU[i + 1] - knotU[i]);
  }

  /** {@code E[min(D, q)]}: expected sales when {@code q} units are placed. 0 for {@code q <= 0}. */
  public double expectedMin(double q) {
    if (q <= 0) {
      return 0;
    }
    double sum = 0;
    double lowerMass = knotU[0];
    if (lowerMass > 0) {
      double v = knotQ[0];
      if (lowerScale == 0) {
        sum += lowerMass * Math.min(v, q);
      } else {
        // Given the lower tail, D = max(0, v + theta ln t) with t uniform on (0, 1]; zero below t = e^(-v/theta).
        double atZero = Math.exp(-v / lowerScale);
        sum += q >= v
            ? lowerMass * (v - lowerScale * (1 - atZero))
            : lowerMass * (q - lowerScale * (Math.exp(-(v - q) / lowerScale) - atZero));
      }
    }
    int last = knotU.length - 1;
    for (int i = 0; i < last; i++) {
      sum += segmentMin(knotU[i], knotQ[i], knotU[i + 1], knotQ[i + 1], q);
    }
    double upperMass = 1 - knotU[last];
    if (upperMass > 0) {
      double v = knotQ[last];
      if (q <= v) {
        sum += upperMass * q;
      } else if (upperScale == 0 || Double.isInfinite(q)) {
        sum += upperMass * (v + upperScale);
      } else {
        // D = v + X with X exponential of mean theta, given that D is in the upper tail.
        sum += upperMass * (v + upperScale * -Math.expm1(-(q - v) / upperScale));
      }
    }
    return sum;
  }

  /** {@code E[D]}. */
  public double mean() {
    return expectedMin(Double.POSITIVE_INFINITY);
  }

  /**
   * {@code Var[D]}, exact for the shape: each segment is uniform on {@code [a, b]}, the upper tail is {@code vN}
   * plus an exponential, the lower tail {@code v0} minus an exponential, clipped at zero.
   */
  public double variance() {
    double mu = mean();
    double m2 = 0;
    double lowerMass = knotU[0];
    if (lowerMass > 0) {
      double a = knotQ[0] - mu;
      if (lowerScale == 0) {
        m2 += lowerMass * a * a;
      } else {
        // D - mu = a - Y on Y < v0 (Y exponential of mean theta), -mu beyond (the point mass at zero). With
        // I_k = integral over [0, v0) of (a - y)^k e^(-y/theta) / theta dy, integration by parts gives
        // I_k = a^k - (-mu)^k e^(-v0/theta) - k theta I_(k-1), and the point mass adds (-mu)^k e^(-v0/theta):
        // the k-th central moment of the tail is a^k - k theta I_(k-1).
        double theta = lowerScale;
        double e = Math.exp(-knotQ[0] / theta);
        double i0 = 1 - e;
        double i1 = a - (-mu) * e - theta * i0;
        m2 += lowerMass * (a * a - 2 * theta * i1);
      }
    }
    int last = knotU.length - 1;
    for (int i = 0; i < last; i++) {
      double mass = knotU[i + 1] - knotU[i];
      double a = knotQ[i] - mu;
      double b = knotQ[i + 1] - mu;
      m2 += mass * (a * a + a * b + b * b) / 3;
    }
    double upperMass = 1 - knotU[last];
    if (upperMass > 0) {
      double v = knotQ[last] - mu;
      double t = upperScale;
      m2 += upperMass * (v * v + 2 * v * t + 2 * t * t);
    }
    return Math.max(0, m2);
  }

  /** {@code integral over [u0, u1] of min(line from (u0, a) to (u1, b), q)}, with a <= b. */
  private static double segmentMin(double u0, double a, double u1, double b, double q) {
    double width = u1 - u0;
    if (q >= b) {
      return width * (a + b) / 2;
    }
    if (q <= a) {
      return width * q;
    }
    double cut = width * (q - a) / (b - a);
    return cut * (a + q) / 2 + (width - cut) * q;
  }

  private int segmentOfLevel(double u) {
    int i = Arrays.binarySearch(knotU, u);
    return i >= 0 ? i : -i - 2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantileDistribution other && Arrays.equals(levels, other.levels)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(levels) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("QuantileDistribution[");
    for (int i = 0; i < levels.length; i++) {
      s.append(i == 0 ? "" : ", ").append('P').append(fmt(levels[i] * 100)).append('=').append(fmt(values[i]));
    }
    return s.append(']').toString();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}

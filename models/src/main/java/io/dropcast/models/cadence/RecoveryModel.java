package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How demand recovers between drops: the demand multiplier of a drop {@code g} days after the previous one,
 * <pre>  m(g) = 1 - dip x exp(-rate x (g - 1)),   g = 1 .. maxGapDays</pre>
 * so {@code dip} is the shortfall of a back-to-back drop (gap 1), {@code rate} how fast it fades per day, and
 * {@code m} tends to 1 at long gaps. Gaps above {@code maxGapDays} count as {@code maxGapDays}.
 *
 * <p><b>Fit.</b> Weighted least squares of {@code ratio = level x m(g)} over the observations, i.e. of
 * {@code ratio = c - d x} with {@code x = exp(-rate (g - 1))}, {@code level = c}, {@code dip = d / c}: for a
 * fixed rate the problem is linear in {@code (c, d)} and solved in closed form under {@code 0 <= dip <= 1};
 * the rate is searched over 241 log-spaced values in [0.01, 20] and refined by golden section around the best
 * (deterministic; a rate of 20 is a step: only gap 1 is hit). The level absorbs a bias of the expected demand,
 * so the multiplier is relative to demand after a long gap.
 *
 * <p>Not identified (flat {@code m = 1}, {@code identified = false}) with fewer than
 * {@link CadenceParams#minRecoveryObservations} observations, or fewer than {@link #MIN_PER_SIDE} observations at
 * gap 1 or at longer gaps: the dip is the contrast between back-to-back and rested drops, so both sides need
 * evidence (one rested drop among a hundred back-to-back ones would otherwise set the whole curve).
 *
 * @param identified whether the curve was fitted
 * @param dip shortfall at gap 1, in [0, 1]
 * @param rate recovery rate per day, >= 0
 * @param level fitted ratio after a long gap (the bias of the expected demand; 1 when not identified)
 * @param observations observations used
 * @param maxGapDays the longest gap told apart
 * @param observationsByGap observations per gap 1..maxGapDays
 * @param meanRatioByGap weighted mean ratio per gap 1..maxGapDays (NaN where none)
 * @param rmse weighted root mean squared error of the fit (NaN when not identified)
 */
public record RecoveryModel(boolean identified, double dip, double rate, double level, int observations,
    int maxGapDays, List<Integer> observationsByGap, List<Double> meanRatioByGap, double rmse)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static final double MIN_RATE = 0.01;
  static final double MAX_RATE = 20;
  private static final int GRID = 241;
  /** Observations needed at gap 1 and at longer gaps for the curve to be fitted. */
  public static final int MIN_PER_SIDE = 3;

  public RecoveryModel {
    observationsByGap = List.copyOf(observationsByGap);
    meanRatioByGap = List.copyOf(meanRatioByGap);
  }

  /** No recovery effect: {@code m(g) = 1} for every gap. */
  public static RecoveryModel flat(int maxGapDays) {
    Integer[] zeros = new Integer[maxGapDays];
    Arrays.fill(zeros, 0);
    Double[] nan = new Double[maxGapDays];
    Arrays.fill(nan, Double.NaN);
    return new RecoveryModel(false, 0, 0, 1, 0, maxGapDays, List.of(zeros), List.of(nan), Double.NaN);
  }

  /** Fits the curve on the observations (any order: the result does not depend on it). */
  public static RecoveryModel fit(List<RecoveryObservation> observations, CadenceParams params) {
    Objects.requireNonNull(observations, "observations");
    int maxGap = params.maxGapDays();
    int n = observations.size();
    // Sufficient statistics per clipped gap: the fit only needs sum w, sum w y, sum w y^2 per gap.
    double[] sw = new double[maxGap];
    double[] swy = new double[maxGap];
    double[] swyy = new double[maxGap];
    int[] count = new int[maxGap];
    // Sorted, so the floating-point sums (and the fit) do not depend on the order the observations come in.
    List<RecoveryObservation> sorted = observations.stream()
        .sorted(java.util.Comparator.comparingInt(RecoveryObservation::gapDays)
            .thenComparingDouble(RecoveryObservation::demandRatio).thenComparingDouble(RecoveryObservation::weight))
        .toList();
    for (RecoveryObservation o : sorted) {
      int g = Math.min(o.gapDays(), maxGap) - 1;
      sw[g] += o.weight();
      swy[g] += o.weight() * o.demandRatio();
      swyy[g] += o.weight() * o.demandRatio() * o.demandRatio();
      count[g]++;
    }
    Integer[] counts = new Integer[maxGap];
    Double[] means = new Double[maxGap];
    int distinct = 0;
    for (int g = 0; g < maxGap; g++) {
      counts[g] = count[g];
      means[g] = count[g] > 0 ? swy[g] / sw[g] : Double.NaN;
      distinct += count[g] > 0 ? 1 : 0;
    }
    int longer = n - count[0];
    if (n < params.minRecoveryObservations() || distinct < 2 || count[0] < MIN_PER_SIDE || longer < MIN_PER_SIDE) {
      return new RecoveryModel(false, 0, 0, 1, n, maxGap, List.of(counts), List.of(means), Double.NaN);
    }
    Fit best = null;
    double[] rates = new double[GRID];
    int bestIndex = 0;
    for (int i = 0; i < GRID; i++) {
      rates[i] = MIN_RATE * Math.pow(MAX_RATE / MIN_RATE, (double) i / (GRID - 1));
      Fit f = fitAt(rates[i], sw, swy, swyy);
      if (best == null || f.sse < best.sse - 1e-12 * (1 + best.sse)) {
        best = f;
        bestIndex = i;
      }
    }
    // Golden section between the grid neighbours of the best rate.
    double lo = rates[Math.max(0, bestIndex - 1)];
    double hi = rates[Math.min(GRID - 1, bestIndex + 1)];
    double phi = (Math.sqrt(5) - 1) / 2;
    double x1 = hi - phi * (hi - lo);
    double x2 = lo + phi * (hi - lo);
    Fit f1 = fitAt(x1, sw, swy, swyy);
    Fit f2 = fitAt(x2, sw, swy, swyy);
    for (int it = 0; it < 60; it++) {
      if (f1.sse <= f2.sse) {
        hi = x2;
        x2 = x1;
        f2 = f1;
        x1 = hi - phi * (hi - lo);
        f1 = fitAt(x1, sw, swy, swyy);
      } else {
        lo = x1;
        x1 = x2;
        f1 = f2;
        x2 = lo + phi * (hi - lo);
        f2 = fitAt(x2, sw, swy, swyy);
      }
    }
    Fit refined = f1.sse <= f2.sse ? f1 : f2;
    if (refined.sse < best.sse) {
      best = refined;
    }
    double totalWeight = Arrays.stream(sw).sum();
    if (!(best.level > 0)) {
      return new RecoveryModel(false, 0, 0, 1, n, maxGap, List.of(counts), List.of(means), Double.NaN);
    }
    double dip = best.dip;
    double rate = dip == 0 ? 0 : best.rate;
    return new RecoveryModel(true, dip, rate, best.level, n, maxGap, List.of(counts), List.of(means),
        Math.sqrt(Math.max(0, best.sse) / totalWeight));
  }

  private record Fit(double rate, double level, double dip, double sse) {}

  /** The constrained least-squares fit of {@code y = c - d x}, {@code x = exp(-rate (g - 1))}, 0 <= d <= c. */
  private static Fit fitAt(double rate, double[] sw, double[] swy, double[] swyy) {
    double s = 0;
    double sx = 0;
    double sxx = 0;
    double sy = 0;
    double sxy = 0;
    double syy = 0;
    double[] x = new double[sw.length];
    for (int g = 0; g < sw.length; g++) {
      x[g] = Math.exp(-rate * g);
      s += sw[g];
      sx += sw[g] * x[g];
      sxx += sw[g] * x[g] * x[g];
      sy += swy[g];
      sxy += swy[g] * x[g];
      syy += swyy[g];
    }
    // Unconstrained: minimise sum w (y - c + d x)^2 -> normal equations in (c, -d).
    double det = s * sxx - sx * sx;
    double c;
    double d;
    if (det > 1e-14 * s * sxx) {
      double slope = (s * sxy - sx * sy) / det; // y = c + slope x, so d = -slope
      c = (sy - slope * sx) / s;
      d = -slope;
    } else {
      c = sy / s;
      d = 0;
    }
    if (d < 0) {
      c = sy / s;
      d = 0;
    } else if (d > c) {
      // dip = 1: y = c (1 - x).
      double u = s - 2 * sx + sxx; // sum w (1 - x)^2
      c = u > 0 ? (sy - sxy) / u : sy / s;
      d = c;
    }
    // sse = sum w (y - c + d x)^2, expanded over the sufficient statistics.
    double sse = syy + c * c * s + d * d * sxx - 2 * c * sy + 2 * d * sxy - 2 * c * d * sx;
    return new Fit(rate, c, c > 0 ? d / c : 0, sse);
  }

  /** The demand multiplier of a drop {@code gapDays} after the previous one (gaps above the maximum clip). */
  public double multiplier(int gapDays) {
    if (gapDays < 1) {
      throw CadenceErrors.invalid("A recovery multiplier was asked for a gap of " + gapDays + " days",
          "gaps are >= 1 day", "ask for the days between two drop-days");
    }
    int g = Math.min(gapDays, maxGapDays);
    return 1 - dip * Math.exp(-rate * (g - 1));
  }

  /** The smallest gap in 1..maxGapDays whose multiplier reaches {@code threshold}; maxGapDays if none does. */
  public int intervalDays(double threshold) {
    for (int g = 1; g <= maxGapDays; g++) {
      if (multiplier(g) >= threshold - 1e-12) {
        return g;
      }
    }
    return maxGapDays;
  }
}

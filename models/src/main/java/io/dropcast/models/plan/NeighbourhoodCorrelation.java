package io.dropcast.models.plan;

import java.io.Serializable;

/**
 * The correlation {@code rho} that {@link HubDemand#combine} uses between a hub's neighbourhoods, estimated from
 * past forecast errors: a pooled moment estimate over groups of neighbourhoods forecast for the same day,
 * category and hub,
 * <pre>  rho = sum over groups of ((sum_i e_i)^2 - sum_i e_i^2) / sum over groups of ((sum_i s_i)^2 - sum_i s_i^2)</pre>
 * with {@code e_i} a neighbourhood's error that day (actual minus forecast mean, less the neighbourhood's mean
 * error over the window, so a series' bias is not mistaken for correlation) and {@code s_i} the standard deviation
 * of its errors over the window. The numerator sums the cross products {@code e_i e_j} of distinct
 * neighbourhoods, whose expectation is {@code rho s_i s_j}; the denominator sums {@code s_i s_j}. Clamped to
 * [0, 1] (the range {@code combine} accepts); the fallback is used below {@link #MIN_GROUPS} groups of two or more
 * neighbourhoods or without spread. Pure.
 */
public final class NeighbourhoodCorrelation {
  private NeighbourhoodCorrelation() {}

  /** Fewest groups (of two or more neighbourhoods) the estimate needs. */
  public static final long MIN_GROUPS = 30;

  /**
   * Summed moments of groups.
   *
   * @param cross sum of {@code (sum e)^2 - sum e^2}
   * @param scaleCross sum of {@code (sum s)^2 - sum s^2}
   * @param groups groups of two or more neighbourhoods
   */
  public record Moments(double cross, double scaleCross, long groups) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Moments plus(Moments o) {
      return new Moments(cross + o.cross, scaleCross + o.scaleCross, groups + o.groups);
    }
  }

  /** The moments of one group: errors and their scales, one per neighbourhood. */
  public static Moments group(double[] errors, double[] scales) {
    if (errors.length != scales.length) {
      throw PlanErrors.invalid(errors.length + " errors and " + scales.length + " scales were given",
          "each neighbourhood of the group has one error and one scale", "pass them in pairs");
    }
    if (errors.length < 2) {
      return new Moments(0, 0, 0);
    }
    double sum = 0;
    double squares = 0;
    double scaleSum = 0;
    double scaleSquares = 0;
    for (int i = 0; i < errors.length; i++) {
      sum += errors[i];
      squares += errors[i] * errors[i];
      scaleSum += scales[i];
      scaleSquares += scales[i] * scales[i];
    }
    return new Moments(sum * sum - squares, scaleSum * scaleSum - scaleSquares, 1);
  }

  /** The estimate, within [0, 1]; {@code fallback} with fewer than {@link #MIN_GROUPS} groups or no spread. */
  public static double estimate(Moments m, double fallback) {
    if (m.groups() < MIN_GROUPS || !(m.scaleCross() > 0)) {
      return fallback;
    }
    return Math.max(0, Math.min(1, m.cross() / m.scaleCross()));
  }
}

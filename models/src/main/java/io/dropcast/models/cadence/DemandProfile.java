package io.dropcast.models.cadence;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Weekday and hour-of-day demand of one group, shrunk towards its category's profile where its own history is
 * thin (empirical Bayes, Gamma-Poisson).
 *
 * <p><b>Weekdays.</b> The orders on the {@code n_w} drop-days of weekday {@code w} are Poisson with mean
 * {@code n_w x rate_w}. The prior of {@code rate_w} is Gamma with mean {@code m_w = L x c_w} and the weight of
 * {@code kappa} drop-days ({@link CadenceParams#weekdayPriorDropDays}), where
 * <ul>
 *   <li>{@code c_w} is the category's weekday multiplier: its own rates {@code (o_w + kappa Lc) / (n_w + kappa)}
 *       over its level {@code Lc = sum o / sum n}, i.e. the category shrunk towards a flat week (all 1 without
 *       a category history);</li>
 *   <li>{@code L = sum o_w / sum (n_w c_w)} is the group's level, the maximum-likelihood scale of the category
 *       shape on the group's own counts.</li>
 * </ul>
 * The posterior is Gamma with shape {@code alpha_w = o_w + kappa m_w} and rate {@code beta_w = n_w + kappa}:
 * mean {@code alpha / beta} orders per drop-day, standard deviation {@code sqrt(alpha) / beta}, relative error
 * {@code 1 / sqrt(alpha)} (reported capped at 1), 90% interval from the Wilson-Hilferty approximation of the
 * Gamma quantiles. A weekday with no drop-day keeps the prior mean. The data weight {@code n_w / (n_w + kappa)}
 * says how much of the estimate is the group's own.
 *
 * <p><b>Hours.</b> Shares {@code p_h = (o_h + kappa_h q_h) / (N + kappa_h)}, with {@code q_h} the category's
 * shares shrunk the same way towards uniform and {@code kappa_h} = {@link CadenceParams#hourPriorOrders}. Weekday
 * and hour are taken as separable (the hour shape is the same every weekday).
 *
 * <p>Lists are indexed Monday first (0 = Monday) and by local hour 0..23.
 *
 * @param category category slug
 * @param hubId hub id ({@code null} for the category across hubs)
 * @param merchantId merchant id ({@code null} above merchant level)
 * @param ordersPerDropDay the group's level {@code L}
 * @param weekdayOrders posterior mean orders per drop-day, 7 values
 * @param weekdayStdError posterior standard deviation, 7 values
 * @param weekdayLower90 5% posterior quantile, 7 values
 * @param weekdayUpper90 95% posterior quantile, 7 values
 * @param weekdayDataWeight {@code n_w / (n_w + kappa)}, 7 values (1 without a prior)
 * @param weekdayConfidence "high", "medium" or "low", 7 values (see {@link CadenceParams})
 * @param dropDaysByWeekday the observed drop-days, 7 values
 * @param hourShares shares of a drop-day's orders by local hour, 24 values summing to 1
 * @param orders orders in the group's history
 * @param drops drops in the group's history
 * @param firstDay first drop-day of the history
 * @param lastDay last drop-day of the history
 */
public record DemandProfile(String category, String hubId, String merchantId, double ordersPerDropDay,
    List<Double> weekdayOrders, List<Double> weekdayStdError, List<Double> weekdayLower90,
    List<Double> weekdayUpper90, List<Double> weekdayDataWeight, List<String> weekdayConfidence,
    List<Integer> dropDaysByWeekday, List<Double> hourShares, long orders, int drops, LocalDate firstDay,
    LocalDate lastDay) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Confidence labels, best first. */
  public static final String HIGH = "high";
  public static final String MEDIUM = "medium";
  public static final String LOW = "low";

  /** The standard normal quantile at 0.95, for the 90% interval. */
  static final double Z95 = 1.6448536269514722;

  public DemandProfile {
    weekdayOrders = List.copyOf(weekdayOrders);
    weekdayStdError = List.copyOf(weekdayStdError);
    weekdayLower90 = List.copyOf(weekdayLower90);
    weekdayUpper90 = List.copyOf(weekdayUpper90);
    weekdayDataWeight = List.copyOf(weekdayDataWeight);
    weekdayConfidence = List.copyOf(weekdayConfidence);
    dropDaysByWeekday = List.copyOf(dropDaysByWeekday);
    hourShares = List.copyOf(hourShares);
  }

  /**
   * Fits the profile of {@code history}, shrunk towards {@code categoryPrior} (the same category across hubs;
   * {@code null} for a flat prior).
   *
   * @throws IllegalArgumentException when the history has no drop-day at all (nothing to scale the prior by)
   */
  public static DemandProfile fit(DemandHistory history, DemandHistory categoryPrior, CadenceParams params) {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(params, "params");
    if (categoryPrior != null && !categoryPrior.category().equals(history.category())) {
      throw CadenceErrors.invalid("The prior of category '" + history.category() + "' is the history of category '"
              + categoryPrior.category() + "'", "a group shrinks towards its own category",
          "pass the history of '" + history.category() + "' across hubs as the prior");
    }
    if (history.dropDays() == 0) {
      throw CadenceErrors.invalid("The history of category '" + history.category() + "' at hub '"
              + history.hubId() + "' has no drop-day", "a demand level needs at least one observed drop-day",
          "skip the group, or recommend from the category's history across hubs");
    }
    double kappa = params.weekdayPriorDropDays();
    double[] shape = categoryWeekdayShape(categoryPrior, kappa);
    double[] o = new double[7];
    double[] n = new double[7];
    double weighted = 0;
    double total = 0;
    for (int w = 0; w < 7; w++) {
      o[w] = history.ordersByWeekday().get(w);
      n[w] = history.dropDaysByWeekday().get(w);
      weighted += n[w] * shape[w];
      total += o[w];
    }
    double level = total / weighted;
    List<Double> mean = new ArrayList<>(7);
    List<Double> sd = new ArrayList<>(7);
    List<Double> lower = new ArrayList<>(7);
    List<Double> upper = new ArrayList<>(7);
    List<Double> dataWeight = new ArrayList<>(7);
    List<String> label = new ArrayList<>(7);
    for (int w = 0; w < 7; w++) {
      double prior = level * shape[w];
      double alpha = o[w] + kappa * prior;
      double beta = n[w] + kappa;
      double m = beta > 0 ? alpha / beta : prior;
      double s = beta > 0 ? Math.sqrt(alpha) / beta : prior;
      mean.add(m);
      sd.add(s);
      lower.add(beta > 0 ? gammaQuantile(alpha, beta, -Z95) : 0.0);
      upper.add(beta > 0 ? gammaQuantile(alpha, beta, Z95) : 2 * prior);
      double weight = beta > 0 ? n[w] / beta : 0;
      dataWeight.add(weight);
      double relativeError = beta > 0 ? relativeError(alpha) : 1;
      label.add(label(relativeError, weight, n[w], params));
    }
    return new DemandProfile(history.category(), history.hubId(), history.merchantId(), level, mean, sd, lower,
        upper, dataWeight, label, history.dropDaysByWeekday(), hourShares(history, categoryPrior,
        params.hourPriorOrders()), history.orders(), history.drops(), history.firstDay(), history.lastDay());
  }

  /** The category's weekday multipliers, shrunk towards a flat week; all 1 without a category history. */
  static double[] categoryWeekdayShape(DemandHistory category, double kappa) {
    double[] shape = new double[7];
    java.util.Arrays.fill(shape, 1.0);
    if (category == null || category.dropDays() == 0 || category.orders() == 0) {
      return shape;
    }
    double level = (double) category.orders() / category.dropDays();
    for (int w = 0; w < 7; w++) {
      double beta = category.dropDaysByWeekday().get(w) + kappa;
      if (beta > 0) {
        shape[w] = (category.ordersByWeekday().get(w) + kappa * level) / beta / level;
      }
    }
    return shape;
  }

  private static List<Double> hourShares(DemandHistory history, DemandHistory category, double kappa) {
    double[] q = new double[24];
    java.util.Arrays.fill(q, 1.0 / 24);
    if (category != null && category.orders() + kappa > 0) {
      double denominator = category.orders() + kappa;
      for (int h = 0; h < 24; h++) {
        q[h] = (category.ordersByHour().get(h) + kappa / 24) / denominator;
      }
    }
    double denominator = history.orders() + kappa;
    double[] p = new double[24];
    for (int h = 0; h < 24; h++) {
      p[h] = denominator > 0 ? (history.ordersByHour().get(h) + kappa * q[h]) / denominator : q[h];
    }
    return CadenceErrors.toList(p);
  }

  /** {@code 1 / sqrt(alpha)}, the coefficient of variation of a Gamma of shape alpha, capped at 1. */
  static double relativeError(double alpha) {
    return alpha >= 1 ? 1 / Math.sqrt(alpha) : 1.0;
  }

  /** Wilson-Hilferty: the Gamma(alpha, beta) quantile at normal quantile z, at least 0. */
  static double gammaQuantile(double alpha, double beta, double z) {
    if (alpha <= 0) {
      return 0;
    }
    double c = 1 / (9 * alpha);
    double t = 1 - c + z * Math.sqrt(c);
    return t <= 0 ? 0 : alpha / beta * t * t * t;
  }

  static String label(double relativeError, double dataWeight, double dropDays, CadenceParams p) {
    if (relativeError <= p.highConfidenceMaxRelativeError() && dataWeight >= 0.5) {
      return HIGH;
    }
    if (relativeError <= p.mediumConfidenceMaxRelativeError() && dropDays >= 1) {
      return MEDIUM;
    }
    return LOW;
  }

  /** Posterior relative error of an ISO weekday, capped at 1. */
  public double relativeError(int isoWeekday) {
    int w = isoWeekday - 1;
    double m = weekdayOrders.get(w);
    return m > 0 ? Math.min(1, weekdayStdError.get(w) / m) : 1;
  }

  /** Expected orders per drop-day of an ISO weekday, less {@code penalty} posterior standard deviations (>= 0). */
  public double score(int isoWeekday, double penalty) {
    int w = isoWeekday - 1;
    return Math.max(0, weekdayOrders.get(w) - penalty * weekdayStdError.get(w));
  }

  /**
   * The shortest run of hours in {@code [opensHour, closesHour)}, at least {@code minHours} long, holding at
   * least {@code coverage} of the hour shares inside those hours; among runs of that length the one with the
   * most demand, then the earliest.
   */
  public ReleaseWindow releaseWindow(double coverage, int minHours, int opensHour, int closesHour) {
    if (opensHour < 0 || closesHour > 24 || closesHour <= opensHour) {
      throw CadenceErrors.invalid("Opening hours " + opensHour + ".." + closesHour + " were given",
          "a window lies within one local day: 0 <= opensHour < closesHour <= 24",
          "pass the hub's opening hours as whole local hours, closing hour exclusive");
    }
    double[] p = CadenceErrors.toArray(hourShares);
    double open = 0;
    for (int h = opensHour; h < closesHour; h++) {
      open += p[h];
    }
    double target = coverage * open * (1 - 1e-12);
    int span = closesHour - opensHour;
    for (int length = Math.min(minHours, span); length <= span; length++) {
      int bestStart = -1;
      double best = -1;
      for (int s = opensHour; s + length <= closesHour; s++) {
        double mass = 0;
        for (int h = s; h < s + length; h++) {
          mass += p[h];
        }
        if (mass > best + 1e-15) {
          best = mass;
          bestStart = s;
        }
      }
      if (best >= target) {
        return new ReleaseWindow(bestStart, bestStart + length, best, open > 0 ? best / open : 1);
      }
    }
    throw new AssertionError("the whole opening span always covers the target");
  }

  /**
   * A release window in local hours.
   *
   * @param startHour first hour, inclusive
   * @param endHour last hour, exclusive
   * @param dayShare share of a drop-day's orders inside the window
   * @param openShare share of the orders inside opening hours that fall in the window
   */
  public record ReleaseWindow(int startHour, int endHour, double dayShare, double openShare)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public int hours() {
      return endHour - startHour;
    }
  }

  /**
   * Expected orders by hour of a window on a weekday: {@code weekdayOrders[w] x hourShares[h] x multiplier}
   * for {@code h} in {@code [startHour, endHour)}.
   */
  public double[] hourlyOrders(int isoWeekday, int startHour, int endHour, double multiplier) {
    double[] out = new double[endHour - startHour];
    double day = weekdayOrders.get(isoWeekday - 1) * multiplier;
    for (int h = startHour; h < endHour; h++) {
      out[h - startHour] = day * hourShares.get(h);
    }
    return out;
  }
}

package io.dropcast.act;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pure rules of who to notify of a drop: rank the candidate neighbourhoods, cap the audience at the stock,
 * and shrink a neighbourhood's channel uplift towards its category's. No Spark; exact-value tests.
 */
public final class PushTargeting {
  private PushTargeting() {}

  /** A neighbourhood that could be notified: its expected demand for the drop and the notification's uplift. */
  public record Candidate(String neighbourhood, double expectedDemand, double uplift) {
    public double expectedDemandNotified() {
      return expectedDemand * uplift;
    }
  }

  /** A ranked candidate: rank 1.., whether it is in the audience, and the cumulative expected demand. */
  public record Target(Candidate candidate, int rank, boolean notified, double cumulativeExpectedDemand) {}

  /**
   * Ranks by expected demand when notified (expected demand x uplift), highest first, ties by neighbourhood; the
   * audience is the longest prefix of the ranking whose cumulative expected demand stays within
   * {@code unitsPlaced}: it stops at the first neighbourhood that would take it above the units placed (no
   * notifying people for stock that is not there), and every later one is not notified either. A neighbourhood
   * with no expected demand is ranked but never notified.
   */
  public static List<Target> rankAndCap(List<Candidate> candidates, double unitsPlaced) {
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingDouble(Candidate::expectedDemandNotified).reversed()
        .thenComparing(Candidate::neighbourhood));
    List<Target> out = new ArrayList<>(sorted.size());
    double cumulative = 0;
    boolean open = true;
    for (int i = 0; i < sorted.size(); i++) {
      Candidate c = sorted.get(i);
      cumulative += c.expectedDemandNotified();
      open = open && cumulative <= unitsPlaced;
      out.add(new Target(c, i + 1, open && c.expectedDemandNotified() > 0, cumulative));
    }
    return out;
  }

  /**
   * A neighbourhood's channel effect shrunk towards its category's on the log scale:
   * {@code exp((m log own + k log category) / (m + k))}, where {@code m} is the neighbourhood's evidence (the
   * smaller of its drops with and without the channel; 0 when its own fit does not identify the effect) and
   * {@code k} the prior weight in drops. With {@code m = 0} it is the category's effect.
   */
  public static double shrink(double own, int evidence, double category, double priorDrops) {
    if (evidence <= 0) {
      return category;
    }
    double m = evidence;
    return Math.exp((m * Math.log(own) + priorDrops * Math.log(category)) / (m + priorDrops));
  }
}

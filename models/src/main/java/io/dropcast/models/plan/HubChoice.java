package io.dropcast.models.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which hub a neighbourhood's customers pick a drop up at, given the hubs the drop is offered at: a multinomial
 * logit (Luce) choice model with one attraction {@code v(h)} per hub,
 * <pre>  P(h | offered at E) = v(h) / sum over h' in E of v(h')</pre>
 * fitted by maximum likelihood on past drops (each an <i>occasion</i>: the hubs it was offered at and the
 * neighbourhood's pickups at each), with the MM algorithm of Hunter (2004, "MM algorithms for generalized
 * Bradley-Terry models"):
 * <pre>  v(h) <- W(h) / sum over occasions k with h in E_k of N_k / sum over h' in E_k of v(h')</pre>
 * ({@code W(h)} the pickups at {@code h}, {@code N_k} the pickups of occasion {@code k}), which increases the
 * likelihood at every step. A prior of {@code prior} pickups on one occasion offering every hub of the
 * neighbourhood, shared by the catchment's distance weights, keeps every catchment hub's attraction positive and
 * gives a neighbourhood without pickups its distance weights.
 *
 * <p>Why not the share of pickups at each hub: a hub that customers use only when their nearest hub is not
 * offered gets a share of their pickups, but almost none of a drop offered at both. The attractions, unlike the
 * shares, are conditional on what was offered. Attractions are returned normalised to sum to 1; only their ratios
 * within an offer matter.
 */
public final class HubChoice {
  private HubChoice() {}

  /** Iterations of the MM algorithm at most. */
  public static final int MAX_ITERATIONS = 10_000;

  /** The algorithm stops when no attraction (they sum to 1) moves by more than this in one iteration. */
  public static final double TOLERANCE = 1e-14;

  /**
   * One past drop seen from one neighbourhood: the hubs it was offered at (among the neighbourhood's) and the
   * neighbourhood's pickups at each (hubs without pickups may be left out).
   */
  public record Occasion(List<String> offered, Map<String, Double> pickups) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Occasion {
      offered = List.copyOf(new TreeSet<>(offered));
      pickups = Map.copyOf(pickups);
      for (Map.Entry<String, Double> e : pickups.entrySet()) {
        PlanErrors.requireFiniteNonNegative(e.getValue(), "Pickups at hub '" + e.getKey() + "'",
            "count the neighbourhood's pickup orders of the drop at the hub");
        if (e.getValue() > 0 && !offered.contains(e.getKey())) {
          throw PlanErrors.invalid("An occasion has pickups at hub '" + e.getKey() + "', which it does not offer",
              "a drop can only be picked up where it is offered", "add the hub to the offered hubs");
        }
      }
    }
  }

  /**
   * The attraction of each hub, summing to 1, by hub id: hubs of {@code distanceWeights} and hubs offered on
   * some occasion. A hub with neither pickups nor a distance weight gets 0.
   *
   * @param distanceWeights the catchment's distance weights of the neighbourhood, >= 0
   * @param prior the prior's weight, in pickups, >= 0
   */
  public static Map<String, Double> fit(List<Occasion> occasions, Map<String, Double> distanceWeights,
      double prior) {
    Objects.requireNonNull(occasions, "occasions");
    Objects.requireNonNull(distanceWeights, "distanceWeights");
    PlanErrors.requireFiniteNonNegative(prior, "The prior weight", "give it in pickups, >= 0");
    TreeSet<String> hubSet = new TreeSet<>(distanceWeights.keySet());
    occasions.forEach(o -> hubSet.addAll(o.offered()));
    List<String> hubs = new ArrayList<>(hubSet);
    int n = hubs.size();
    double distanceTotal = distanceWeights.values().stream().mapToDouble(Double::doubleValue).sum();
    // Occasions as index arrays; the prior is one more occasion offering the catchment's hubs.
    List<int[]> sets = new ArrayList<>();
    List<Double> totals = new ArrayList<>();
    double[] wins = new double[n];
    for (Occasion o : occasions) {
      double total = o.pickups().values().stream().mapToDouble(Double::doubleValue).sum();
      if (total <= 0) {
        continue; // no choice was made: no information
      }
      sets.add(o.offered().stream().mapToInt(hubs::indexOf).toArray());
      totals.add(total);
      o.pickups().forEach((h, c) -> wins[hubs.indexOf(h)] += c);
    }
    if (prior > 0 && distanceTotal > 0) {
      List<Integer> priorSet = new ArrayList<>();
      for (int h = 0; h < n; h++) {
        double w = distanceWeights.getOrDefault(hubs.get(h), 0.0);
        if (w > 0) {
          priorSet.add(h);
          wins[h] += prior * w / distanceTotal;
        }
      }
      sets.add(priorSet.stream().mapToInt(Integer::intValue).toArray());
      totals.add(prior);
    }
    double[] v = new double[n];
    double winTotal = 0;
    for (double w : wins) {
      winTotal += w;
    }
    Map<String, Double> out = new TreeMap<>();
    if (winTotal <= 0) {
      hubs.forEach(h -> out.put(h, 0.0));
      return out;
    }
    for (int h = 0; h < n; h++) {
      v[h] = wins[h] / winTotal;
    }
    double[] denominator = new double[n];
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      java.util.Arrays.fill(denominator, 0);
      for (int k = 0; k < sets.size(); k++) {
        int[] set = sets.get(k);
        double offered = 0;
        for (int h : set) {
          offered += v[h];
        }
        if (offered <= 0) {
          continue;
        }
        for (int h : set) {
          denominator[h] += totals.get(k) / offered;
        }
      }
      double[] next = new double[n];
      double sum = 0;
      for (int h = 0; h < n; h++) {
        next[h] = denominator[h] > 0 ? wins[h] / denominator[h] : 0;
        sum += next[h];
      }
      double change = 0;
      for (int h = 0; h < n; h++) {
        next[h] /= sum;
        change = Math.max(change, Math.abs(next[h] - v[h]));
      }
      v = next;
      if (change <= TOLERANCE) {
        break;
      }
    }
    for (int h = 0; h < n; h++) {
      out.put(hubs.get(h), v[h]);
    }
    return out;
  }
}

package io.dropcast.models.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simple rules the optimiser must beat, returning the same {@link Plan} (expected outcomes and reasons
 * computed from the same demand distributions), so an evaluation compares like with like.
 *
 * <p>Both ignore demand forecasts and costs, and place drops one after the other in id order, each taking
 * the capacity left by the drops before it. A pair's reason is {@code demand_bound} when the rule happens to hit
 * the newsvendor target, {@code capacity_bound}/{@code stock_bound} when below it with the hub full/the stock
 * all placed, and {@code policy} otherwise.
 */
public final class PlanBaselines {
  private PlanBaselines() {}

  /** The {@link Plan#method()} of {@link #equalSplit}. */
  public static final String EQUAL_SPLIT = "equal-split";

  /** The {@link Plan#method()} of {@link #salesShareSplit}. */
  public static final String SALES_SHARE = "sales-share";

  /** A hub's share of a drop's recent sales (any non-negative scale: shares are normalised per drop). */
  public record SalesShare(String dropId, String hubId, double share) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SalesShare {
      Objects.requireNonNull(dropId, "dropId");
      Objects.requireNonNull(hubId, "hubId");
      PlanErrors.requireFiniteNonNegative(share, "The sales share of drop '" + dropId + "' at hub '" + hubId + "'",
          "give recent sales (units or a fraction), >= 0");
    }
  }

  /**
   * Each drop's stock split equally between its eligible hubs, within the capacity left at each: every hub
   * with room gets {@code floor(stock / hubs)}; what a full hub cannot take and the remainder are split again
   * between the hubs with room, the last units one each to the hubs of lowest id.
   */
  public static Plan equalSplit(AllocationProblem problem) {
    PlanningIndex ix = PlanningIndex.of(problem);
    long[] room = roomOfHubs(ix);
    int[] units = new int[ix.pairCount()];
    for (int d = 0; d < ix.drops.size(); d++) {
      int[] pairs = ix.pairsOfDrop[d];
      double[] equal = new double[pairs.length];
      Arrays.fill(equal, 1);
      apportion(ix, pairs, equal, ix.drops.get(d).stock(), room, units);
    }
    return ix.plan(EQUAL_SPLIT, units, 0, 0);
  }

  /**
   * Each drop's stock split in proportion to its hubs' shares of recent sales (largest remainders, ties to the
   * lowest hub id), within the capacity left at each; what a full hub cannot take is split again between the
   * hubs with room and a positive share. Hubs with no share get nothing; a drop without any share at its
   * eligible hubs is split equally. Shares for pairs that are not eligible are ignored.
   */
  public static Plan salesShareSplit(AllocationProblem problem, List<SalesShare> shares) {
    Objects.requireNonNull(shares, "shares");
    PlanningIndex ix = PlanningIndex.of(problem);
    Map<Integer, Double> shareByPair = new HashMap<>();
    for (SalesShare s : shares) {
      int p = ix.pairOf(s.dropId(), s.hubId());
      if (p >= 0 && shareByPair.put(p, s.share()) != null) {
        throw PlanErrors.invalid("Two sales shares are given for drop '" + s.dropId() + "' at hub '" + s.hubId()
            + "'", "a pair has one share", "aggregate recent sales per (drop, hub) before the split");
      }
    }
    long[] room = roomOfHubs(ix);
    int[] units = new int[ix.pairCount()];
    for (int d = 0; d < ix.drops.size(); d++) {
      int[] pairs = ix.pairsOfDrop[d];
      double[] weight = new double[pairs.length];
      double total = 0;
      for (int k = 0; k < pairs.length; k++) {
        weight[k] = shareByPair.getOrDefault(pairs[k], 0.0);
        total += weight[k];
      }
      if (total == 0) {
        Arrays.fill(weight, 1);
      }
      apportion(ix, pairs, weight, ix.drops.get(d).stock(), room, units);
    }
    return ix.plan(SALES_SHARE, units, 0, 0);
  }

  private static long[] roomOfHubs(PlanningIndex ix) {
    long[] room = new long[ix.hubs.size()];
    for (int h = 0; h < room.length; h++) {
      room[h] = ix.hubs.get(h).capacity();
    }
    return room;
  }

  /**
   * Places up to {@code stock} units over {@code pairs} (one drop's, in hub id order) in proportion to
   * {@code weight}, by largest remainders, within {@code room}; repeats with what full hubs could not take over
   * the hubs with room and a positive weight, until the stock is placed or no such hub is left.
   */
  private static void apportion(PlanningIndex ix, int[] pairs, double[] weight, long stock, long[] room,
      int[] units) {
    long left = stock;
    while (left > 0) {
      List<Integer> open = new ArrayList<>();
      double total = 0;
      for (int k = 0; k < pairs.length; k++) {
        if (weight[k] > 0 && room[ix.pairHub[pairs[k]]] > 0) {
          open.add(k);
          total += weight[k];
        }
      }
      if (open.isEmpty()) {
        return;
      }
      long[] give = new long[open.size()];
      double[] remainder = new double[open.size()];
      long given = 0;
      for (int i = 0; i < open.size(); i++) {
        double quota = left * weight[open.get(i)] / total;
        give[i] = (long) Math.floor(quota);
        remainder[i] = quota - give[i];
        given += give[i];
      }
      // Largest remainders first, ties to the lowest hub id (open is in hub id order; the sort is stable).
      List<Integer> byRemainder = new ArrayList<>();
      for (int i = 0; i < open.size(); i++) {
        byRemainder.add(i);
      }
      byRemainder.sort((a, b) -> Double.compare(remainder[b], remainder[a]));
      for (int r = 0; r < left - given && r < byRemainder.size(); r++) {
        give[byRemainder.get(r)]++;
      }
      for (int i = 0; i < open.size(); i++) {
        int pair = pairs[open.get(i)];
        int hub = ix.pairHub[pair];
        long placed = Math.min(give[i], room[hub]);
        units[pair] += (int) placed;
        room[hub] -= placed;
        left -= placed;
      }
    }
  }
}

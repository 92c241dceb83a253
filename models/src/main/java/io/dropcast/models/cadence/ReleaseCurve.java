package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Release-relative demand: {@code shares[k]} is the share of a drop's orders placed {@code k} whole hours after
 * the latest release before them (0 = within the first hour after it), learnt from past drops. Where the
 * weekday x hour profile spreads a drop's demand over its window, this curve keeps the rush of orders right after
 * each release, so the planner sees it and can stagger or delay releases.
 *
 * <p><b>Planned demand under a batching</b> ({@link #demandByHour}): a drop whose window of {@code H} hours
 * expects {@code total} units in all, released in batches {@code b} of {@code u_b} units (shares
 * {@code w_b = u_b / U}) at window offsets {@code o_b}, is planned to demand in window hour {@code h}
 * <pre>  demand_h = total x sum over b with o_b <= h of w_b x shares[h - o_b] / S_H,   S_H = sum over k < H of shares[k]</pre>
 * Each batch draws its share of the drop's demand on the curve from its own release, so a single release at the
 * window start gives exactly {@code total} over the window; a later release loses the curve's tail past the
 * window's end (the demand it would draw after the window closes). Offsets past the curve's last hour draw 0.
 *
 * @param shares one share per hour since the release, each finite and >= 0, summing to 1 (within 1e-6), the
 *     first > 0 (orders come right after a release)
 * @param drops past drops the curve was learnt from, >= 1 (evidence)
 */
public record ReleaseCurve(List<Double> shares, long drops) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ReleaseCurve {
    shares = CadenceErrors.nonNegativeList(shares, -1, "The release curve's shares",
        "pass the share of past drops' orders placed 0, 1, 2, ... whole hours after the latest release");
    double sum = shares.stream().mapToDouble(Double::doubleValue).sum();
    if (shares.isEmpty() || Math.abs(sum - 1) > 1e-6) {
      throw CadenceErrors.invalid("The release curve's shares " + shares + " sum to " + sum,
          "they are the shares of past drops' orders by whole hours since the latest release and sum to 1",
          "divide the orders counted per hour since release by all of them");
    }
    if (!(shares.get(0) > 0)) {
      throw CadenceErrors.invalid("The release curve's first share is " + shares.get(0),
          "a release is followed by orders in its first hour, so the share at 0 hours is > 0",
          "learn the curve from drops with orders (at least one in the first hour after a release)");
    }
    if (drops < 1) {
      throw CadenceErrors.invalid("A release curve learnt from " + drops + " drops was given",
          "a curve is learnt from at least one past drop", "leave the curve out (null) where no drop had orders");
    }
  }

  /**
   * Fills {@code out[0..hours-1]} with the planned demand of a drop expecting {@code total} units over its window
   * of {@code hours} hours, released as {@code count} batches at {@code offsets} with {@code units} (see the class
   * comment). No allocation: the planner's search calls it for every candidate.
   */
  public void demandByHour(double total, int hours, int[] offsets, int[] units, int count, double[] out) {
    java.util.Arrays.fill(out, 0, hours, 0);
    double released = 0;
    for (int b = 0; b < count; b++) {
      released += units[b];
    }
    if (!(released > 0) || !(total > 0)) {
      return;
    }
    double window = 0;
    for (int k = 0; k < Math.min(hours, shares.size()); k++) {
      window += shares.get(k);
    }
    for (int b = 0; b < count; b++) {
      double scale = total * units[b] / released / window;
      for (int h = offsets[b]; h < hours && h - offsets[b] < shares.size(); h++) {
        out[h] += scale * shares.get(h - offsets[b]);
      }
    }
  }

  /** {@link #demandByHour(double, int, int[], int[], int, double[])} for a list of batches, as a new list. */
  public List<Double> demandByHour(double total, int hours, List<Batch> batches) {
    int n = batches.size();
    int[] offsets = new int[n];
    int[] units = new int[n];
    for (int b = 0; b < n; b++) {
      offsets[b] = batches.get(b).hourOffset();
      units[b] = batches.get(b).units();
    }
    double[] out = new double[hours];
    demandByHour(total, hours, offsets, units, n, out);
    List<Double> list = new ArrayList<>(hours);
    for (double d : out) {
      list.add(d);
    }
    return list;
  }

  /**
   * The curve from order counts by whole hours since the latest release (the last count may hold the orders at
   * that many hours or later).
   */
  public static ReleaseCurve fromCounts(List<Long> ordersByHoursSinceRelease, long drops) {
    long total = ordersByHoursSinceRelease.stream().mapToLong(Long::longValue).sum();
    if (total <= 0) {
      throw CadenceErrors.invalid("A release curve was asked from " + ordersByHoursSinceRelease + " orders",
          "the curve is the share of orders by hours since release and needs at least one order",
          "leave the curve out (null) where past drops had no orders");
    }
    List<Double> shares = new ArrayList<>(ordersByHoursSinceRelease.size());
    for (long c : ordersByHoursSinceRelease) {
      shares.add((double) c / total);
    }
    return new ReleaseCurve(shares, drops);
  }
}

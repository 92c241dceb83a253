package io.dropcast.models.cadence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses how to split a drop's units into micro-release batches: the number of batches, their sizes and their
 * release hours, minimising
 * <pre>  cost = overCapacityWeight x sum_t max(0, pickups_t - capacity_t)
 *        + unmetDemandWeight x unmet demand + sellOutTimeWeight x time to sell out</pre>
 * with every candidate scored by the fluid {@link SellThroughSimulator} on the expected demand: as given, or, with
 * a {@link ReleaseCurve}, the demand the candidate's own releases draw.
 *
 * <p><b>Search space</b> (exhaustive, so the optimum over it is exact), for a window of {@code H} hours and
 * {@code U} units:
 * <ul>
 *   <li>batch count {@code n = 1 .. min(maxBatches, H, U)} ({@code maxBatches <= 4});</li>
 *   <li>release offsets {@code 0 = o_1 < o_2 < ... < o_n <= H - 1}, whole hours (the first batch opens the
 *       window): {@code C(H - 1, n - 1)} choices; with {@code latestFirstRelease = L > 0} (the
 *       {@link HubDayPlanner}'s staggering) the first release may also wait, {@code 0 <= o_1 <= L}, and the demand
 *       before it finds no stock;</li>
 *   <li>sizes: batches 1..n-1 are positive multiples of {@code step = ceil(U / sizeSteps)}, the last takes the
 *       rest ({@code >= 1}): at most {@code C(sizeSteps, n - 1)} choices.</li>
 * </ul>
 * Each candidate costs {@code O(H + delays)}, so a plan costs
 * {@code O(sum over n of C(H-1, n-1) C(sizeSteps, n-1) (H + delays))}: for an 8-hour window, 4 batches and
 * 20 steps 37,640 simulations (about 4 ms once the JIT is warm); for a whole 24-hour day 1.76 million (about
 * 0.4 s), so the job should keep windows to the hours that matter.
 *
 * <p><b>Ties</b> (costs within {@code 1e-9} relative) go, in order, to fewer batches, to sizes closer to equal
 * (smaller sum of squared deviations from {@code U / n}), to earlier releases, to a larger first batch: the
 * result is unique and does not depend on the enumeration. Deterministic; no state.
 */
public final class BatchPlanner {
  private BatchPlanner() {}

  /**
   * The cheapest plan for {@code units} units.
   *
   * @param demandByHour expected units demanded per hour of the window
   * @param capacityByHour pick/pack capacity for this drop per hour from the window start (see
   *     {@link DropScenario#capacityByHour})
   */
  public static BatchPlan plan(int units, List<Double> demandByHour, List<Double> capacityByHour,
      PickupModel pickup, BatchingParams params) {
    return plan(units, demandByHour, capacityByHour, pickup, params, 0);
  }

  /**
   * The cheapest plan for {@code units} units whose first release may wait up to {@code latestFirstRelease}
   * hours after the window start (0: it opens the window, as {@link #plan(int, List, List, PickupModel,
   * BatchingParams)}).
   */
  public static BatchPlan plan(int units, List<Double> demandByHour, List<Double> capacityByHour,
      PickupModel pickup, BatchingParams params, int latestFirstRelease) {
    return plan(units, demandByHour, capacityByHour, pickup, params, latestFirstRelease, null);
  }

  /**
   * The cheapest plan when the demand follows the releases: with a {@code release} curve, every candidate is
   * scored on the demand it draws ({@link ReleaseCurve#demandByHour}, {@code sum(demandByHour)} units over the
   * window), so a later batch brings its own rush of orders; {@code null} scores every candidate on
   * {@code demandByHour} as given.
   */
  public static BatchPlan plan(int units, List<Double> demandByHour, List<Double> capacityByHour,
      PickupModel pickup, BatchingParams params, int latestFirstRelease, ReleaseCurve release) {
    Objects.requireNonNull(params, "params");
    if (latestFirstRelease < 0) {
      throw CadenceErrors.invalid("A batch plan was asked with its first release at most " + latestFirstRelease
          + " hours after the window start", "the first release is 0 or more whole hours into the window",
          "pass 0 to open the window with the first batch");
    }
    if (units < 1) {
      throw CadenceErrors.invalid("A batch plan was asked for " + units + " units",
          "a drop releases at least one unit", "plan only drops with units to release");
    }
    // Validates the inputs once, with the single release as the scenario.
    DropScenario single = new DropScenario(demandByHour, List.of(new Batch(0, units)), capacityByHour, pickup,
        params.backlogShare());
    FluidEngine engine = new FluidEngine(CadenceErrors.toArray(single.demandByHour()),
        CadenceErrors.toArray(single.capacityByHour()), pickup, params.backlogShare());
    if (release != null) {
      engine.releaseRelative(release, engine.totalDemand);
    }
    int hours = engine.hours;
    Search search = new Search(engine, params, units, Math.min(latestFirstRelease, hours - 1));
    int maxN = Math.min(params.maxBatches(), Math.min(hours, units));
    int step = (units + params.sizeSteps() - 1) / params.sizeSteps();
    for (int n = 1; n <= maxN; n++) {
      if ((long) step * (n - 1) + 1 > units) {
        break;
      }
      search.n = n;
      search.offsetsFrom(0, 0, step);
    }
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < search.bestN; b++) {
      batches.add(new Batch(search.bestOffsets[b], search.bestUnits[b]));
    }
    engine.run(search.bestOffsets, search.bestUnits, search.bestN);
    SimulationResult expected = engine.result();
    engine.run(new int[] {0}, new int[] {units}, 1);
    return new BatchPlan(batches, search.bestCost, expected, engine.result(), search.evaluated);
  }

  /** The enumeration state and the incumbent. */
  private static final class Search {
    final FluidEngine engine;
    final BatchingParams params;
    final int units;
    final int latestFirst;
    final int[] offsets = new int[BatchingParams.MAX_BATCHES];
    final int[] sizes = new int[BatchingParams.MAX_BATCHES];
    int n;
    long evaluated;
    int bestN;
    final int[] bestOffsets = new int[BatchingParams.MAX_BATCHES];
    final int[] bestUnits = new int[BatchingParams.MAX_BATCHES];
    double bestCost = Double.POSITIVE_INFINITY;

    Search(FluidEngine engine, BatchingParams params, int units, int latestFirst) {
      this.engine = engine;
      this.params = params;
      this.units = units;
      this.latestFirst = latestFirst;
    }

    void offsetsFrom(int index, int earliest, int step) {
      if (index == n) {
        sizesFrom(0, units, step);
        return;
      }
      // Leave room for the batches after this one; the first waits at most latestFirst hours.
      int latest = engine.hours - (n - index);
      if (index == 0) {
        latest = Math.min(latest, latestFirst);
      }
      for (int o = earliest; o <= latest; o++) {
        offsets[index] = o;
        offsetsFrom(index + 1, o + 1, step);
      }
    }

    void sizesFrom(int index, int left, int step) {
      if (index == n - 1) {
        sizes[index] = left;
        evaluate();
        return;
      }
      int later = n - 1 - index; // batches after this one, each needing >= step (the last >= 1)
      int max = left - (later - 1) * step - 1;
      for (int s = max / step * step; s >= step; s -= step) {
        sizes[index] = s;
        sizesFrom(index + 1, left - s, step);
      }
    }

    void evaluate() {
      evaluated++;
      engine.run(offsets, sizes, n);
      double cost = engine.cost(params);
      if (better(cost)) {
        bestCost = cost;
        bestN = n;
        System.arraycopy(offsets, 0, bestOffsets, 0, n);
        System.arraycopy(sizes, 0, bestUnits, 0, n);
      }
    }

    private boolean better(double cost) {
      double tolerance = 1e-9 * (1 + Math.abs(bestCost));
      if (bestN == 0 || cost < bestCost - tolerance) {
        return true;
      }
      if (cost > bestCost + tolerance) {
        return false;
      }
      if (n != bestN) {
        return n < bestN;
      }
      double imbalance = imbalance(sizes, n);
      double bestImbalance = imbalance(bestUnits, n);
      if (imbalance != bestImbalance) {
        return imbalance < bestImbalance;
      }
      for (int b = 0; b < n; b++) {
        if (offsets[b] != bestOffsets[b]) {
          return offsets[b] < bestOffsets[b];
        }
      }
      for (int b = 0; b < n; b++) {
        if (sizes[b] != bestUnits[b]) {
          return sizes[b] > bestUnits[b];
        }
      }
      return false;
    }

    private double imbalance(int[] s, int count) {
      double mean = (double) units / count;
      double sum = 0;
      for (int b = 0; b < count; b++) {
        sum += (s[b] - mean) * (s[b] - mean);
      }
      return sum;
    }
  }
}

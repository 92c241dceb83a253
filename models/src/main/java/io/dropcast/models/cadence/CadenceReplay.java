package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Scores a recommended batching against the one actually used, on past drops: for each drop the planner plans
 * on the demand the model expected before the drop ({@code plannedDemandByHour}, from a profile fitted on
 * earlier data only: the caller keeps the replay free of look-ahead), and both plans are then run by the same
 * fluid {@link SellThroughSimulator} against what happened ({@code outcomeDemandByHour}: realised demand, or the
 * latent demand of the generated world, which is not cut by sell-outs). Same drop, same units, same window,
 * same capacity: only the batching differs.
 *
 * <p>Scores: sell-through (sold over released, summed over drops), unmet demand, pickups over capacity (summed
 * over hours and drops), the largest hourly excess and load ratio, mean time to sell out. Drops are processed in
 * id order, so sums do not depend on the order they arrive in.
 */
public final class CadenceReplay {
  private CadenceReplay() {}

  /** The cadence names of {@link ReplayScore#cadence}. */
  public static final String RECOMMENDED = "recommended";
  public static final String HISTORICAL = "historical";

  /**
   * One past drop to replay.
   *
   * @param dropId drop id
   * @param units units the drop released
   * @param plannedDemandByHour expected units per window hour, from data before the drop
   * @param outcomeDemandByHour realised (or latent) units demanded per window hour; same length
   * @param capacityByHour pick/pack capacity left for the drop per hour from the window start
   * @param historicalBatches the batches actually used, offsets within the window
   */
  public record ReplayDrop(String dropId, int units, List<Double> plannedDemandByHour,
      List<Double> outcomeDemandByHour, List<Double> capacityByHour, List<Batch> historicalBatches)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReplayDrop {
      Objects.requireNonNull(dropId, "dropId");
      plannedDemandByHour = List.copyOf(plannedDemandByHour);
      outcomeDemandByHour = List.copyOf(outcomeDemandByHour);
      capacityByHour = List.copyOf(capacityByHour);
      historicalBatches = List.copyOf(historicalBatches);
      if (plannedDemandByHour.size() != outcomeDemandByHour.size()) {
        throw CadenceErrors.invalid("Drop '" + dropId + "' has " + plannedDemandByHour.size()
                + " hours of planned demand and " + outcomeDemandByHour.size() + " of outcome demand",
            "both cover the same window", "cut both to the drop's window hours");
      }
      int total = historicalBatches.stream().mapToInt(Batch::units).sum();
      if (total != units) {
        throw CadenceErrors.invalid("Drop '" + dropId + "' released " + units + " units but its batches hold "
                + total, "the replay compares two ways of releasing the same units",
            "pass units = the sum of units_released over the drop's batches");
      }
    }
  }

  /** The two courses of one drop. */
  public record DropReplay(String dropId, List<Batch> recommendedBatches, SimulationResult recommended,
      SimulationResult historical) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DropReplay {
      recommendedBatches = List.copyOf(recommendedBatches);
    }
  }

  /**
   * One cadence over all replayed drops.
   *
   * @param cadence {@link #RECOMMENDED} or {@link #HISTORICAL}
   * @param drops drops replayed
   * @param unitsReleased units over all drops
   * @param unitsSold units sold
   * @param sellThrough {@code unitsSold / unitsReleased}
   * @param demand units demanded
   * @param unmetDemand demand that found no stock
   * @param overCapacityPickups pickups above capacity, summed over hours and drops
   * @param peakExcessPickupsPerHour the largest hourly excess over capacity of any drop
   * @param peakLoadRatio the largest hourly pickups / capacity of any drop
   * @param meanSellOutHours mean hours to sell out (window length for drops that did not)
   * @param soldOutDrops drops that sold every unit
   */
  public record ReplayScore(String cadence, int drops, double unitsReleased, double unitsSold, double sellThrough,
      double demand, double unmetDemand, double overCapacityPickups, double peakExcessPickupsPerHour,
      double peakLoadRatio, double meanSellOutHours, int soldOutDrops) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The comparison, a row of {@code cadence_evaluation}.
   *
   * @param overCapacityReduction {@code 1 - recommended / historical} pickups over capacity (0 when neither
   *     overloads, negative when the recommendation overloads more)
   * @param sellThroughChange recommended minus historical sell-through
   */
  public record ReplayComparison(ReplayScore recommended, ReplayScore historical, double overCapacityReduction,
      double sellThroughChange, List<DropReplay> drops) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReplayComparison {
      drops = List.copyOf(drops);
    }

    /**
     * The target: pickups over capacity cut by at least {@code minReduction} (0.5 for "by half") and a
     * sell-through not lower than the historical one (up to {@code 1e-9}).
     */
    public boolean meetsTarget(double minReduction) {
      return overCapacityReduction >= minReduction && sellThroughChange >= -1e-9;
    }
  }

  /** Replays every drop with the planner's batching and with its historical one. */
  public static ReplayComparison compare(List<ReplayDrop> drops, PickupModel pickup, BatchingParams params) {
    Objects.requireNonNull(pickup, "pickup");
    Objects.requireNonNull(params, "params");
    List<ReplayDrop> sorted = new ArrayList<>(drops);
    sorted.sort(Comparator.comparing(ReplayDrop::dropId));
    List<DropReplay> out = new ArrayList<>();
    List<SimulationResult> recommended = new ArrayList<>();
    List<SimulationResult> historical = new ArrayList<>();
    for (ReplayDrop d : sorted) {
      BatchPlan plan = BatchPlanner.plan(d.units(), d.plannedDemandByHour(), d.capacityByHour(), pickup, params);
      SimulationResult rec = replay(d, plan.batches(), pickup, params.backlogShare());
      SimulationResult hist = replay(d, d.historicalBatches(), pickup, params.backlogShare());
      out.add(new DropReplay(d.dropId(), plan.batches(), rec, hist));
      recommended.add(rec);
      historical.add(hist);
    }
    ReplayScore r = score(RECOMMENDED, recommended);
    ReplayScore h = score(HISTORICAL, historical);
    double reduction = h.overCapacityPickups() > 0 ? 1 - r.overCapacityPickups() / h.overCapacityPickups()
        : r.overCapacityPickups() > 0 ? Double.NEGATIVE_INFINITY : 0;
    return new ReplayComparison(r, h, reduction, r.sellThrough() - h.sellThrough(), out);
  }

  /** The course of a drop under a given batching, against its outcome demand. */
  public static SimulationResult replay(ReplayDrop d, List<Batch> batches, PickupModel pickup,
      double backlogShare) {
    return SellThroughSimulator.simulate(new DropScenario(d.outcomeDemandByHour(), batches, d.capacityByHour(),
        pickup, backlogShare));
  }

  /** Sums the courses of one cadence. */
  public static ReplayScore score(String cadence, List<SimulationResult> results) {
    double released = 0;
    double sold = 0;
    double demand = 0;
    double unmet = 0;
    double over = 0;
    double peakExcess = 0;
    double peakRatio = 0;
    double sellOut = 0;
    int soldOut = 0;
    for (SimulationResult r : results) {
      released += r.unitsReleased();
      sold += r.sold();
      demand += r.demand();
      unmet += r.unmet();
      over += r.overCapacityPickups();
      peakExcess = Math.max(peakExcess, r.peakExcessPickupsPerHour());
      peakRatio = Math.max(peakRatio, r.peakLoadRatio());
      sellOut += r.sellOutHours();
      soldOut += r.soldOut() ? 1 : 0;
    }
    int n = results.size();
    return new ReplayScore(cadence, n, released, sold, released > 0 ? sold / released : 1, demand, unmet, over,
        peakExcess, peakRatio, n > 0 ? sellOut / n : 0, soldOut);
  }
}

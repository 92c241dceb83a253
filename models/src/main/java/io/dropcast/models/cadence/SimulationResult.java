package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.List;

/**
 * The expected course of one drop (see {@link SellThroughSimulator}). Hours of {@code salesByHour} are the
 * window's; hours of {@code pickupsByHour} and {@code capacityByHour} run from the window start to the last
 * hour a pickup can fall in (window length + delays - 1).
 *
 * @param unitsReleased units of all batches
 * @param demand units demanded over the window
 * @param sold units sold
 * @param unmet demand that found no stock ({@code demand - sold})
 * @param sellThrough {@code sold / unitsReleased} (1 when nothing was released)
 * @param soldOut whether every unit sold
 * @param sellOutHours hours from the window start to the last sale, or the window length if units remain
 * @param salesByHour units sold per window hour
 * @param pickupsByHour expected pickups per hour at the hub
 * @param capacityByHour the pick/pack capacity of each of those hours
 * @param peakPickupsPerHour the largest hourly pickups
 * @param peakHour the first hour (from the window start) with the peak
 * @param overCapacityPickups {@code sum over hours of max(0, pickups - capacity)}
 * @param peakExcessPickupsPerHour {@code max over hours of max(0, pickups - capacity)}
 * @param peakLoadRatio {@code max over hours of pickups / capacity} (infinite where capacity is 0 under load)
 */
public record SimulationResult(double unitsReleased, double demand, double sold, double unmet, double sellThrough,
    boolean soldOut, double sellOutHours, List<Double> salesByHour, List<Double> pickupsByHour,
    List<Double> capacityByHour, double peakPickupsPerHour, int peakHour, double overCapacityPickups,
    double peakExcessPickupsPerHour, double peakLoadRatio) implements Serializable {
  private static final long serialVersionUID = 1L;

  public SimulationResult {
    salesByHour = List.copyOf(salesByHour);
    pickupsByHour = List.copyOf(pickupsByHour);
    capacityByHour = List.copyOf(capacityByHour);
  }

  /** The batch planner's cost of this course under the given weights. */
  public double cost(BatchingParams p) {
    return p.overCapacityWeight() * overCapacityPickups + p.unmetDemandWeight() * unmet
        + p.sellOutTimeWeight() * sellOutHours;
  }
}

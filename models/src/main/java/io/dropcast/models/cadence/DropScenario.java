package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One drop to simulate: demand by hour of its window, its batches, the hub's pick/pack capacity and the
 * pickup model.
 *
 * @param demandByHour expected units demanded in each hour of the window (uniform within the hour); the window
 *     is {@code demandByHour.size()} hours long, at least 1
 * @param batches the releases, each inside the window (sorted by offset here)
 * @param capacityByHour pickups the hub can serve for this drop in each hour from the window start; pickups
 *     continue after the window, and hours past the end of the list take its last value; at least one value
 * @param pickup the pickup delay and units per pickup
 * @param backlogShare share of the demand that finds no stock and buys at the next release instead, in [0, 1]
 */
public record DropScenario(List<Double> demandByHour, List<Batch> batches, List<Double> capacityByHour,
    PickupModel pickup, double backlogShare) implements Serializable {
  private static final long serialVersionUID = 1L;

  public DropScenario {
    demandByHour = CadenceErrors.nonNegativeList(demandByHour, -1, "The demand by hour",
        "pass the expected units demanded in each hour of the window, 0 where none");
    if (demandByHour.isEmpty()) {
      throw CadenceErrors.invalid("The demand by hour is empty", "a window is at least one hour long",
          "pass one value per hour of the window");
    }
    batches = batches.stream().sorted(Comparator.comparingInt(Batch::hourOffset)).toList();
    for (Batch b : batches) {
      if (b.hourOffset() >= demandByHour.size()) {
        throw CadenceErrors.invalid("A batch of " + b.units() + " units is released at hour offset "
                + b.hourOffset(), "the window has " + demandByHour.size() + " hours (offsets 0.."
                + (demandByHour.size() - 1) + ")", "release every batch inside the window");
      }
    }
    capacityByHour = CadenceErrors.nonNegativeList(capacityByHour, -1, "The pick/pack capacity by hour",
        "pass the pickups per hour the hub can serve, less its other load");
    if (capacityByHour.isEmpty()) {
      throw CadenceErrors.invalid("The pick/pack capacity by hour is empty", "the simulator compares load with it",
          "pass at least one value (a constant capacity)");
    }
    Objects.requireNonNull(pickup, "pickup");
    if (!(backlogShare >= 0 && backlogShare <= 1)) {
      throw CadenceErrors.invalid("The backlog share is " + backlogShare, "it is a share within [0, 1]",
          "pass BatchingParams.backlogShare");
    }
  }

  /** The window length in hours. */
  public int hours() {
    return demandByHour.size();
  }
}

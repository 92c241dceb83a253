package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.List;

/**
 * When sold units come to the hub for pick/pack: {@code delayShares[j]} of the orders sold in an hour are picked
 * in the {@code j}-th hour after it (0 = the same hour), and one pickup carries {@code unitsPerPickup} units on
 * average (units per order).
 *
 * @param delayShares shares summing to 1, at least one, each finite and >= 0
 * @param unitsPerPickup average units per order, > 0
 */
public record PickupModel(List<Double> delayShares, double unitsPerPickup) implements Serializable {
  private static final long serialVersionUID = 1L;

  public PickupModel {
    delayShares = CadenceErrors.nonNegativeList(delayShares, -1, "The pickup delay shares",
        "pass the share of pickups in the same hour, the next hour, ... from the orders' picked_up_at");
    double sum = delayShares.stream().mapToDouble(Double::doubleValue).sum();
    if (delayShares.isEmpty() || Math.abs(sum - 1) > 1e-9) {
      throw CadenceErrors.invalid("The pickup delay shares " + delayShares + " sum to " + sum,
          "they are a distribution over hours of delay and must sum to 1",
          "normalise the counts of pickups by delay hour by their total");
    }
    CadenceErrors.requirePositive(unitsPerPickup, "Units per pickup",
        "pass the average units per order (1 when demand is counted in orders)");
  }

  /** Every order is picked in the hour it is sold, one unit each. */
  public static PickupModel sameHour() {
    return new PickupModel(List.of(1.0), 1.0);
  }
}

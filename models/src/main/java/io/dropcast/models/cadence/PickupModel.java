package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.List;

/**
 * When sold units come to the hub for pick/pack: {@code delayShares[j]} of the orders sold in an hour are picked
 * at the hub in the {@code j}-th hour after it (0 = the same hour), and one order carries {@code unitsPerPickup}
 * units on average (units per order). The shares sum to at most 1: the rest never reaches the hub's pick/pack
 * within these hours (courier and shipping orders, no-shows, pickups on a later day).
 *
 * @param delayShares shares summing to a value in [0, 1] (0: nothing is picked at the hub), at least one, each finite and >= 0
 * @param unitsPerPickup average units per order, > 0
 */
public record PickupModel(List<Double> delayShares, double unitsPerPickup) implements Serializable {
  private static final long serialVersionUID = 1L;

  public PickupModel {
    delayShares = CadenceErrors.nonNegativeList(delayShares, -1, "The pickup delay shares",
        "pass the share of pickups in the same hour, the next hour, ... from the orders' picked_up_at");
    double sum = delayShares.stream().mapToDouble(Double::doubleValue).sum();
    if (delayShares.isEmpty() || sum > 1 + 1e-9) {
      throw CadenceErrors.invalid("The pickup delay shares " + delayShares + " sum to " + sum,
          "they are the shares of sold orders picked at the hub 0, 1, 2, ... hours later and must sum to a value "
              + "in [0, 1] (the rest is never picked there in these hours)",
          "divide the counts of hub pickups by delay hour by the number of orders sold");
    }
    CadenceErrors.requirePositive(unitsPerPickup, "Units per pickup",
        "pass the average units per order (1 when demand is counted in orders)");
  }

  /** Share of the sold orders picked at the hub within the modelled hours. */
  public double pickedShare() {
    return delayShares.stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Every order is picked in the hour it is sold, one unit each. */
  public static PickupModel sameHour() {
    return new PickupModel(List.of(1.0), 1.0);
  }
}

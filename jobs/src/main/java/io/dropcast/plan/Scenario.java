package io.dropcast.plan;

import io.dropcast.errors.Errors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A what-if's overrides of the plan's inputs. Every field is optional (null or empty: as in production).
 *
 * @param name the scenario name (null for the production plan)
 * @param capacityByHub capacity in units, by hub
 * @param capacityFactor multiplies every hub's capacity (after capacityByHub), rounded down
 * @param stockFactor multiplies every drop's units available, rounded down
 * @param shortageCost shortage cost p for every category
 * @param leftoverCost leftover cost h for every category
 */
public record Scenario(String name, Map<String, Integer> capacityByHub, Double capacityFactor,
    Double stockFactor, Double shortageCost, Double leftoverCost) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The production plan: no override. */
  public static final Scenario NONE = new Scenario(null, Map.of(), null, null, null, null);

  public Scenario {
    capacityByHub = Map.copyOf(capacityByHub);
    if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw Errors.badArgument("--scenario", name, "a scenario name is 1-64 letters, digits, '_', '.' or '-', "
          + "starting with a letter or digit", "use a name such as tight-hubs or low-stock");
    }
    requirePositive("--capacity-factor", capacityFactor);
    requirePositive("--stock-factor", stockFactor);
    requireNonNegative("--shortage-cost", shortageCost);
    requireNonNegative("--leftover-cost", leftoverCost);
    capacityByHub.forEach((hub, units) -> {
      if (units < 0) {
        throw Errors.badArgument("--capacity", hub + "=" + units, "a capacity is a count of units, >= 0",
            "give --capacity HUB=UNITS with UNITS >= 0");
      }
    });
    if (name == null && (!capacityByHub.isEmpty() || capacityFactor != null
        || stockFactor != null || shortageCost != null || leftoverCost != null)) {
      throw Errors.badArgument("--scenario", "(missing)",
          "overrides never change the production plan: they need a scenario name",
          "add --scenario NAME, which writes to hub_prepositioning_scenario");
    }
  }

  public boolean isProduction() {
    return name == null;
  }

  /** A scenario's capacity for a hub whose configured capacity is {@code capacity}. */
  int capacity(String hubId, int capacity) {
    int c = capacityByHub.getOrDefault(hubId, capacity);
    return capacityFactor == null ? c : (int) Math.floor(c * capacityFactor);
  }

  int stock(int stock) {
    return stockFactor == null ? stock : (int) Math.floor(stock * stockFactor);
  }

  /** The overrides as written to the scenario table, for example "capacity-factor=0.8, stock-factor=0.9". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(capacityByHub).forEach((hub, units) -> parts.add("capacity " + hub + "=" + units));
    if (capacityFactor != null) {
      parts.add("capacity-factor=" + capacityFactor);
    }
    if (stockFactor != null) {
      parts.add("stock-factor=" + stockFactor);
    }
    if (shortageCost != null) {
      parts.add("shortage-cost=" + shortageCost);
    }
    if (leftoverCost != null) {
      parts.add("leftover-cost=" + leftoverCost);
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static void requirePositive(String option, Double v) {
    if (v != null && !(v > 0 && v < 1e9)) {
      throw Errors.badArgument(option, String.format(Locale.ROOT, "%s", v), "the value must be a number > 0",
          "give a positive number");
    }
  }

  private static void requireNonNegative(String option, Double v) {
    if (v != null && !(v >= 0 && v < 1e9)) {
      throw Errors.badArgument(option, String.format(Locale.ROOT, "%s", v), "the value must be a number >= 0",
          "give a number >= 0");
    }
  }
}

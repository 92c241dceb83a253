package io.dropcast.models.plan;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One day's prepositioning problem (for one city or cluster of hubs): the drops to place, the hubs with their
 * capacity for the day, and the demand distribution of every eligible (drop, hub) pair.
 *
 * <p>Validated on construction: ids unique and non-blank, every eligible hub known, exactly one demand per
 * eligible pair and none for a pair that is not eligible. The order of the lists does not matter: planners
 * work in id order, so the same problem in any order gives the same plan. Serializable, so a Spark job can
 * build one per group and solve it on an executor.
 */
public record AllocationProblem(List<Drop> drops, List<Hub> hubs, List<PairDemand> demands)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A drop: {@code stock} units of one SKU to place, the hubs where it may be picked up and its unit costs
   * (resolved from its category with {@link CategoryCosts#forCategory}).
   */
  public record Drop(String id, String category, int stock, UnitCosts costs, List<String> eligibleHubs)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public Drop {
      PlanErrors.requireId(id, "drop");
      Objects.requireNonNull(costs, "costs");
      if (stock < 0) {
        throw PlanErrors.invalid("Drop '" + id + "' has stock " + stock, "stock is a count of units, >= 0",
            "check the drop's units_available");
      }
      eligibleHubs = List.copyOf(Objects.requireNonNull(eligibleHubs, "eligibleHubs"));
      if (new HashSet<>(eligibleHubs).size() != eligibleHubs.size()) {
        throw PlanErrors.invalid("Drop '" + id + "' lists eligible hubs " + eligibleHubs,
            "a hub appears more than once", "list each eligible hub once");
      }
    }
  }

  /**
   * A hub: its capacity in units for the day, shared by all drops, and an optional handling or transfer cost
   * per unit placed there (0 when none).
   */
  public record Hub(String id, int capacity, double handlingCostPerUnit) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Hub {
      PlanErrors.requireId(id, "hub");
      if (capacity < 0) {
        throw PlanErrors.invalid("Hub '" + id + "' has capacity " + capacity,
            "capacity is a count of units, >= 0", "check the hub's capacity for the day");
      }
      PlanErrors.requireFiniteNonNegative(handlingCostPerUnit, "The handling cost per unit of hub '" + id + "'",
          "set it to a number >= 0, 0 when there is none");
    }

    /** A hub without handling cost. */
    public Hub(String id, int capacity) {
      this(id, capacity, 0);
    }
  }

  /** The demand distribution a hub sees for a drop (see {@link HubDemand}). */
  public record PairDemand(String dropId, String hubId, QuantileDistribution demand) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PairDemand {
      Objects.requireNonNull(dropId, "dropId");
      Objects.requireNonNull(hubId, "hubId");
      Objects.requireNonNull(demand, "demand");
    }
  }

  public AllocationProblem {
    drops = List.copyOf(Objects.requireNonNull(drops, "drops"));
    hubs = List.copyOf(Objects.requireNonNull(hubs, "hubs"));
    demands = List.copyOf(Objects.requireNonNull(demands, "demands"));
    Set<String> hubIds = new HashSet<>();
    for (Hub h : hubs) {
      if (!hubIds.add(h.id())) {
        throw PlanErrors.invalid("Hub '" + h.id() + "' appears twice in the problem",
            "a hub has one capacity per day", "deduplicate the hubs of the day before planning");
      }
    }
    Map<String, Set<String>> eligible = new HashMap<>();
    for (Drop d : drops) {
      if (eligible.put(d.id(), new HashSet<>(d.eligibleHubs())) != null) {
        throw PlanErrors.invalid("Drop '" + d.id() + "' appears twice in the problem",
            "a drop has one stock", "deduplicate the drops of the day before planning");
      }
      for (String h : d.eligibleHubs()) {
        if (!hubIds.contains(h)) {
          throw PlanErrors.invalid("Drop '" + d.id() + "' lists eligible hub '" + h
                  + "', which is not among the " + hubs.size() + " hubs of this problem",
              "a drop can only be placed at a hub whose capacity is known",
              "add the hub (with its capacity) to the problem or remove it from the drop's eligible hubs");
        }
      }
    }
    Set<String> seen = new HashSet<>();
    for (PairDemand pd : demands) {
      Set<String> hubsOfDrop = eligible.get(pd.dropId());
      if (hubsOfDrop == null || !hubsOfDrop.contains(pd.hubId())) {
        throw PlanErrors.invalid("A demand is given for drop '" + pd.dropId() + "' at hub '" + pd.hubId() + "'",
            hubsOfDrop == null ? "there is no such drop in the problem" : "the drop is not eligible at that hub",
            "give demands only for the eligible (drop, hub) pairs of the problem");
      }
      if (!seen.add(pd.dropId() + '\u0000' + pd.hubId())) {
        throw PlanErrors.invalid("Two demands are given for drop '" + pd.dropId() + "' at hub '" + pd.hubId() + "'",
            "a pair has one demand distribution", "deduplicate the demands before planning");
      }
    }
    for (Drop d : drops) {
      for (String h : d.eligibleHubs()) {
        if (!seen.contains(d.id() + '\u0000' + h)) {
          throw PlanErrors.invalid("Drop '" + d.id() + "' is eligible at hub '" + h + "' but has no demand there",
              "every eligible pair needs a demand distribution (zero demand is QuantileDistribution.zero())",
              "build the hub's demand for the drop with HubDemand.combine, or remove the hub from the eligible ones");
        }
      }
    }
  }
}

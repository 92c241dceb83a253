package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link CadenceRecommender} needs for one group (category x hub, or a merchant's drops of a category
 * at a hub): small aggregates the job computes with Spark.
 *
 * @param history the group's order history
 * @param categoryHistory the same category across all hubs, the shrinkage prior ({@code null}: flat)
 * @param recovery (gap, demand ratio) pairs of the category in the hub's area
 * @param outcomes past drops for the uplift fit (may be empty)
 * @param hub the hub's capacity, opening hours and other load
 * @param pickup pickup delay shares and units per order
 * @param unitsPerDrop units a drop of the group releases (e.g. the median of recent drops), >= 1
 * @param release the release-relative demand curve of past drops ({@code null}: the batches are planned on the
 *     weekday x hour profile alone, whatever their release hours)
 */
public record CadenceInput(DemandHistory history, DemandHistory categoryHistory,
    List<RecoveryObservation> recovery, List<DropOutcome> outcomes, HubCapacity hub, PickupModel pickup,
    int unitsPerDrop, ReleaseCurve release) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** An input without a release curve: demand by the weekday x hour profile alone. */
  public CadenceInput(DemandHistory history, DemandHistory categoryHistory, List<RecoveryObservation> recovery,
      List<DropOutcome> outcomes, HubCapacity hub, PickupModel pickup, int unitsPerDrop) {
    this(history, categoryHistory, recovery, outcomes, hub, pickup, unitsPerDrop, null);
  }

  public CadenceInput {
    Objects.requireNonNull(history, "history");
    recovery = List.copyOf(Objects.requireNonNull(recovery, "recovery"));
    outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(pickup, "pickup");
    if (history.hubId() != null && !history.hubId().equals(hub.hubId())) {
      throw CadenceErrors.invalid("The history of hub '" + history.hubId() + "' came with the capacity of hub '"
              + hub.hubId() + "'", "a group is planned against its own hub",
          "join the hub's capacity on the history's hub id");
    }
    if (unitsPerDrop < 1) {
      throw CadenceErrors.invalid("Units per drop of category '" + history.category() + "' at hub '"
              + hub.hubId() + "' is " + unitsPerDrop, "a drop releases at least one unit",
          "pass the median units released by the group's recent drops");
    }
  }
}

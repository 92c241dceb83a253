package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A hub's pick/pack capacity and its load from everything else.
 *
 * @param hubId hub id
 * @param pickPackPerHour pickups the staff can serve per hour ({@code hubs.pick_pack_per_hour}), > 0
 * @param opensHour local opening hour, 0..23
 * @param closesHour local closing hour, exclusive, after {@code opensHour}, at most 24
 * @param backgroundPickupsByHour expected pickups per local hour from other drops and orders (24 values), or
 *     empty for none; the capacity left for a drop in hour {@code h} is
 *     {@code max(0, pickPackPerHour - background[h])}
 */
public record HubCapacity(String hubId, int pickPackPerHour, int opensHour, int closesHour,
    List<Double> backgroundPickupsByHour) implements Serializable {
  private static final long serialVersionUID = 1L;

  public HubCapacity {
    if (pickPackPerHour <= 0) {
      throw CadenceErrors.invalid("Hub '" + hubId + "' has pick/pack capacity " + pickPackPerHour,
          "the capacity is pickups per hour, > 0", "check hubs.pick_pack_per_hour");
    }
    if (opensHour < 0 || opensHour > 23 || closesHour <= opensHour || closesHour > 24) {
      throw CadenceErrors.invalid("Hub '" + hubId + "' opens at hour " + opensHour + " and closes at " + closesHour,
          "opening hours are whole local hours with 0 <= opensHour < closesHour <= 24",
          "round hubs.opens_at down and hubs.closes_at up to whole hours");
    }
    backgroundPickupsByHour = backgroundPickupsByHour == null || backgroundPickupsByHour.isEmpty()
        ? List.of()
        : CadenceErrors.nonNegativeList(backgroundPickupsByHour, 24,
            "The background pickups of hub '" + hubId + "'",
            "pass 24 values (expected pickups per local hour from other drops), or an empty list for none");
  }

  /** A hub with no other load. */
  public HubCapacity(String hubId, int pickPackPerHour, int opensHour, int closesHour) {
    this(hubId, pickPackPerHour, opensHour, closesHour, List.of());
  }

  /** Expected other pickups in a local hour (hours past 23 wrap to the next day). */
  public double background(int hour) {
    return backgroundPickupsByHour.isEmpty() ? 0 : backgroundPickupsByHour.get(Math.floorMod(hour, 24));
  }

  /** Capacity left for a drop in each of {@code count} hours from local hour {@code startHour}. */
  public List<Double> capacityFrom(int startHour, int count) {
    List<Double> out = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      out.add(Math.max(0, pickPackPerHour - background(startHour + t)));
    }
    return out;
  }
}

package io.dropcast.models.cadence;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The recommended cadence of one group, one row of {@code cadence_recommendations} (component names map to
 * snake_case columns; the nested {@link Evidence} is a struct column). Hours are local; weekdays ISO
 * (1 = Monday).
 *
 * @param category category slug
 * @param hubId hub id
 * @param merchantId merchant id, {@code null} for the category x hub level
 * @param weekdays recommended ISO weekdays, best first
 * @param weekdayNames their English names
 * @param windowStartHour release window start, inclusive
 * @param windowEndHour release window end, exclusive
 * @param windowDemandShare share of a drop-day's orders expected inside the window
 * @param intervalDays smallest gap between drops whose recovery multiplier reaches the threshold
 * @param unitsPerDrop units planned for a drop
 * @param batchCount number of micro-release batches
 * @param batchUnits units of each batch, in release order
 * @param batchReleaseHours local release hour of each batch
 * @param expectedDemandUnits expected units demanded in the window on the first weekday
 * @param expectedSellThrough expected sold / released
 * @param expectedUnmetUnits expected demand that finds no stock
 * @param expectedSellOutHours expected hours from the window start to the sell-out (window length if not)
 * @param expectedSoldOut whether the expected course sells every unit
 * @param expectedPeakPickupsPerHour the drop's largest expected pickups in an hour
 * @param expectedPeakHubLoadPerHour the largest expected hub load in an hour (the drop plus other load)
 * @param pickPackPerHour the hub's pick/pack capacity
 * @param expectedPeakLoadRatio {@code expectedPeakHubLoadPerHour / pickPackPerHour}
 * @param expectedOverCapacityPickups expected pickups above the capacity left for the drop, summed over hours
 * @param singleReleaseOverCapacityPickups the same for one release of every unit at the window start
 * @param evidence what the recommendation rests on
 */
public record CadenceRecommendation(String category, String hubId, String merchantId, List<Integer> weekdays,
    List<String> weekdayNames, int windowStartHour, int windowEndHour, double windowDemandShare, int intervalDays,
    int unitsPerDrop, int batchCount, List<Integer> batchUnits, List<Integer> batchReleaseHours,
    double expectedDemandUnits, double expectedSellThrough, double expectedUnmetUnits, double expectedSellOutHours,
    boolean expectedSoldOut, double expectedPeakPickupsPerHour, double expectedPeakHubLoadPerHour,
    int pickPackPerHour, double expectedPeakLoadRatio, double expectedOverCapacityPickups,
    double singleReleaseOverCapacityPickups, Evidence evidence) implements Serializable {
  private static final long serialVersionUID = 1L;

  public CadenceRecommendation {
    weekdays = List.copyOf(weekdays);
    weekdayNames = List.copyOf(weekdayNames);
    batchUnits = List.copyOf(batchUnits);
    batchReleaseHours = List.copyOf(batchReleaseHours);
    Objects.requireNonNull(evidence, "evidence");
  }

  /**
   * What a recommendation rests on.
   *
   * @param dropsUsed drops in the group's history
   * @param dropDaysUsed drop-days in the group's history
   * @param ordersUsed orders in the group's history
   * @param firstDay first drop-day used
   * @param lastDay last drop-day used
   * @param confidence "high", "medium" or "low": the weakest of the recommended weekdays
   * @param weekdayExpectedOrders posterior mean orders per drop-day, Monday first
   * @param weekdayConfidence confidence label per weekday, Monday first
   * @param weekdayDropDays drop-days of the history per weekday, Monday first
   * @param intervalRelaxed true when no set of weekdays keeps the interval and it was relaxed
   * @param recoveryIdentified whether the recovery curve was fitted (else no effect assumed)
   * @param recoveryDip fitted shortfall of a back-to-back drop
   * @param recoveryRate fitted recovery rate per day
   * @param recoveryObservations (gap, ratio) pairs used
   * @param upliftDrops drops used by the uplift fit (0 when none)
   * @param pushEffect demand multiplier of a push announcement (NaN without uplift fit)
   * @param smsEffect demand multiplier of an SMS announcement (NaN without uplift fit)
   * @param discountElasticity log demand per unit of discount depth (NaN without uplift fit)
   * @param whatWouldChange readable conditions under which the recommendation would change
   */
  public record Evidence(int dropsUsed, int dropDaysUsed, long ordersUsed, LocalDate firstDay, LocalDate lastDay,
      String confidence, List<Double> weekdayExpectedOrders, List<String> weekdayConfidence,
      List<Integer> weekdayDropDays, boolean intervalRelaxed,
      boolean recoveryIdentified, double recoveryDip, double recoveryRate, int recoveryObservations,
      int upliftDrops, double pushEffect, double smsEffect, double discountElasticity, List<String> whatWouldChange)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public Evidence {
      weekdayExpectedOrders = List.copyOf(weekdayExpectedOrders);
      weekdayConfidence = List.copyOf(weekdayConfidence);
      weekdayDropDays = List.copyOf(weekdayDropDays);
      whatWouldChange = List.copyOf(whatWouldChange);
    }
  }
}

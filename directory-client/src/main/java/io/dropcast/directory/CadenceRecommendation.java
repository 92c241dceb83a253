package io.dropcast.directory;

import java.time.LocalDate;
import java.util.List;

/**
 * When and how to release the drops of a category (or of one merchant's) at a hub: a row of
 * {@code cadence_recommendations} (docs/tables.md), with what the website shows and what ops check.
 *
 * @param runDate run date of the recommendation
 * @param level "category_hub", or "merchant" for one merchant's drops of the category at the hub
 * @param merchantId the merchant for level "merchant", else null
 * @param weekdays recommended drop weekdays (English names), best first
 * @param windowStartLocal release window start, local HH:mm
 * @param windowEndLocal release window end (exclusive), local HH:mm
 * @param intervalDays days at least between two drops
 * @param unitsPerDrop units a drop releases at the hub
 * @param batches the micro-release batches, in release order
 * @param expectedSellThrough expected units sold / released, in [0, 1]
 * @param expectedSellOutHours expected hours from the window start to the sell-out
 * @param expectedPeakHubLoadPerHour largest expected pickups in an hour at the hub
 * @param pickPackPerHour the hub's pick/pack capacity, pickups per hour
 * @param confidence high, medium or low
 * @param whatWouldChange readable conditions under which the recommendation would change
 */
public record CadenceRecommendation(LocalDate runDate, String level, String category, String hubId,
    String merchantId, List<String> weekdays, String windowStartLocal, String windowEndLocal, int intervalDays,
    int unitsPerDrop, List<Batch> batches, double expectedSellThrough, double expectedSellOutHours,
    double expectedPeakHubLoadPerHour, int pickPackPerHour, String confidence, List<String> whatWouldChange) {

  /** One micro-release batch: its number, units and local release time (HH:mm). */
  public record Batch(int batch, int units, String releaseAtLocal) {}
}

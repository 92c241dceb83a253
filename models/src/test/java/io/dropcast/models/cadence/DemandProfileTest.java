package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemandProfileTest {

  private static final CadenceParams P = CadenceParams.defaults(); // weekday prior strength 4 drop-days

  /** A hub with 10 drop-days on every weekday but Tuesday, which has 1 drop-day with only 5 orders. */
  static DemandHistory thinTuesdayHub() {
    return CadenceFixtures.history("snacks", "h1", new long[] {450, 5, 450, 450, 450, 450, 450},
        new int[] {10, 1, 10, 10, 10, 10, 10}, CadenceFixtures.flatHours(2705));
  }

  /** The category across hubs: Tuesdays sell twice the other days, 10 drop-days each, level 8 per drop-day. */
  static DemandHistory tuesdayHeavyCategory() {
    return CadenceFixtures.history("snacks", null, new long[] {70, 140, 70, 70, 70, 70, 70},
        new int[] {10, 10, 10, 10, 10, 10, 10}, CadenceFixtures.flatHours(560));
  }

  @Test
  void aThinWeekdayIsPulledTowardsTheCategoryProfile() {
    DemandProfile p = DemandProfile.fit(thinTuesdayHub(), tuesdayHeavyCategory(), P);

    // Category shape (kappa 4, level 8): Tuesday (140 + 32) / 14 / 8 = 1.5357..., others (70 + 32) / 14 / 8.
    double tue = (140 + 4 * 8.0) / 14 / 8;
    double other = (70 + 4 * 8.0) / 14 / 8;
    // Hub level: 2705 orders over sum n_w c_w = 60 other + 1 tue.
    double level = 2705 / (60 * other + tue);
    assertEquals(level, p.ordersPerDropDay(), 1e-9, "the hub's level");
    assertEquals((5 + 4 * level * tue) / (1 + 4), p.weekdayOrders().get(1), 1e-9,
        "Tuesday: (5 orders + 4 pseudo drop-days at the prior) / (1 + 4)");
    assertEquals((450 + 4 * level * other) / (10 + 4), p.weekdayOrders().get(0), 1e-9, "Monday likewise");
    assertTrue(p.weekdayOrders().get(1) > 5 * 10, "the single Tuesday of 5 orders is mostly overruled: "
        + p.weekdayOrders().get(1));

    DemandProfile flat = DemandProfile.fit(thinTuesdayHub(), null, P);
    assertTrue(p.weekdayOrders().get(1) > flat.weekdayOrders().get(1),
        "a Tuesday-heavy category pulls Tuesday higher than a flat prior does");
    assertEquals(0.2, p.weekdayDataWeight().get(1), 1e-15, "1 drop-day of 5 pseudo ones is data");
  }

  @Test
  void withoutPriorStrengthTheEstimateIsTheRawRate() {
    DemandProfile p = DemandProfile.fit(thinTuesdayHub(), tuesdayHeavyCategory(), P.with("weekdayPriorDropDays", 0));
    assertEquals(5.0, p.weekdayOrders().get(1), 1e-12, "5 orders on 1 drop-day");
    assertEquals(45.0, p.weekdayOrders().get(0), 1e-12, "450 orders on 10 drop-days");
  }

  @Test
  void confidenceFollowsTheEvidenceOfEachWeekday() {
    DemandHistory hub = CadenceFixtures.history("snacks", "h1", new long[] {450, 5, 0, 450, 450, 450, 450},
        new int[] {10, 1, 0, 10, 10, 10, 10}, CadenceFixtures.flatHours(2255));
    DemandProfile p = DemandProfile.fit(hub, null, P);

    assertEquals(List.of("high", "medium", "low", "high", "high", "high", "high"), p.weekdayConfidence(),
        "10 drop-days: high; 1 drop-day (weight 0.2): medium; none: low");
    for (int w = 0; w < 7; w++) {
      assertTrue(p.weekdayLower90().get(w) < p.weekdayOrders().get(w)
          && p.weekdayOrders().get(w) < p.weekdayUpper90().get(w), "the 90% interval holds the mean, day " + w);
    }
    double alpha = 450 + 4 * p.ordersPerDropDay();
    assertEquals(Math.sqrt(alpha) / 14, p.weekdayStdError().get(0), 1e-12, "Gamma sd = sqrt(alpha) / beta");
  }

  @Test
  void hourSharesAreShrunkTowardsTheCategoryAndSumToOne() {
    long[] hours = new long[24];
    hours[9] = 10; // a hub with 10 orders, all at 09:00
    DemandHistory hub = CadenceFixtures.history("snacks", "h1", new long[] {10, 0, 0, 0, 0, 0, 0},
        new int[] {1, 0, 0, 0, 0, 0, 0}, hours);
    DemandProfile p = DemandProfile.fit(hub, null, P.with("hourPriorOrders", 24));

    assertEquals((10 + 1.0) / 34, p.hourShares().get(9), 1e-15, "(10 + 24 / 24) / (10 + 24)");
    assertEquals(1.0 / 34, p.hourShares().get(3), 1e-15, "an empty hour keeps its prior pseudo-order");
    assertEquals(1.0, p.hourShares().stream().mapToDouble(Double::doubleValue).sum(), 1e-12, "shares sum to 1");
  }

  @Test
  void theReleaseWindowIsTheShortestRunOfOpeningHoursHoldingTheCoverage() {
    long[] hours = new long[24];
    hours[8] = 30;
    hours[9] = 40;
    hours[10] = 20;
    hours[15] = 10;
    DemandHistory hub = CadenceFixtures.history("snacks", "h1", new long[] {100, 0, 0, 0, 0, 0, 0},
        new int[] {1, 0, 0, 0, 0, 0, 0}, hours);
    DemandProfile p = DemandProfile.fit(hub, null, P.with("hourPriorOrders", 0));

    DemandProfile.ReleaseWindow w = p.releaseWindow(0.8, 1, 7, 22);
    assertEquals(8, w.startHour(), "window start");
    assertEquals(11, w.endHour(), "08:00-10:00 holds 70%, too little; 08:00-11:00 holds 90%");
    assertEquals(0.9, w.openShare(), 1e-12, "share of the opening-hours orders in the window");
  }

  @Test
  void aHistoryWithOrdersOnAWeekdayWithoutDropDaysIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CadenceFixtures.history("snacks", "h1", new long[] {5, 0, 0, 0, 0, 0, 0},
            new int[] {0, 0, 0, 0, 0, 0, 0}, CadenceFixtures.flatHours(5)));
    assertTrue(e.getMessage().contains("5 orders on Monday but no drop-day") && e.getMessage().contains("Fix:"),
        "message: " + e.getMessage());
  }
}

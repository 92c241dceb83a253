package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CadenceRecommenderTest {

  private static final CadenceParams P = CadenceParams.defaults();

  /**
   * A hub whose drops sell most on Saturday (60 orders per drop-day against 20-30) and in the morning
   * (1200 of 1616 orders between 08:00 and 11:00), 8 drop-days on every weekday.
   */
  static DemandHistory saturdayMorningHub() {
    long[] perDay = {20, 20, 22, 24, 30, 60, 26};
    long[] orders = new long[7];
    int[] days = new int[7];
    for (int w = 0; w < 7; w++) {
      orders[w] = perDay[w] * 8;
      days[w] = 8;
    }
    long[] hours = new long[24];
    hours[8] = 400;
    hours[9] = 400;
    hours[10] = 400;
    hours[11] = 216;
    for (int h = 12; h < 22; h++) {
      hours[h] = 20;
    }
    return CadenceFixtures.history("snacks", "h1", orders, days, hours);
  }

  /** The category across three such hubs. */
  static DemandHistory category() {
    DemandHistory hub = saturdayMorningHub();
    long[] orders = new long[7];
    int[] days = new int[7];
    long[] hours = new long[24];
    for (int w = 0; w < 7; w++) {
      orders[w] = 3 * hub.ordersByWeekday().get(w);
      days[w] = 3 * hub.dropDaysByWeekday().get(w);
    }
    for (int h = 0; h < 24; h++) {
      hours[h] = 3 * hub.ordersByHour().get(h);
    }
    return CadenceFixtures.history("snacks", null, orders, days, hours);
  }

  static CadenceInput input(List<RecoveryObservation> recovery, int capacity, int units) {
    return new CadenceInput(saturdayMorningHub(), category(), recovery, List.of(),
        new HubCapacity("h1", capacity, 8, 22), PickupModel.sameHour(), units);
  }

  @Test
  void aClearSaturdayMorningPeakRecommendsSaturdayFirstAndAMorningWindow() {
    CadenceRecommendation r = CadenceRecommender.recommend(input(List.of(), 100, 50), P);

    assertEquals(List.of(6, 5), r.weekdays(), "Saturday (60 a drop-day) first, then Friday (30)");
    assertEquals(List.of("Saturday", "Friday"), r.weekdayNames(), "names");
    assertEquals(8, r.windowStartHour(), "window opens at 08:00");
    assertEquals(12, r.windowEndHour(), "08:00-11:00 holds 74% of the orders, 08:00-12:00 88%: at least 80%");
    assertEquals(1, r.intervalDays(), "no recovery evidence: back-to-back allowed");
    assertFalse(r.evidence().recoveryIdentified(), "no recovery pairs");
    assertEquals(1, r.batchCount(), "capacity 100 an hour: one release");
    assertEquals(List.of(8), r.batchReleaseHours(), "released at the window start");
    assertEquals(1.0, r.expectedSellThrough(), 1e-12, "about 52 orders in the window for 50 units");
    assertEquals("high", r.evidence().confidence(), "8 drop-days at 60 and 30 orders");
    assertEquals(56, r.evidence().dropsUsed(), "8 drop-days x 7");
    assertEquals(1616, r.evidence().ordersUsed(), "orders used");
    assertTrue(r.evidence().whatWouldChange().get(0).startsWith("a Sunday lift above"),
        "the best weekday left out, Sunday, and the lift it needs: " + r.evidence().whatWouldChange());
  }

  @Test
  void aCategoryThatSellsLessAfterBackToBackDropsGetsNonAdjacentWeekdays() {
    CadenceRecommendation r = CadenceRecommender.recommend(input(RecoveryModelTest.backToBackDip(), 100, 50), P);

    assertEquals(2, r.intervalDays(), "a back-to-back drop sells 30% less");
    assertEquals(List.of(6, 4), r.weekdays(),
        "Saturday, then Thursday: Friday and Sunday are within a day of Saturday");
    assertTrue(r.evidence().recoveryIdentified(), "recovery fitted");
    assertEquals(0.3, r.evidence().recoveryDip(), 1e-6, "dip");
    assertTrue(r.evidence().whatWouldChange().stream().anyMatch(s -> s.startsWith(
            "a demand recovery of at least 90% 1 day after a drop (fitted 70%) would shorten the interval to 1 day")),
        "the recovery that would allow back-to-back drops: " + r.evidence().whatWouldChange());
  }

  @Test
  void aTightHubGetsBatchesThatKeepItsPeakLoadWithinCapacity() {
    // Saturday demand in the window is about 15 orders an hour from 08:00 to 11:00: one release of 40 units
    // sells at that pace, 5 pickups an hour above a capacity of 10.
    CadenceRecommendation r = CadenceRecommender.recommend(input(List.of(), 10, 40), P);

    assertEquals(List.of(10, 10, 10, 10), r.batchUnits(), "four batches of 10, one an hour");
    assertEquals(List.of(8, 9, 10, 11), r.batchReleaseHours(), "released at 08:00, 09:00, 10:00 and 11:00");
    assertTrue(r.expectedPeakLoadRatio() <= 1 + 1e-9, "peak load within capacity: " + r.expectedPeakLoadRatio());
    assertTrue(r.singleReleaseOverCapacityPickups() > 9, "a single release would overload: "
        + r.singleReleaseOverCapacityPickups());
    assertTrue(r.evidence().whatWouldChange().contains(
            "a pick/pack capacity of at least 15 pickups per hour (now 10) would allow a single release of all 40 units"),
        "the capacity for a single release (Saturday peaks at 14.5 orders an hour): " + r.evidence().whatWouldChange());
  }

  @Test
  void theRecommendationIsDeterministicWhateverTheOrderOfItsInputs() {
    List<RecoveryObservation> shuffled = new ArrayList<>(RecoveryModelTest.backToBackDip());
    Collections.shuffle(shuffled, new Random(11));
    List<DropOutcome> outcomes = UpliftModelTest.syntheticDrops(5L);
    List<DropOutcome> shuffledOutcomes = new ArrayList<>(outcomes);
    Collections.shuffle(shuffledOutcomes, new Random(12));
    HubCapacity hub = new HubCapacity("h1", 20, 8, 22);

    CadenceRecommendation a = CadenceRecommender.recommend(new CadenceInput(saturdayMorningHub(), category(),
        RecoveryModelTest.backToBackDip(), outcomes, hub, PickupModel.sameHour(), 50), P);
    CadenceRecommendation b = CadenceRecommender.recommend(new CadenceInput(saturdayMorningHub(), category(),
        shuffled, shuffledOutcomes, hub, PickupModel.sameHour(), 50), P);

    assertEquals(a, b, "same recommendation");
    assertTrue(a.evidence().whatWouldChange().stream().anyMatch(s -> s.startsWith("announcing by push and SMS")),
        "the uplift evidence: " + a.evidence().whatWouldChange());
  }

  @Test
  void theRecommendationSurvivesJavaSerialization() throws Exception {
    CadenceRecommendation r = CadenceRecommender.recommend(input(RecoveryModelTest.backToBackDip(), 20, 50), P);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(r);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(r, in.readObject(), "round trip, as Spark ships records to executors");
    }
  }

  @Test
  void aMerchantNeedsEnoughDropDaysForItsOwnRecommendation() {
    DemandHistory thin = CadenceFixtures.history("snacks", "h1", new long[] {10, 0, 0, 0, 0, 0, 12},
        new int[] {3, 0, 0, 0, 0, 0, 4}, CadenceFixtures.flatHours(22));
    assertFalse(CadenceRecommender.hasEnoughHistory(thin, P), "7 drop-days, 8 needed");
    assertTrue(CadenceRecommender.hasEnoughHistory(saturdayMorningHub(), P), "56 drop-days");
  }

  @Test
  void twoCategoriesOfAHubThatShareTheirWeekdaysGetReleasesThatDoNotCollide() {
    // Two categories with the Saturday-morning history at one hub of 20 pickups an hour, 15 units a drop. Alone,
    // each sells its 15 units within 08:00 (about 15 orders an hour): one release, within capacity. Both on the
    // same day: 30 pickups at 08:00 against 20. Planned jointly, coffee (first in release order: same window,
    // smaller id) keeps its release and snacks releases only what coffee leaves of 08:00, the rest at 09:00:
    // nothing over capacity at the hub.
    CadenceInput snacks = input(List.of(), 20, 15);
    DemandHistory h = saturdayMorningHub();
    DemandHistory c = category();
    CadenceInput coffee = new CadenceInput(
        new DemandHistory("coffee", "h1", null, h.ordersByWeekday(), h.dropDaysByWeekday(), h.ordersByHour(),
            h.drops(), h.firstDay(), h.lastDay()),
        new DemandHistory("coffee", null, null, c.ordersByWeekday(), c.dropDaysByWeekday(), c.ordersByHour(),
            c.drops(), c.firstDay(), c.lastDay()),
        List.of(), List.of(), snacks.hub(), snacks.pickup(), 15);

    CadenceRecommendation alone = CadenceRecommender.recommend(snacks, P);
    List<CadenceRecommendation> both = CadenceRecommender.recommendAtHub(List.of(snacks, coffee), P);

    assertEquals(List.of(8), alone.batchReleaseHours(), "alone: one release at 08:00");
    assertEquals(List.of(15), alone.batchUnits(), "alone: all 15 units");
    assertEquals(List.of("snacks", "coffee"), both.stream().map(CadenceRecommendation::category).toList(),
        "input order");
    CadenceRecommendation jointSnacks = both.get(0);
    CadenceRecommendation jointCoffee = both.get(1);
    assertEquals(List.of(8), jointCoffee.batchReleaseHours(), "coffee keeps 08:00");
    assertEquals(List.of(15), jointCoffee.batchUnits(), "coffee keeps one release");
    assertEquals(List.of(8, 9), jointSnacks.batchReleaseHours(), "snacks tops up 08:00 and releases the rest at 09:00");
    assertEquals(List.of(5, 10), jointSnacks.batchUnits(), "coffee's 15 pickups at 08:00 leave room for 5");
    assertEquals(0.0, jointSnacks.expectedOverCapacityPickups() + jointCoffee.expectedOverCapacityPickups(), 1e-9,
        "nothing over capacity at the hub");
    assertTrue(jointSnacks.singleReleaseOverCapacityPickups() > 4, "single releases together overload the hub: "
        + jointSnacks.singleReleaseOverCapacityPickups());
    assertTrue(jointSnacks.expectedPeakLoadRatio() <= 1 + 1e-9, "peak hub load within capacity");
    assertTrue(jointSnacks.evidence().whatWouldChange().stream().anyMatch(s -> s.startsWith(
        "planned with 1 other categories of the hub")), "says it was planned jointly");
    assertEquals(both, CadenceRecommender.recommendAtHub(List.of(snacks, coffee), P), "deterministic");
  }
}

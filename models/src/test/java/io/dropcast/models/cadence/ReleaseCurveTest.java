package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseCurveTest {

  /** Half of a drop's orders in the first hour after a release, 30% in the second, 20% in the third. */
  private static final ReleaseCurve RUSH = new ReleaseCurve(List.of(0.5, 0.3, 0.2), 4);

  @Test
  void aSingleReleaseAtTheWindowStartDrawsTheWholeDemandOnTheCurve() {
    assertEquals(List.of(5.0, 3.0, 2.0), RUSH.demandByHour(10, 3, List.of(new Batch(0, 8))),
        "10 units over a 3-hour window: 10 x (0.5, 0.3, 0.2)");
  }

  @Test
  void aWindowShorterThanTheCurveKeepsItsTotalOnTheHoursItHas() {
    // S_2 = 0.8: 10 x 0.5 / 0.8 and 10 x 0.3 / 0.8.
    List<Double> demand = RUSH.demandByHour(10, 2, List.of(new Batch(0, 8)));

    assertEquals(6.25, demand.get(0), 1e-12, "first hour");
    assertEquals(3.75, demand.get(1), 1e-12, "second hour");
  }

  @Test
  void eachBatchDrawsItsShareOfTheDemandFromItsOwnReleaseAndALaterOneLosesTheTailPastTheWindow() {
    // 6 units at hour 0 draw 10 x 0.6 x (0.5, 0.3, 0.2) = (3, 1.8, 1.2); 4 units at hour 1 draw 10 x 0.4 x
    // (0.5, 0.3) = (2, 1.2) in hours 1 and 2, and lose the 0.8 of their third hour past the window.
    List<Double> demand = RUSH.demandByHour(10, 3, List.of(new Batch(0, 6), new Batch(1, 4)));

    assertEquals(3.0, demand.get(0), 1e-12, "hour 0: the first batch's rush");
    assertEquals(3.8, demand.get(1), 1e-12, "hour 1: 1.8 + the second batch's rush of 2");
    assertEquals(2.4, demand.get(2), 1e-12, "hour 2: 1.2 + 1.2");
  }

  @Test
  void theCurveIsTheShareOfOrdersByHoursSinceRelease() {
    ReleaseCurve curve = ReleaseCurve.fromCounts(List.of(50L, 30L, 20L), 7);

    assertEquals(List.of(0.5, 0.3, 0.2), curve.shares(), "counts over their total");
    assertEquals(7, curve.drops(), "evidence kept");
  }

  @Test
  void sharesThatDoNotSumToOneAreRejectedWithTheirSum() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReleaseCurve(List.of(0.5, 0.3), 1));

    assertTrue(e.getMessage().contains("sum to 0.8"), "the sum is named: " + e.getMessage());
  }

  @Test
  void aCurveWithoutOrdersInTheFirstHourIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReleaseCurve(List.of(0.0, 1.0), 1));

    assertTrue(e.getMessage().contains("first share is 0.0"), "the first share is named: " + e.getMessage());
  }
}

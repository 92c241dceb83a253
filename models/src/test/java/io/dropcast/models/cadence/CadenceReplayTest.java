package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.cadence.CadenceReplay.ReplayComparison;
import io.dropcast.models.cadence.CadenceReplay.ReplayDrop;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CadenceReplayTest {

  private static final PickupModel HALF_NEXT_HOUR = new PickupModel(List.of(0.5, 0.5), 1.0);

  /**
   * 20 past drops of 120 units released at once into a 6-hour window whose demand front-loads (60, 40, 30, 20,
   * 20, 20 expected units an hour) at a hub that picks 30 an hour: the opening hour's rush overloads it. The
   * outcome (latent) demand is the expectation times a seeded factor of 0.85..1.25 per hour.
   */
  static List<ReplayDrop> overloadedDrops(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Double> planned = List.of(60.0, 40.0, 30.0, 20.0, 20.0, 20.0);
    List<ReplayDrop> drops = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      List<Double> outcome = new ArrayList<>();
      for (double d : planned) {
        outcome.add(d * (0.85 + 0.4 * rng.nextDouble()));
      }
      drops.add(new ReplayDrop(String.format("d%02d", i), 120, planned, outcome, List.of(30.0),
          List.of(new Batch(0, 120))));
    }
    return drops;
  }

  @Test
  void theRecommendedBatchingCutsLoadOverCapacityByHalfWithoutLoweringSellThrough() {
    ReplayComparison c = CadenceReplay.compare(overloadedDrops(99L), HALF_NEXT_HOUR, BatchingParams.defaults());

    assertEquals(20, c.recommended().drops(), "every drop replayed");
    assertEquals(c.historical().unitsReleased(), c.recommended().unitsReleased(), "same units");
    assertEquals(c.historical().demand(), c.recommended().demand(), 1e-9, "same demand");
    assertTrue(c.historical().overCapacityPickups() > 0, "one big release overloads the hub");
    assertTrue(c.overCapacityReduction() >= 0.5, "load over capacity cut by at least half: " + c.recommended()
        + " vs " + c.historical());
    assertTrue(c.sellThroughChange() >= -1e-9, "sell-through not lower: " + c.recommended().sellThrough()
        + " vs " + c.historical().sellThrough());
    assertTrue(c.meetsTarget(0.5), "the issue's target");
    assertTrue(c.recommended().peakLoadRatio() < c.historical().peakLoadRatio(), "a lower peak");
  }

  @Test
  void theReplayIsDeterministicWhateverTheOrderOfTheDrops() {
    List<ReplayDrop> drops = overloadedDrops(5L);
    List<ReplayDrop> reversed = new ArrayList<>(drops);
    java.util.Collections.reverse(reversed);
    assertEquals(CadenceReplay.compare(drops, HALF_NEXT_HOUR, BatchingParams.defaults()),
        CadenceReplay.compare(reversed, HALF_NEXT_HOUR, BatchingParams.defaults()), "same comparison");
  }

  @Test
  void aDropWhoseBatchesDoNotAddUpToItsUnitsIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReplayDrop("d1", 100,
        List.of(1.0), List.of(1.0), List.of(5.0), List.of(new Batch(0, 60))));
    assertTrue(e.getMessage().contains("'d1' released 100 units but its batches hold 60"),
        "message: " + e.getMessage());
  }
}

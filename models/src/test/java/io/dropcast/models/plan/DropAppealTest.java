package io.dropcast.models.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.dropcast.models.cadence.DropOutcome;
import io.dropcast.models.cadence.UpliftModel.UpliftEstimate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropAppealTest {
  /**
   * Eight drops whose demand over baseline is exactly 1.5^push x 1.2^sms x exp(2 (depth - 0.3)): push and SMS vary
   * independently, depths 0.2 and 0.4 (mean 0.3). The least-squares fit recovers the effects exactly.
   */
  private static List<DropOutcome> exactDrops() {
    List<DropOutcome> out = new ArrayList<>();
    int i = 0;
    for (boolean push : new boolean[] {false, true}) {
      for (boolean sms : new boolean[] {false, true}) {
        for (double depth : new double[] {0.2, 0.4}) {
          double ratio = (push ? 1.5 : 1) * (sms ? 1.2 : 1) * Math.exp(2 * (depth - 0.3));
          out.add(new DropOutcome("d" + i++, 10 * ratio, 10, push, sms, depth));
        }
      }
    }
    return out;
  }

  @Test
  void theFitRecoversChannelEffectsAndElasticityAndGivesEachDropItsMultiplier() {
    UpliftEstimate e = DropAppeal.fit(exactDrops());
    assertEquals(8, e.drops(), "drops used");
    assertEquals(1.5, e.pushEffect(), 1e-9, "push effect");
    assertEquals(1.2, e.smsEffect(), 1e-9, "SMS effect");
    assertEquals(2.0, e.discountElasticity(), 1e-9, "discount elasticity");
    assertEquals(0.3, e.meanDiscount(), 1e-9, "mean depth");
    // A pushed drop at depth 0.4 against a plain one at 0.2: 1.5 x exp(2 x 0.1) / exp(2 x -0.1) = 1.5 e^0.4.
    assertEquals(1.5 * Math.exp(0.4), e.multiplier(true, false, 0.4) / e.multiplier(false, false, 0.2), 1e-9,
        "relative appeal of the two drops");
  }

  @Test
  void tooFewDropsWithDemandGiveEveryDropTheSameAppeal() {
    List<DropOutcome> seven = new ArrayList<>(exactDrops().subList(0, 7));
    seven.add(new DropOutcome("no-demand", 0, 10, true, true, 0.4));
    assertSame(DropAppeal.NONE, DropAppeal.fit(seven), "7 drops with demand (one without) are too few");
    assertEquals(1.0, DropAppeal.NONE.multiplier(true, true, 0.45), 0.0, "no effect");
  }

  @Test
  void collinearChannelsGiveEveryDropTheSameAppeal() {
    List<DropOutcome> together = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      boolean both = i % 2 == 0;
      together.add(new DropOutcome("d" + i, 10 + i, 10, both, both, 0.3));
    }
    assertSame(DropAppeal.NONE, DropAppeal.fit(together), "push and SMS always together cannot be told apart");
  }
}

package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.cadence.UpliftModel.UpliftEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UpliftModelTest {

  /**
   * 800 drops with Poisson demand around a baseline of 40 (x 1.6 at the mean depth), push x 1.12, SMS x 1.20 and
   * a discount elasticity of 1.8, as in the generated world; seeded.
   */
  static List<DropOutcome> syntheticDrops(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<DropOutcome> out = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      boolean push = rng.nextDouble() < 0.6;
      boolean sms = rng.nextDouble() < 0.25;
      double depth = 0.10 + 0.05 * rng.nextInt(7);
      double baseline = 20 + rng.nextInt(41);
      double mean = baseline * 1.6 * (push ? 1.12 : 1) * (sms ? 1.20 : 1) * Math.exp(1.8 * (depth - 0.25));
      out.add(new DropOutcome(String.format("d%04d", i), SellThroughSimulator.poisson(rng, mean), baseline, push,
          sms, depth));
    }
    return out;
  }

  @Test
  void upliftRecoversKnownMultiplicativeEffectsOnSeededSyntheticDrops() {
    UpliftEstimate u = UpliftModel.fit(syntheticDrops(2026L));

    assertEquals(800, u.drops(), "every drop has demand");
    assertEquals(Math.log(1.12), Math.log(u.pushEffect()), 0.03, "push effect, log scale");
    assertEquals(Math.log(1.20), Math.log(u.smsEffect()), 0.03, "SMS effect, log scale");
    assertEquals(1.8, u.discountElasticity(), 0.15, "discount elasticity");
    assertTrue(Math.abs(Math.log(u.pushEffect()) - Math.log(1.12)) < 4 * u.pushStdError(),
        "push within 4 standard errors (" + u.pushStdError() + ")");
    assertTrue(Math.abs(Math.log(u.smsEffect()) - Math.log(1.20)) < 4 * u.smsStdError(),
        "SMS within 4 standard errors (" + u.smsStdError() + ")");
    assertTrue(u.pushStdError() > 0.005 && u.pushStdError() < 0.03, "a plausible standard error for 800 drops");
    assertEquals(u.pushEffect() * u.smsEffect(), u.multiplier(true, true, u.meanDiscount()), 1e-15,
        "both channels at the mean depth");
    assertEquals(Math.exp(0.1 * u.discountElasticity()), u.multiplier(false, false, u.meanDiscount() + 0.1), 1e-12,
        "10 more points of discount");
  }

  @Test
  void aFeatureThatNeverVariesIsReportedAsNoEffect() {
    List<DropOutcome> noSms = new ArrayList<>();
    for (DropOutcome d : syntheticDrops(3L)) {
      if (!d.sms()) {
        noSms.add(d);
      }
    }
    UpliftEstimate u = UpliftModel.fit(noSms);
    assertEquals(1.0, u.smsEffect(), "not identified: no effect");
    assertTrue(Double.isNaN(u.smsStdError()), "no standard error");
    assertEquals(Math.log(1.12), Math.log(u.pushEffect()), 0.04, "push still estimated");
  }
}

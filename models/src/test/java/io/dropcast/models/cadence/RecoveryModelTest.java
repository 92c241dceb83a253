package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecoveryModelTest {

  private static final CadenceParams P = CadenceParams.defaults();

  /** A category whose drop the day after another sells 30% less, and fully recovers after 2 days or more. */
  static List<RecoveryObservation> backToBackDip() {
    List<RecoveryObservation> out = new ArrayList<>();
    for (double r : new double[] {0.68, 0.70, 0.72, 0.69, 0.71}) {
      out.add(new RecoveryObservation(1, r));
    }
    for (int gap : new int[] {2, 3, 4, 7, 20}) {
      for (double r : new double[] {0.98, 1.0, 1.02}) {
        out.add(new RecoveryObservation(gap, r));
      }
    }
    return out;
  }

  @Test
  void aCategoryThatSellsLessAfterBackToBackDropsGetsAnIntervalOfTwoDays() {
    RecoveryModel m = RecoveryModel.fit(backToBackDip(), P);

    assertTrue(m.identified(), "20 observations over 6 gaps");
    assertEquals(0.30, m.dip(), 1e-6, "gap 1 sells 0.70 of the long-gap level 1.00");
    assertEquals(1.0, m.level(), 1e-6, "long-gap level");
    assertEquals(0.70, m.multiplier(1), 1e-6, "back-to-back multiplier");
    assertTrue(m.multiplier(2) > 0.999, "recovered after 2 days: " + m.multiplier(2));
    assertEquals(2, m.intervalDays(0.9), "smallest gap with a multiplier of at least 0.9");
    assertEquals(5, m.observationsByGap().get(0), "observations at gap 1");
    assertEquals(3, m.observationsByGap().get(13), "gap 20 counts as gap 14");
  }

  @Test
  void aSmoothRecoveryCurveIsRecoveredExactly() {
    // ratio = 1.1 x (1 - 0.4 exp(-0.5 (g - 1))) with no noise, three observations per gap 1..14.
    List<RecoveryObservation> obs = new ArrayList<>();
    for (int g = 1; g <= 14; g++) {
      for (int copy = 0; copy < 3; copy++) {
        obs.add(new RecoveryObservation(g, 1.1 * (1 - 0.4 * Math.exp(-0.5 * (g - 1)))));
      }
    }
    RecoveryModel m = RecoveryModel.fit(obs, P);

    assertEquals(0.4, m.dip(), 1e-6, "dip");
    assertEquals(0.5, m.rate(), 1e-5, "rate per day");
    assertEquals(1.1, m.level(), 1e-6, "level (the bias of the expected demand)");
    assertEquals(1 - 0.4 * Math.exp(-1.5), m.multiplier(4), 1e-6, "multiplier at gap 4");
    // 1 - 0.4 exp(-0.5 (g - 1)) >= 0.9 from g - 1 >= 2 ln 4 = 2.77, i.e. g = 4.
    assertEquals(4, m.intervalDays(0.9), "interval");
  }

  @Test
  void thinRecoveryEvidenceAssumesNoEffect() {
    RecoveryModel m = RecoveryModel.fit(backToBackDip().subList(0, 9), P);
    assertFalse(m.identified(), "9 observations, 10 needed");
    assertEquals(1.0, m.multiplier(1), "flat");
    assertEquals(1, m.intervalDays(0.9), "back-to-back allowed");
  }

  @Test
  void oneRestedDropAmongManyBackToBackOnesDoesNotSetTheCurve() {
    // A hundred back-to-back drops and two after a rest: no contrast to fit a dip on.
    List<RecoveryObservation> obs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      obs.add(new RecoveryObservation(1, 0.9 + 0.002 * i));
    }
    obs.add(new RecoveryObservation(14, 4.0));
    obs.add(new RecoveryObservation(3, 3.0));
    RecoveryModel m = RecoveryModel.fit(obs, P);
    assertFalse(m.identified(), "2 observations after a rest, 3 needed");
    assertEquals(1, m.intervalDays(0.9), "no effect assumed");
  }

  @Test
  void theFitDoesNotDependOnTheOrderOfTheObservations() {
    List<RecoveryObservation> shuffled = new ArrayList<>(backToBackDip());
    Collections.shuffle(shuffled, new Random(7));
    assertEquals(RecoveryModel.fit(backToBackDip(), P), RecoveryModel.fit(shuffled, P), "same fit");
  }
}

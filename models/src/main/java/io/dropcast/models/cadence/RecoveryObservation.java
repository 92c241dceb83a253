package io.dropcast.models.cadence;

import java.io.Serializable;

/**
 * One drop's demand recovery evidence: the days since the previous drop of the same category in the same area
 * and its demand relative to the level expected without that previous drop (e.g. its orders over the
 * {@link DemandProfile} weekday mean, times its channel and discount multipliers).
 *
 * @param gapDays days since the previous drop, >= 1 (use a large value when there was none)
 * @param demandRatio realised demand over expected demand, finite, >= 0
 * @param weight weight of the observation in the fit (e.g. the expected demand), finite, > 0
 */
public record RecoveryObservation(int gapDays, double demandRatio, double weight) implements Serializable {
  private static final long serialVersionUID = 1L;

  public RecoveryObservation {
    if (gapDays < 1) {
      throw CadenceErrors.invalid("A recovery observation has a gap of " + gapDays + " days",
          "the gap is the days since the previous drop, >= 1 (two drops on the same day are not a recovery)",
          "compute the gap from the previous drop-day of the category in the area, skipping same-day drops");
    }
    CadenceErrors.requireFiniteNonNegative(demandRatio, "A recovery observation's demand ratio",
        "pass realised over expected demand; skip drops whose expected demand is 0");
    CadenceErrors.requirePositive(weight, "A recovery observation's weight", "pass 1, or the expected demand");
  }

  /** An observation of weight 1. */
  public RecoveryObservation(int gapDays, double demandRatio) {
    this(gapDays, demandRatio, 1.0);
  }
}

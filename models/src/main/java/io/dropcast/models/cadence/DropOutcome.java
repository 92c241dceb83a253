package io.dropcast.models.cadence;

import java.io.Serializable;

/**
 * One past drop for the uplift fit: its demand, the demand expected from the calendar alone (the
 * {@link DemandProfile} weekday mean, times the recovery multiplier where known), and how it was announced and
 * priced. Demand should be uncensored where it can be (latent demand, or orders plus the demand turned away
 * after a sell-out): a sold-out drop's orders understate its demand.
 *
 * @param dropId drop id, for messages
 * @param demand realised demand (orders or units), finite, >= 0; drops with 0 are skipped by the log fit
 * @param baseline expected demand without channel and discount effects, finite, > 0
 * @param push announced by push
 * @param sms announced by SMS
 * @param discountDepth {@code 1 - price / list price}, in [0, 1)
 */
public record DropOutcome(String dropId, double demand, double baseline, boolean push, boolean sms,
    double discountDepth) implements Serializable {
  private static final long serialVersionUID = 1L;

  public DropOutcome {
    CadenceErrors.requireFiniteNonNegative(demand, "The demand of drop '" + dropId + "'",
        "pass the drop's orders (or latent demand), 0 when none");
    CadenceErrors.requirePositive(baseline, "The baseline demand of drop '" + dropId + "'",
        "pass the demand expected from the weekday profile; skip drops where it is 0");
    if (!(discountDepth >= 0 && discountDepth < 1)) {
      throw CadenceErrors.invalid("Drop '" + dropId + "' has discount depth " + discountDepth,
          "the depth is 1 - price / list price, within [0, 1)", "compute it from price and list_price");
    }
  }
}

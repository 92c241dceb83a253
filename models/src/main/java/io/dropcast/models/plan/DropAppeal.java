package io.dropcast.models.plan;

import io.dropcast.models.cadence.DropOutcome;
import io.dropcast.models.cadence.UpliftModel;
import io.dropcast.models.cadence.UpliftModel.UpliftEstimate;
import java.util.List;
import java.util.Objects;

/**
 * How much more of a neighbourhood's demand one drop draws than another drop of the same category and day: its
 * <i>appeal</i>, the {@link UpliftModel} multiplier of its announcement channels and discount depth,
 * <pre>  a(d) = pushEffect^push x smsEffect^sms x exp(elasticity x (depth - meanDepth))</pre>
 * fitted on past drops (their demand over their neighbourhoods' usual demand per drop). The plan splits a
 * neighbourhood's forecast between the (drop, hub) pairs that reach it in proportion to {@code a(d) w(n, h)}
 * instead of {@code w(n, h)} alone, so of two drops sharing a hub the deeper-discounted or pushed one gets more.
 * Only ratios of appeals matter: the forecast already holds the day's total.
 *
 * <p>A fit on fewer than {@link #MIN_DROPS} drops with demand, or on features that cannot be told apart, gives
 * {@link #NONE}: every drop the same appeal (the equal split).
 */
public final class DropAppeal {
  private DropAppeal() {}

  /**
   * Fewest drops with demand the fit needs: twice the four coefficients (intercept, push, SMS, depth), so that
   * the residual variance has as many degrees of freedom as there are coefficients.
   */
  public static final int MIN_DROPS = 8;

  /** No effect: every drop has appeal 1. */
  public static final UpliftEstimate NONE =
      new UpliftEstimate(0, 0, 1, 1, Double.NaN, 1, Double.NaN, 0, Double.NaN, 0, Double.NaN);

  /** The appeal model of the past drops, {@link #NONE} when it cannot be fitted. */
  public static UpliftEstimate fit(List<DropOutcome> outcomes) {
    Objects.requireNonNull(outcomes, "outcomes");
    long withDemand = outcomes.stream().filter(o -> o.demand() > 0).count();
    if (withDemand < MIN_DROPS) {
      return NONE;
    }
    try {
      return UpliftModel.fit(outcomes);
    } catch (IllegalArgumentException collinear) {
      // UpliftModel's documented answer to collinear features: the effects are not identified, so no drop is
      // favoured over another.
      return NONE;
    }
  }
}

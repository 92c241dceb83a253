package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The parameters of {@link CadenceRecommender} (and of the {@link DemandProfile} and {@link RecoveryModel} fits
 * it runs), with the batching parameters nested. Every parameter has its default, rule and help in
 * {@link #PARAMS}; the constructor validates them all and names the parameter, the value and the fix.
 *
 * @param dropsPerWeek how many weekdays to recommend, 1 to 7
 * @param windowCoverage the release window is the shortest run of opening hours holding at least this share of
 *     the hour-of-day demand inside opening hours
 * @param minWindowHours the release window is at least this many hours long
 * @param recoveryThreshold the interval between drops is the smallest gap whose recovery multiplier reaches this
 * @param maxGapDays gaps are fitted over 1..maxGapDays; longer gaps (and no previous drop) count as maxGapDays
 * @param minRecoveryObservations below this many (gap, ratio) pairs the recovery curve is not fitted (flat 1)
 * @param weekdayPriorDropDays prior strength of the weekday shrinkage, in pseudo drop-days
 * @param hourPriorOrders prior strength of the hour-of-day shrinkage, in pseudo orders
 * @param confidencePenalty weekdays are ranked by posterior mean minus this many posterior standard deviations
 * @param highConfidenceMaxRelativeError a weekday is "high" confidence up to this posterior relative error
 *     (and with at least half of its weight from data)
 * @param mediumConfidenceMaxRelativeError a weekday is "medium" confidence up to this relative error (and with
 *     at least one observed drop-day); "low" otherwise
 * @param minMerchantDropDays a merchant gets its own recommendation from this many drop-days of history
 * @param batching the batch planner's cost weights and search limits
 */
public record CadenceParams(int dropsPerWeek, double windowCoverage, int minWindowHours, double recoveryThreshold,
    int maxGapDays, int minRecoveryObservations, double weekdayPriorDropDays, double hourPriorOrders,
    double confidencePenalty, double highConfidenceMaxRelativeError, double mediumConfidenceMaxRelativeError,
    int minMerchantDropDays, BatchingParams batching) implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String OWNER = "CadenceParams";

  public static final List<ParamDoc> PARAMS = List.of(
      new ParamDoc("dropsPerWeek", "2", "an integer from 1 to 7", "How many weekdays to recommend."),
      new ParamDoc("windowCoverage", "0.8", "a number in (0, 1]",
          "The release window is the shortest run of opening hours holding at least this share of the demand."),
      new ParamDoc("minWindowHours", "2", "an integer from 1 to 24", "Shortest release window, hours."),
      new ParamDoc("recoveryThreshold", "0.9", "a number in (0, 1]",
          "The interval between drops is the smallest gap whose recovery multiplier reaches this."),
      new ParamDoc("maxGapDays", "14", "an integer from 2 to 28",
          "Gaps are fitted over 1..maxGapDays days; longer gaps count as maxGapDays."),
      new ParamDoc("minRecoveryObservations", "10", "an integer >= 3",
          "Below this many (gap, demand ratio) pairs the recovery curve is flat (no effect assumed)."),
      new ParamDoc("weekdayPriorDropDays", "4.0", "a finite number >= 0",
          "Strength of the pull of a hub's weekday towards the category profile, in pseudo drop-days."),
      new ParamDoc("hourPriorOrders", "24.0", "a finite number >= 0",
          "Strength of the pull of a hub's hour-of-day shares towards the category's, in pseudo orders."),
      new ParamDoc("confidencePenalty", "1.0", "a finite number >= 0",
          "Weekdays rank by posterior mean minus this many posterior standard deviations."),
      new ParamDoc("highConfidenceMaxRelativeError", "0.1", "a number in (0, 1)",
          "Largest posterior relative error of a high-confidence weekday."),
      new ParamDoc("mediumConfidenceMaxRelativeError", "0.25",
          "a number in (highConfidenceMaxRelativeError, 1]",
          "Largest posterior relative error of a medium-confidence weekday."),
      new ParamDoc("minMerchantDropDays", "8", "an integer >= 1",
          "A merchant gets its own recommendation from this many drop-days of history."));

  private static final CadenceParams DEFAULTS = new CadenceParams(2, 0.8, 2, 0.9, 14, 10, 4.0, 24.0, 1.0, 0.10,
      0.25, 8, BatchingParams.defaults());

  public CadenceParams {
    range("dropsPerWeek", dropsPerWeek, 1, 7, "set it to the number of drop days a week to recommend (default 2)");
    if (!(windowCoverage > 0 && windowCoverage <= 1)) {
      throw CadenceErrors.badParam(OWNER, "windowCoverage", windowCoverage, "a number in (0, 1]",
          "set it to the share of daily demand the window should hold, e.g. 0.8");
    }
    range("minWindowHours", minWindowHours, 1, 24, "set it between 1 and 24 (default 2)");
    if (!(recoveryThreshold > 0 && recoveryThreshold <= 1)) {
      throw CadenceErrors.badParam(OWNER, "recoveryThreshold", recoveryThreshold, "a number in (0, 1]",
          "set it to the share of full demand a drop must recover before the next one, e.g. 0.9");
    }
    range("maxGapDays", maxGapDays, 2, 28, "set it between 2 and 28 (default 14)");
    range("minRecoveryObservations", minRecoveryObservations, 3, Integer.MAX_VALUE,
        "set it to 3 or more (default 10): a saturating curve has three coefficients");
    nonNegative("weekdayPriorDropDays", weekdayPriorDropDays);
    nonNegative("hourPriorOrders", hourPriorOrders);
    nonNegative("confidencePenalty", confidencePenalty);
    if (!(highConfidenceMaxRelativeError > 0 && highConfidenceMaxRelativeError < 1)) {
      throw CadenceErrors.badParam(OWNER, "highConfidenceMaxRelativeError", highConfidenceMaxRelativeError,
          "a number in (0, 1)", "set it to e.g. 0.10 (10% relative error)");
    }
    if (!(mediumConfidenceMaxRelativeError > highConfidenceMaxRelativeError
        && mediumConfidenceMaxRelativeError <= 1)) {
      throw CadenceErrors.badParam(OWNER, "mediumConfidenceMaxRelativeError", mediumConfidenceMaxRelativeError,
          "a number in (highConfidenceMaxRelativeError = " + highConfidenceMaxRelativeError + ", 1]",
          "set it above highConfidenceMaxRelativeError, e.g. 0.25");
    }
    range("minMerchantDropDays", minMerchantDropDays, 1, Integer.MAX_VALUE, "set it to 1 or more (default 8)");
    Objects.requireNonNull(batching, "batching");
  }

  private static void range(String name, int value, int min, int max, String fix) {
    if (value < min || value > max) {
      throw CadenceErrors.badParam(OWNER, name, value,
          max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max, fix);
    }
  }

  private static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw CadenceErrors.badParam(OWNER, name, value, "a finite number >= 0",
          "set " + name + " to a finite number >= 0 (default in CadenceParams.PARAMS)");
    }
  }

  /** The defaults of {@link #PARAMS} and {@link BatchingParams#PARAMS}. */
  public static CadenceParams defaults() {
    return DEFAULTS;
  }

  /** A copy with other batching parameters. */
  public CadenceParams withBatching(BatchingParams b) {
    return new CadenceParams(dropsPerWeek, windowCoverage, minWindowHours, recoveryThreshold, maxGapDays,
        minRecoveryObservations, weekdayPriorDropDays, hourPriorOrders, confidencePenalty,
        highConfidenceMaxRelativeError, mediumConfidenceMaxRelativeError, minMerchantDropDays, b);
  }

  /**
   * A copy with one parameter set by name (a name of {@link #PARAMS}, or of {@link BatchingParams#PARAMS},
   * which go to {@link #batching()}), for mapping configuration keys.
   */
  public CadenceParams with(String name, double v) {
    int i = PARAMS.stream().map(ParamDoc::name).toList().indexOf(name);
    if (i < 0) {
      if (BatchingParams.PARAMS.stream().anyMatch(p -> p.name().equals(name))) {
        return withBatching(batching.with(name, v));
      }
      throw ParamNames.unknown(OWNER, name, PARAMS);
    }
    int dpw = dropsPerWeek;
    double cov = windowCoverage;
    int mwh = minWindowHours;
    double rt = recoveryThreshold;
    int mgd = maxGapDays;
    int mro = minRecoveryObservations;
    double wp = weekdayPriorDropDays;
    double hp = hourPriorOrders;
    double cp = confidencePenalty;
    double hi = highConfidenceMaxRelativeError;
    double med = mediumConfidenceMaxRelativeError;
    int mmd = minMerchantDropDays;
    switch (name) {
      case "dropsPerWeek" -> dpw = ParamNames.integer(OWNER, name, v);
      case "windowCoverage" -> cov = v;
      case "minWindowHours" -> mwh = ParamNames.integer(OWNER, name, v);
      case "recoveryThreshold" -> rt = v;
      case "maxGapDays" -> mgd = ParamNames.integer(OWNER, name, v);
      case "minRecoveryObservations" -> mro = ParamNames.integer(OWNER, name, v);
      case "weekdayPriorDropDays" -> wp = v;
      case "hourPriorOrders" -> hp = v;
      case "confidencePenalty" -> cp = v;
      case "highConfidenceMaxRelativeError" -> hi = v;
      case "mediumConfidenceMaxRelativeError" -> med = v;
      case "minMerchantDropDays" -> mmd = ParamNames.integer(OWNER, name, v);
      default -> throw new AssertionError(name);
    }
    return new CadenceParams(dpw, cov, mwh, rt, mgd, mro, wp, hp, cp, hi, med, mmd, batching);
  }
}

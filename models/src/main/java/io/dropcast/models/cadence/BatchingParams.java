package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.List;

/**
 * The cost weights and search limits of {@link BatchPlanner}: a plan's cost is
 * <pre>  overCapacityWeight x sum over hours of max(0, pickups - capacity)
 *   + unmetDemandWeight x unmet demand (units)
 *   + sellOutTimeWeight x hours from the window start to the sell-out (the window length when units remain)</pre>
 * Every parameter has its default, rule and help in {@link #PARAMS}; the constructor validates them all.
 *
 * @param overCapacityWeight cost of one expected pickup above the hub's pick/pack capacity in an hour
 * @param unmetDemandWeight cost of one unit of expected demand that finds no stock
 * @param sellOutTimeWeight cost of one hour between the window start and the sell-out
 * @param maxBatches largest number of micro-release batches searched, 1 to {@link #MAX_BATCHES}
 * @param sizeSteps batch sizes are multiples of {@code ceil(units / sizeSteps)} (the last batch takes the rest)
 * @param backlogShare share of the demand that finds no stock and comes back at the next release (0 = lost)
 * @param jointRounds rounds of best-response re-planning of {@link HubDayPlanner} after its first pass, 0 to
 *     {@link #MAX_JOINT_ROUNDS}
 */
public record BatchingParams(double overCapacityWeight, double unmetDemandWeight, double sellOutTimeWeight,
    int maxBatches, int sizeSteps, double backlogShare, int jointRounds) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The search is exhaustive, so the number of batches is capped (see {@link BatchPlanner}). */
  public static final int MAX_BATCHES = 4;

  /** {@link HubDayPlanner} stops after this many improvement rounds at most. */
  public static final int MAX_JOINT_ROUNDS = 10;

  public static final List<ParamDoc> PARAMS = List.of(
      new ParamDoc("overCapacityWeight", "1.0", "a finite number >= 0",
          "Cost of one expected pickup above the hub's pick/pack capacity in an hour."),
      new ParamDoc("unmetDemandWeight", "1.0", "a finite number >= 0",
          "Cost of one unit of expected demand that finds no stock."),
      new ParamDoc("sellOutTimeWeight", "0.5", "a finite number >= 0",
          "Cost of one hour from the window start to the sell-out (the window length when units remain)."),
      new ParamDoc("maxBatches", "4", "an integer from 1 to " + MAX_BATCHES,
          "Largest number of micro-release batches the planner searches."),
      new ParamDoc("sizeSteps", "20", "an integer from 1 to 100",
          "Batch sizes are multiples of ceil(units / sizeSteps); the last batch takes the rest."),
      new ParamDoc("backlogShare", "0.0", "a number from 0 to 1",
          "Share of the demand that finds no stock and buys at the next release instead (0: it is lost)."),
      new ParamDoc("jointRounds", "3", "an integer from 0 to " + MAX_JOINT_ROUNDS,
          "Rounds in which the hub-day planner re-plans each drop against the others' load after its first pass "
              + "(0: one pass, each drop planned on the capacity the earlier ones left)."));

  private static final BatchingParams DEFAULTS = new BatchingParams(1.0, 1.0, 0.5, 4, 20, 0.0, 3);

  public BatchingParams {
    weight("overCapacityWeight", overCapacityWeight);
    weight("unmetDemandWeight", unmetDemandWeight);
    weight("sellOutTimeWeight", sellOutTimeWeight);
    if (overCapacityWeight + unmetDemandWeight + sellOutTimeWeight == 0) {
      throw CadenceErrors.invalid("BatchingParams weights overCapacityWeight, unmetDemandWeight and "
              + "sellOutTimeWeight are all 0", "every plan would then cost 0 and the choice would be arbitrary",
          "give at least one weight a positive value (defaults 1.0, 1.0, 0.5)");
    }
    if (maxBatches < 1 || maxBatches > MAX_BATCHES) {
      throw CadenceErrors.badParam("BatchingParams", "maxBatches", maxBatches, "an integer from 1 to " + MAX_BATCHES,
          "set it between 1 and " + MAX_BATCHES + " (default 4): the search is exhaustive and grows steeply with it");
    }
    if (sizeSteps < 1 || sizeSteps > 100) {
      throw CadenceErrors.badParam("BatchingParams", "sizeSteps", sizeSteps, "an integer from 1 to 100",
          "set it between 1 and 100 (default 20)");
    }
    if (!(backlogShare >= 0 && backlogShare <= 1)) {
      throw CadenceErrors.badParam("BatchingParams", "backlogShare", backlogShare, "a number from 0 to 1",
          "set it between 0 (unmet demand is lost) and 1 (all of it waits for the next release); default 0");
    }
    if (jointRounds < 0 || jointRounds > MAX_JOINT_ROUNDS) {
      throw CadenceErrors.badParam("BatchingParams", "jointRounds", jointRounds,
          "an integer from 0 to " + MAX_JOINT_ROUNDS, "set it between 0 and " + MAX_JOINT_ROUNDS + " (default 3)");
    }
  }

  private static void weight(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw CadenceErrors.badParam("BatchingParams", name, value, "a finite number >= 0",
          "set " + name + " to a finite number >= 0 (0 switches the term off)");
    }
  }

  /** The defaults of {@link #PARAMS}. */
  public static BatchingParams defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with one parameter set by name, for mapping configuration keys; an unknown name is rejected with
   * the list of known ones.
   */
  public BatchingParams with(String name, double value) {
    return switch (name) {
      case "overCapacityWeight" -> new BatchingParams(value, unmetDemandWeight, sellOutTimeWeight, maxBatches,
          sizeSteps, backlogShare, jointRounds);
      case "unmetDemandWeight" -> new BatchingParams(overCapacityWeight, value, sellOutTimeWeight, maxBatches,
          sizeSteps, backlogShare, jointRounds);
      case "sellOutTimeWeight" -> new BatchingParams(overCapacityWeight, unmetDemandWeight, value, maxBatches,
          sizeSteps, backlogShare, jointRounds);
      case "maxBatches" -> new BatchingParams(overCapacityWeight, unmetDemandWeight, sellOutTimeWeight,
          ParamNames.integer("BatchingParams", name, value), sizeSteps, backlogShare, jointRounds);
      case "sizeSteps" -> new BatchingParams(overCapacityWeight, unmetDemandWeight, sellOutTimeWeight, maxBatches,
          ParamNames.integer("BatchingParams", name, value), backlogShare, jointRounds);
      case "backlogShare" -> new BatchingParams(overCapacityWeight, unmetDemandWeight, sellOutTimeWeight,
          maxBatches, sizeSteps, value, jointRounds);
      case "jointRounds" -> new BatchingParams(overCapacityWeight, unmetDemandWeight, sellOutTimeWeight,
          maxBatches, sizeSteps, backlogShare, ParamNames.integer("BatchingParams", name, value));
      default -> throw ParamNames.unknown("BatchingParams", name, PARAMS);
    };
  }
}

package io.dropcast.plan;

import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.models.plan.CategoryCosts;
import io.dropcast.models.plan.UnitCosts;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a plan run needs besides its tables, resolved from the configuration (and a scenario's overrides)
 * before any data is read. Serializable: the solver carries it to the executors.
 *
 * @param planDate run date D
 * @param horizonDays drops starting on D+1 .. D+horizonDays are planned
 * @param costs shortage and leftover cost per category
 * @param transferCostByHub cost per unit placed at a hub (0 when absent)
 * @param correlation correlation between a hub's neighbourhoods when their quantiles are summed (the fallback of
 *     the residuals estimate, which travels with the pairs as their {@code correlation} column)
 * @param maxArcsPerPair the allocator's segment limit
 * @param scenario the what-if overrides; {@link Scenario#NONE} for the production plan
 * @param demandSplit {@link Keys#SPLIT_PICKUP_HISTORY} or {@link Keys#SPLIT_DISTANCE}
 * @param pickupHistoryDays days of pickups the pickup-history split learns from
 * @param pickupHistoryPrior weight of the distance weights in it, in pickup orders
 * @param dropAppeal {@link Keys#APPEAL_UPLIFT} or {@link Keys#APPEAL_EQUAL}
 * @param appealDays days of past drops the drop-appeal fit learns from
 * @param correlationEstimate {@link Keys#CORRELATION_RESIDUALS} or {@link Keys#CORRELATION_FIXED}
 * @param correlationDays days of day-ahead forecasts whose errors the residuals estimate reads
 */
public record PlanParams(LocalDate planDate, int horizonDays, CategoryCosts costs, Map<String, Double> transferCostByHub,
    double correlation, int maxArcsPerPair, Scenario scenario, String demandSplit,
    int pickupHistoryDays, double pickupHistoryPrior, String dropAppeal, int appealDays,
    String correlationEstimate, int correlationDays) implements Serializable {
  private static final long serialVersionUID = 1L;

  public PlanParams {
    Objects.requireNonNull(planDate, "planDate");
    Objects.requireNonNull(costs, "costs");
    transferCostByHub = Map.copyOf(transferCostByHub);
    Objects.requireNonNull(scenario, "scenario");
  }

  /** The production plan's parameters from the configuration. */
  public static PlanParams from(DropcastConfig config, LocalDate planDate) {
    return from(config, planDate, Scenario.NONE);
  }

  /** A plan's parameters from the configuration, with a scenario's cost overrides applied. */
  public static PlanParams from(DropcastConfig config, LocalDate planDate, Scenario scenario) {
    double p = scenario.shortageCost() != null ? scenario.shortageCost() : config.get(Keys.PLAN_SHORTAGE_COST);
    double h = scenario.leftoverCost() != null ? scenario.leftoverCost() : config.get(Keys.PLAN_LEFTOVER_COST);
    Map<String, UnitCosts> byCategory = new TreeMap<>();
    Map<String, Double> shortage = numbers(config.get(Keys.PLAN_SHORTAGE_COST_BY_CATEGORY));
    Map<String, Double> leftover = numbers(config.get(Keys.PLAN_LEFTOVER_COST_BY_CATEGORY));
    // A scenario that sets a cost sets it for every category.
    if (scenario.shortageCost() != null) {
      shortage.clear();
    }
    if (scenario.leftoverCost() != null) {
      leftover.clear();
    }
    TreeMap<String, Boolean> categories = new TreeMap<>();
    shortage.keySet().forEach(c -> categories.put(c, true));
    leftover.keySet().forEach(c -> categories.put(c, true));
    for (String c : categories.keySet()) {
      byCategory.put(c, new UnitCosts(shortage.getOrDefault(c, p), leftover.getOrDefault(c, h)));
    }
    return new PlanParams(planDate, config.get(Keys.PLAN_HORIZON_DAYS), new CategoryCosts(new UnitCosts(p, h), byCategory),
        numbers(config.get(Keys.PLAN_TRANSFER_COST_BY_HUB)), config.get(Keys.PLAN_NEIGHBOURHOOD_CORRELATION),
        config.get(Keys.PLAN_MAX_ARCS_PER_PAIR), scenario,
        config.get(Keys.PLAN_DEMAND_SPLIT), config.get(Keys.PLAN_PICKUP_HISTORY_DAYS),
        config.get(Keys.PLAN_PICKUP_HISTORY_PRIOR), config.get(Keys.PLAN_DROP_APPEAL),
        config.get(Keys.PLAN_APPEAL_DAYS), config.get(Keys.PLAN_CORRELATION_ESTIMATE),
        config.get(Keys.PLAN_CORRELATION_DAYS));
  }

  /** The first and last drop dates the plan covers. */
  public LocalDate firstDropDate() {
    return planDate.plusDays(1);
  }

  public LocalDate lastDropDate() {
    return planDate.plusDays(horizonDays);
  }

  double transferCost(String hubId) {
    return transferCostByHub.getOrDefault(hubId, 0.0);
  }

  /** The values of a map key whose validator already checked that each is a number >= 0. */
  private static Map<String, Double> numbers(Map<String, String> raw) {
    Map<String, Double> out = new TreeMap<>();
    raw.forEach((k, v) -> out.put(k, Double.parseDouble(v)));
    return out;
  }
}

package io.dropcast.directory;

import java.time.LocalDate;

/**
 * One line of a hub prepositioning plan: how many units of a drop to place at a hub before the drop opens,
 * with the demand the plan expects there. A row of {@code hub_prepositioning_plan} (docs/tables.md).
 *
 * @param planDate run date of the plan
 * @param dropDate local date the drop starts
 * @param units units to place at the hub, >= 0
 * @param expectedDemand median (P50) of the demand the hub will see for the drop
 * @param demandP10 10% quantile of that demand
 * @param demandP90 90% quantile of that demand
 * @param expectedFillRate expected sales / expected demand at the hub, in [0, 1]
 * @param expectedLeftover expected units left unsold at the hub
 * @param expectedWithinSla expected share of the hub's orders ready within the pickup SLA, in [0, 1]
 * @param reason what bound the units: capacity_bound, stock_bound or demand_bound
 * @param modelId forecast model the plan used
 * @param runId Dropcast run that wrote the plan
 */
public record PlanLine(LocalDate planDate, LocalDate dropDate, String dropId, String skuId, String category,
    String hubId, int units, double expectedDemand, double demandP10, double demandP90, double expectedFillRate,
    double expectedLeftover, double expectedWithinSla, String reason, String modelId, String runId) {}

/**
 * Hub prepositioning plans: how many units of each drop to place at each micro-hub before it opens.
 *
 * <ul>
 *   <li>{@link io.dropcast.models.plan.QuantileDistribution}: a demand distribution given by a few quantiles,
 *       with a piecewise-linear quantile function and closed-form expectations;</li>
 *   <li>{@link io.dropcast.models.plan.HubDemand}: the distribution a hub sees, from the weighted quantiles of
 *       its catchment neighbourhoods;</li>
 *   <li>{@link io.dropcast.models.plan.Newsvendor}: critical ratio, target units and expected sales, leftover,
 *       shortage and fill rate of a placed quantity;</li>
 *   <li>{@link io.dropcast.models.plan.Allocator}: the exact day-level allocation of drop stock to hub
 *       capacity (OR-Tools min-cost flow);</li>
 *   <li>{@link io.dropcast.models.plan.PlanBaselines}: equal split and sales-share split, same result type;</li>
 *   <li>{@link io.dropcast.models.plan.PlanCost}: the realised cost of a plan against actual demand.</li>
 * </ul>
 *
 * <p>Everything here is plain Java over serializable records, with no Spark and no I/O, so a job can run one
 * planning problem per day and city inside {@code mapPartitions} or a grouped apply on the executors.
 */
package io.dropcast.models.plan;

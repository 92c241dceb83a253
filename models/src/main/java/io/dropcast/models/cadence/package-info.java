/**
 * Drop cadence recommendations: when to drop (weekdays, release window, interval between drops) and how to
 * release a drop's units (micro-release batches) so that the hub's pick/pack load stays within capacity.
 *
 * <ul>
 *   <li>{@link io.dropcast.models.cadence.DemandProfile}: weekday and hour-of-day demand, shrunk towards the
 *       category (Gamma-Poisson empirical Bayes), with a confidence per weekday;</li>
 *   <li>{@link io.dropcast.models.cadence.RecoveryModel}: the demand multiplier of a drop after a gap of
 *       {@code g} days, {@code 1 - dip exp(-rate (g - 1))};</li>
 *   <li>{@link io.dropcast.models.cadence.UpliftModel}: log-linear effects of push, SMS and discount depth;</li>
 *   <li>{@link io.dropcast.models.cadence.ReleaseCurve}: release-relative demand, the share of a drop's orders by
 *       whole hours since the latest release, so that a planned batching draws its own rush of orders;</li>
 *   <li>{@link io.dropcast.models.cadence.SellThroughSimulator}: the expected (fluid) course of a drop released
 *       in batches: sales, sell-out, unmet demand, pickups per hour against capacity; and a seeded Monte Carlo
 *       twin;</li>
 *   <li>{@link io.dropcast.models.cadence.BatchPlanner}: the exact cheapest batching over a small grid;</li>
 *   <li>{@link io.dropcast.models.cadence.HubDayPlanner}: the batchings of all the drops of a hub on a day
 *       together, against the hub's whole pick/pack capacity (first pass in release order, then best-response
 *       rounds), and the course of a hub's day under given batchings;</li>
 *   <li>{@link io.dropcast.models.cadence.CadenceRecommender}: all of the above into one
 *       {@link io.dropcast.models.cadence.CadenceRecommendation} per group, with its evidence; the category
 *       groups of a hub that share a weekday planned together ({@code recommendAtHub});</li>
 *   <li>{@link io.dropcast.models.cadence.CadenceReplay}: recommended against historical batching on past
 *       drops one by one, same simulator, same demand (the evaluate-cadence job replays hub-day by hub-day with
 *       {@link io.dropcast.models.cadence.HubDayPlanner} instead).</li>
 * </ul>
 *
 * <p>Plain Java over serializable records, no Spark and no I/O: the cadence job aggregates history with Spark
 * into the small inputs ({@link io.dropcast.models.cadence.DemandHistory},
 * {@link io.dropcast.models.cadence.RecoveryObservation}, {@link io.dropcast.models.cadence.DropOutcome},
 * {@link io.dropcast.models.cadence.HubCapacity}) and calls {@code CadenceRecommender.recommendAtHub} once per hub (and
 * {@code recommend} once per merchant group) inside a grouped map. Everything is deterministic; configuration is
 * {@link io.dropcast.models.cadence.CadenceParams} and {@link io.dropcast.models.cadence.BatchingParams}.
 */
package io.dropcast.models.cadence;

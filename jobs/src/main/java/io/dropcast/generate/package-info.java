/**
 * The synthetic micro-drop world behind {@code dropcast generate}: a deterministic city history written as landing
 * files against the raw data contract ({@code contract/v1/*.avsc}) plus the truth for scoring.
 *
 * <p>Pure parts, testable without files: {@link io.dropcast.generate.WorldParams} (validated options),
 * {@link io.dropcast.generate.World} (neighbourhoods, hubs, categories, merchants, calibrated demand scale),
 * {@link io.dropcast.generate.DropSchedule} (a day's drops), {@link io.dropcast.generate.DemandModel} (expected
 * demand) and {@link io.dropcast.generate.OrderSimulator} (one day: attempts, sell-outs, orders, late versions,
 * truth). The I/O parts: {@code DayWriter} with one sink per format (Parquet through parquet-avro, CSV, JSON
 * lines), {@code WorldJson}, and {@link io.dropcast.generate.Generator}, which streams the days through a small
 * thread pool. docs/contract.md describes the output.
 */
package io.dropcast.generate;

/**
 * Demand forecasting: leak-free features ({@link io.dropcast.models.forecast.ForecastFeatures}), three
 * forecasters behind one Estimator/Model interface ({@link io.dropcast.models.forecast.DemandForecaster},
 * {@link io.dropcast.models.forecast.DemandForecastModel}), conformal quantiles
 * ({@link io.dropcast.models.forecast.ConformalCalibrator}), a rolling-origin backtest, metrics, bottom-up
 * aggregation and cold-start pooling. No job I/O: everything takes and returns Datasets.
 *
 * <h2>Output contract of a forecast</h2>
 * One row per series, origin and horizon: the key columns ({@code neighbourhood}, {@code category}), then
 * {@code origin} (date: the first forecast day; data up to origin - 1 is used), {@code target_date}
 * (= origin + horizon - 1), {@code horizon} (int, 1..H), {@code prediction} (double, &ge; 0),
 * {@code level} (double: the series' mean over the 28 days before origin, or its pooled level when
 * cold), {@code cold_start} (boolean), and when the model is calibrated one double column per quantile
 * named {@code q_} + the quantile with at least two decimals and the dot replaced by an underscore:
 * 0.1 &rarr; {@code q_0_10}, 0.5 &rarr; {@code q_0_50}, 0.975 &rarr; {@code q_0_975}
 * ({@link io.dropcast.models.forecast.QuantileColumns}). Every name is a Param.
 */
package io.dropcast.models.forecast;

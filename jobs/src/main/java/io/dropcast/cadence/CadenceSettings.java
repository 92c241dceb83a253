package io.dropcast.cadence;

import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.models.cadence.BatchingParams;
import io.dropcast.models.cadence.CadenceParams;
import java.io.Serializable;

/**
 * The cadence jobs' typed configuration: the history window, the pickup horizon and the model parameters
 * ({@code dropcast.cadence.*}, declared in {@link Keys}). Model parameters not exposed as keys keep the defaults of
 * {@link CadenceParams#PARAMS}.
 *
 * @param historyDays days of history up to and including the run date
 * @param maxPickupDelayHours pickups are modelled up to this many hours after the order
 * @param params the recommender's parameters
 */
public record CadenceSettings(int historyDays, int maxPickupDelayHours, CadenceParams params)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Reads and validates every cadence key (the model constructors check the combinations). */
  public static CadenceSettings from(DropcastConfig config) {
    BatchingParams batching = BatchingParams.defaults()
        .with("overCapacityWeight", config.get(Keys.CADENCE_OVER_CAPACITY_WEIGHT))
        .with("unmetDemandWeight", config.get(Keys.CADENCE_UNMET_DEMAND_WEIGHT))
        .with("sellOutTimeWeight", config.get(Keys.CADENCE_SELL_OUT_TIME_WEIGHT))
        .with("maxBatches", config.get(Keys.CADENCE_MAX_BATCHES))
        .with("sizeSteps", config.get(Keys.CADENCE_SIZE_STEPS))
        .with("backlogShare", config.get(Keys.CADENCE_BACKLOG_SHARE))
        .with("jointRounds", config.get(Keys.CADENCE_JOINT_ROUNDS));
    CadenceParams params = CadenceParams.defaults().withBatching(batching)
        .with("dropsPerWeek", config.get(Keys.CADENCE_DROPS_PER_WEEK))
        .with("windowCoverage", config.get(Keys.CADENCE_WINDOW_COVERAGE))
        .with("minWindowHours", config.get(Keys.CADENCE_MIN_WINDOW_HOURS))
        .with("recoveryThreshold", config.get(Keys.CADENCE_RECOVERY_THRESHOLD))
        .with("minMerchantDropDays", config.get(Keys.CADENCE_MIN_MERCHANT_DROP_DAYS));
    return new CadenceSettings(config.get(Keys.CADENCE_HISTORY_DAYS), config.get(Keys.CADENCE_MAX_PICKUP_DELAY_HOURS),
        params);
  }

  /** The defaults of every key. */
  public static CadenceSettings defaults() {
    return from(DropcastConfig.defaults());
  }
}

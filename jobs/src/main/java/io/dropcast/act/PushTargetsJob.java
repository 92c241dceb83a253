package io.dropcast.act;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.dropcast.cli.JobContext;
import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.plan.PlanInputs;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code dropcast push-targets --date D}: for each drop of the plan of D, the neighbourhoods to notify, into
 * {@code push_targets} (replaceWhere plan_date = D). Reads the plan, forecast, catchments and hubs of D, the
 * orders of the audience window and the drops and orders of the uplift history, all dated <= D.
 */
public final class PushTargetsJob {
  private PushTargetsJob() {}

  /** What a run wrote. */
  public record Result(long version, long drops, long candidates, long notified, double notifiedDemand) {}

  public static Result run(JobContext context, LocalDate date) {
    Warehouse warehouse = context.warehouse();
    DropcastConfig config = context.config();
    Date d = Date.valueOf(date);
    int horizon = config.get(Keys.PLAN_HORIZON_DAYS);
    Dataset<Row> plan = PlanOfDate.read(context, date).rows();
    LocalDate first = date.plusDays(1);
    LocalDate last = date.plusDays(horizon);
    Dataset<Row> drops = warehouse.read(Tables.DROPS);
    Dataset<Row> orders = warehouse.read(Tables.ORDERS).filter(col("order_date").leq(lit(d)));
    Dataset<Row> catchments = warehouse.read(Tables.CATCHMENTS);
    Dataset<Row> hubs = warehouse.read(Tables.HUBS);
    Dataset<Row> weights = catchments.select("neighbourhood", "hub_id", "weight");
    if (config.get(Keys.PLAN_DEMAND_SPLIT).equals(Keys.SPLIT_PICKUP_HISTORY)) {
      weights = PlanInputs.pickupHistoryWeights(catchments, orders, date, config.get(Keys.PLAN_PICKUP_HISTORY_DAYS),
          config.get(Keys.PLAN_PICKUP_HISTORY_PRIOR));
    }
    Dataset<Row> upcoming = PlanInputs.upcomingDrops(drops, first, last)
        .join(PushTargets.upcomingChannels(drops, first, last), "drop_id");
    Dataset<Row> forecast = warehouse.read(Tables.DEMAND_FORECAST).filter(col("run_date").equalTo(lit(d))
        .and(col("target_date").between(lit(Date.valueOf(first)), lit(Date.valueOf(last)))));
    Dataset<Row> candidates = PushTargets.candidates(plan, upcoming, weights, catchments, hubs, forecast);
    ChannelUplift.Fits fits = ChannelUplift.fits(ChannelUplift.outcomes(drops, orders, catchments, date,
        config.get(Keys.ACT_PUSH_UPLIFT_HISTORY_DAYS)));
    Dataset<Row> withUplift = PushTargets.withUplift(candidates, fits.own(), fits.category(),
        config.get(Keys.ACT_PUSH_UPLIFT_PRIOR_DROPS));
    int audienceDays = config.get(Keys.ACT_PUSH_AUDIENCE_DAYS);
    Dataset<Row> targets = PushTargets.targets(withUplift, PushTargets.audience(orders, date, audienceDays),
        PushTargets.unitsPerOrder(orders, date, audienceDays), date, context.runId());
    PlanOfDate.Pinned written = PlanOfDate.replace(context, Tables.PUSH_TARGETS, targets, date);
    long version = written.version();
    Row t = context.step("push-targets " + date + ": summarise", () -> written.rows()
        .agg(org.apache.spark.sql.functions.countDistinct("drop_id"), count(lit(1)),
            sum(when(col("notified"), 1).otherwise(0)),
            sum(when(col("notified"), col("expected_demand_notified")).otherwise(0.0))).head());
    return new Result(version, t.getLong(0), t.getLong(1), t.isNullAt(2) ? 0 : t.getLong(2),
        t.isNullAt(3) ? 0 : t.getDouble(3));
  }
}

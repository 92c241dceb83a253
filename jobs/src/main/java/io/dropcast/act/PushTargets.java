package io.dropcast.act;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.dropcast.tables.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The pure Spark transformations of push-targets (no I/O): candidates per (drop, neighbourhood) with their
 * expected demand, uplift and audience, then the ranking and cap of {@link PushTargeting}, one drop per group on
 * the executors.
 *
 * <p><b>Expected demand.</b> As the plan splits it (docs/plan.md): the forecast mean of neighbourhood {@code n},
 * category {@code c} and the drop's day, times {@code sum over hubs h holding units of the drop, reachable from n,
 * of w(n, h) / A(n)}, with {@code A(n)} the sum of {@code w(n, h')} over the day's drops of {@code c} and their
 * eligible hubs. A hub is reachable when it is in n's catchment within reach and the trip fits in its pickup SLA
 * ({@code travel_minutes <= 60 x pickup_sla_hours}).
 */
public final class PushTargets {
  private PushTargets() {}

  static final StructType RANKED_SCHEMA = new StructType()
      .add("drop_id", DataTypes.StringType, false)
      .add("neighbourhood", DataTypes.StringType, false)
      .add("rank", DataTypes.IntegerType, false)
      .add("notified", DataTypes.BooleanType, false)
      .add("expected_demand_notified", DataTypes.DoubleType, false)
      .add("cumulative_expected_demand", DataTypes.DoubleType, false);

  /**
   * Candidates: drop_date, drop_id, category, neighbourhood, hub_id (serving hub), channels, expected_demand,
   * units_placed.
   *
   * @param plan the plan rows of the date (drop_date, drop_id, category, hub_id, units)
   * @param upcoming {@code PlanInputs.upcomingDrops} of the plan's drop dates, plus channels
   * @param weights neighbourhood, hub_id, weight (the plan's demand split)
   * @param catchments the catchments table (within_reach, travel_minutes)
   * @param hubs hub_id, pickup_sla_hours
   * @param forecast the forecast rows of the plan's run date (target_date, neighbourhood, category, mean)
   */
  public static Dataset<Row> candidates(Dataset<Row> plan, Dataset<Row> upcoming, Dataset<Row> weights,
      Dataset<Row> catchments, Dataset<Row> hubs, Dataset<Row> forecast) {
    Dataset<Row> holding = plan.filter(col("units").gt(0)).select("drop_id", "hub_id", "units");
    Dataset<Row> placed = holding.groupBy("drop_id").agg(sum("units").cast("int").as("units_placed"));
    Dataset<Row> reach = catchments.filter(col("within_reach")).select("neighbourhood", "hub_id", "travel_minutes")
        .join(broadcast(hubs.select("hub_id", "pickup_sla_hours")), "hub_id")
        .filter(col("travel_minutes").leq(col("pickup_sla_hours").multiply(60)))
        .select("neighbourhood", "hub_id");
    Dataset<Row> eligible = upcoming.select(col("drop_date"), col("drop_id"), col("category"),
        explode(col("hub_ids")).as("hub_id"));
    Dataset<Row> total = eligible.join(weights, "hub_id")
        .groupBy("drop_date", "category", "neighbourhood").agg(sum("weight").as("total_weight"));
    Dataset<Row> shares = eligible.join(holding.select("drop_id", "hub_id"), new String[] {"drop_id", "hub_id"})
        .join(reach, "hub_id")
        .join(weights, new String[] {"neighbourhood", "hub_id"})
        .join(total, new String[] {"drop_date", "category", "neighbourhood"})
        .withColumn("share", col("weight").divide(col("total_weight")))
        .groupBy("drop_date", "drop_id", "category", "neighbourhood")
        .agg(sum("share").as("share"), max_by(col("hub_id"), struct(col("weight"), col("hub_id"))).as("hub_id"));
    Dataset<Row> demand = forecast.select(col("target_date").as("drop_date"), col("neighbourhood"),
        col("category"), col("mean"));
    Dataset<Row> channels = upcoming.select(col("drop_id"),
        when(size(col("channels")).gt(0), col("channels")).otherwise(array(lit("push"))).as("channels"));
    return shares.join(demand, new String[] {"drop_date", "neighbourhood", "category"}, "left")
        .join(placed, "drop_id").join(channels, "drop_id")
        .select(col("drop_date"), col("drop_id"), col("category"), col("neighbourhood"), col("hub_id"),
            col("channels"), coalesce(col("mean"), lit(0.0)).multiply(col("share")).as("expected_demand"),
            col("units_placed"));
  }

  /** The channels of each upcoming drop (the union over its batches): drop_id, channels. */
  public static Dataset<Row> upcomingChannels(Dataset<Row> drops, LocalDate first, LocalDate last) {
    return drops.filter(col("drop_date").between(lit(Date.valueOf(first)), lit(Date.valueOf(last))))
        .groupBy("drop_id").agg(array_distinct(flatten(collect_list("channels"))).as("channels"));
  }

  /**
   * The uplift of each candidate's notification: the product over its channels of the neighbourhood's effect
   * shrunk towards the category's ({@link PushTargeting#shrink}); adds uplift, uplift_source, uplift_drops.
   */
  public static Dataset<Row> withUplift(Dataset<Row> candidates, Dataset<Row> fits, Dataset<Row> categoryFits,
      double priorDrops) {
    Dataset<Row> joined = candidates
        .join(fits.select("neighbourhood", "category", "drops", "push_effect", "push_evidence", "sms_effect",
            "sms_evidence"), new String[] {"neighbourhood", "category"}, "left")
        .join(categoryFits, new String[] {"category"}, "left");
    Column k = lit(priorDrops);
    Column push = shrunk(col("push_effect"), col("push_evidence"), col("cat_push_effect"), k);
    Column sms = shrunk(col("sms_effect"), col("sms_evidence"), col("cat_sms_effect"), k);
    Column usesPush = org.apache.spark.sql.functions.array_contains(col("channels"), "push");
    Column usesSms = org.apache.spark.sql.functions.array_contains(col("channels"), "sms");
    Column uplift = when(usesPush, push).otherwise(lit(1.0)).multiply(when(usesSms, sms).otherwise(lit(1.0)));
    Column ownEvidence = when(usesPush, coalesce(col("push_evidence"), lit(0))).otherwise(lit(0))
        .plus(when(usesSms, coalesce(col("sms_evidence"), lit(0))).otherwise(lit(0)));
    return joined.withColumn("uplift", uplift)
        .withColumn("uplift_source", when(ownEvidence.gt(0), lit("neighbourhood"))
            .when(coalesce(col("cat_identified"), lit(false)), lit("category")).otherwise(lit("none")))
        .withColumn("uplift_drops", coalesce(col("drops"), lit(0)))
        .drop("drops", "push_effect", "push_evidence", "sms_effect", "sms_evidence", "cat_push_effect",
            "cat_sms_effect", "cat_identified");
  }

  /** {@link PushTargeting#shrink} as a column: {@code exp((m log own + k log cat) / (m + k))}, cat when m = 0. */
  private static Column shrunk(Column own, Column evidence, Column category, Column k) {
    Column cat = coalesce(category, lit(1.0));
    Column m = coalesce(evidence, lit(0)).cast("double");
    return when(m.gt(0), org.apache.spark.sql.functions.exp(m.multiply(org.apache.spark.sql.functions.log(own))
        .plus(k.multiply(org.apache.spark.sql.functions.log(cat))).divide(m.plus(k)))).otherwise(cat);
  }

  /**
   * Audience per neighbourhood: distinct customer hashes with an order (not cancelled) dated
   * {@code (date - days, date]}; and the mean units per order of each category over the same days.
   */
  public static Dataset<Row> audience(Dataset<Row> orders, LocalDate date, int days) {
    return recent(orders, date, days).groupBy("neighbourhood")
        .agg(countDistinct("customer_hash").as("audience_size"));
  }

  public static Dataset<Row> unitsPerOrder(Dataset<Row> orders, LocalDate date, int days) {
    return recent(orders, date, days).groupBy("category").agg(avg("units").as("units_per_order"));
  }

  private static Dataset<Row> recent(Dataset<Row> orders, LocalDate date, int days) {
    return orders.filter(col("order_date").between(lit(Date.valueOf(date.minusDays(days - 1L))),
        lit(Date.valueOf(date))).and(col("status").notEqual("cancelled")));
  }

  /** Ranks and caps each drop's candidates with {@link PushTargeting#rankAndCap}, then the table's columns. */
  public static Dataset<Row> targets(Dataset<Row> candidates, Dataset<Row> audience, Dataset<Row> unitsPerOrder,
      LocalDate planDate, String runId) {
    Dataset<Row> ranked = candidates.select("drop_id", "neighbourhood", "expected_demand", "uplift", "units_placed")
        .groupByKey((MapFunction<Row, String>) r -> r.getAs("drop_id"), Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (dropId, rows) -> {
          List<PushTargeting.Candidate> list = new ArrayList<>();
          int units = 0;
          while (rows.hasNext()) {
            Row r = rows.next();
            list.add(new PushTargeting.Candidate(r.getAs("neighbourhood"), r.getAs("expected_demand"),
                r.getAs("uplift")));
            units = r.getAs("units_placed");
          }
          List<Row> out = new ArrayList<>();
          for (PushTargeting.Target t : PushTargeting.rankAndCap(list, units)) {
            out.add(RowFactory.create(dropId, t.candidate().neighbourhood(), t.rank(), t.notified(),
                t.candidate().expectedDemandNotified(), t.cumulativeExpectedDemand()));
          }
          return out.iterator();
        }, Encoders.row(RANKED_SCHEMA));
    Column expectedOrders = col("expected_demand_notified")
        .divide(coalesce(col("units_per_order"), lit(1.0)));
    Dataset<Row> rows = candidates.join(ranked, new String[] {"drop_id", "neighbourhood"})
        .join(audience, new String[] {"neighbourhood"}, "left")
        .join(unitsPerOrder, new String[] {"category"}, "left")
        .withColumn("audience_size", coalesce(col("audience_size"), lit(0L)))
        .withColumn("expected_orders", expectedOrders)
        .withColumn("expected_orders_per_notification", when(col("audience_size").gt(0),
            col("expected_orders").divide(col("audience_size"))))
        .withColumn("plan_date", lit(Date.valueOf(planDate)))
        .withColumn("run_id", lit(runId));
    return rows.select(Arrays.stream(Tables.PUSH_TARGETS.schema().fieldNames()).map(c -> col(c))
        .toArray(Column[]::new));
  }
}

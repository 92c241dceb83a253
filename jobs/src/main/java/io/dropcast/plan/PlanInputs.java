package io.dropcast.plan;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The pure Spark transformations that turn the plan's tables into one row per eligible (drop, hub) pair, with
 * everything the solver needs: no I/O, testable on a few rows.
 *
 * <p><b>How a neighbourhood's forecast becomes demand per (drop, hub).</b> The forecast is the demand of a
 * neighbourhood {@code n} and category {@code c} on a day for all that category's drops together. Each drop
 * {@code d} of {@code c} that day reaches {@code n} through the hubs of {@code n}'s catchment where it is
 * eligible; with catchment weights {@code w(n, h)} (inverse distance, summing to 1 per neighbourhood) the pair
 * {@code (d, h)} gets the share
 * <pre>  s(n; d, h) = a(d) w(n, h) / A(n),   A(n) = sum over the day's drops d' of c and their eligible hubs h' of a(d') w(n, h')</pre>
 * of {@code n}'s demand, with {@code a(d)} the drop's appeal (an {@code appeal} column of the upcoming drops,
 * see {@code DropAppeal}; 1 without it). So a neighbourhood served by two hubs splits its demand by distance; two
 * drops of a category sharing a hub split that hub's part by their appeal (equally without it); drops at
 * different hubs split by how near their hubs are and by appeal; and all of {@code n}'s demand goes to the day's drops as long as one of them is eligible at a hub of its
 * catchment (otherwise its customers have no drop within reach and it is not planned). The hub's demand for the
 * drop is then the weighted sum {@code sum_n s(n; d, h) D_n}, combined by {@code HubDemand.combine}.
 */
public final class PlanInputs {
  private PlanInputs() {}

  /**
   * The drops starting on {@code first .. last}: one row per drop (its batches summed), with drop_date,
   * drop_id, sku_id, category, stock (units released over the batches in range), hub_ids (sorted, distinct),
   * starts_at, ends_at, push and sms (announced so in any batch) and depth (1 - price / list price of the cheapest
   * batch, within [0, 0.99]). Only the schedule is read, never sales.
   */
  public static Dataset<Row> upcomingDrops(Dataset<Row> drops, LocalDate first, LocalDate last) {
    return drops
        .filter(col("drop_date").between(lit(Date.valueOf(first)), lit(Date.valueOf(last))))
        .groupBy(col("drop_id"))
        .agg(min("drop_date").as("drop_date"), first("sku_id").as("sku_id"), first("category").as("category"),
            sum("units_released").cast("int").as("stock"),
            array_sort(array_distinct(flatten(collect_list(col("hub_ids"))))).as("hub_ids"),
            min("starts_at").as("starts_at"), max("ends_at").as("ends_at"),
            org.apache.spark.sql.functions.array_contains(array_distinct(flatten(collect_list(col("channels")))), "push")
                .as("push"),
            org.apache.spark.sql.functions.array_contains(array_distinct(flatten(collect_list(col("channels")))), "sms")
                .as("sms"),
            org.apache.spark.sql.functions.least(org.apache.spark.sql.functions.greatest(lit(1.0).minus(
                min(col("price").cast("double").divide(col("list_price").cast("double")))), lit(0.0)), lit(0.99))
                .as("depth"));
  }

  /**
   * One row per past drop dated {@code (planDate - days, planDate]} for the appeal fit: drop_id, demand (units
   * ordered from the neighbourhoods it was exposed to, cancelled excluded, orders up to {@code planDate}),
   * baseline (the sum over those neighbourhoods of their mean demand per exposed drop of the category in the same
   * window), push, sms and depth. Exposure and demand are those of {@code ChannelUplift.outcomes}; a drop whose
   * baseline is 0 is left out (nothing to compare it with).
   */
  public static Dataset<Row> appealOutcomes(Dataset<Row> drops, Dataset<Row> orders, Dataset<Row> catchments,
      LocalDate planDate, int days) {
    Dataset<Row> outcomes = io.dropcast.act.ChannelUplift.outcomes(drops, orders, catchments, planDate, days);
    Dataset<Row> baseline = outcomes.groupBy("neighbourhood", "category").agg(
        org.apache.spark.sql.functions.avg("demand").as("baseline"));
    return outcomes.join(baseline, new String[] {"neighbourhood", "category"})
        .groupBy("drop_id")
        .agg(sum("demand").as("demand"), sum("baseline").as("baseline"), first("push").as("push"),
            first("sms").as("sms"), first("depth").as("depth"))
        .filter(col("baseline").gt(0));
  }

  /**
   * Catchment weights learnt from pickups: for each neighbourhood {@code n} and hub {@code h},
   * {@code (c(n, h) + prior * w(n, h)) / (c(n) + prior)}, with {@code c} the pickup orders (not cancelled) placed
   * from {@code n} at {@code h} on the {@code days} days up to {@code planDate} and {@code w} the catchment's
   * distance weight (0 for a hub outside the catchment that customers used anyway). A neighbourhood without
   * pickups keeps its distance weights; one with many follows where its customers actually go, which is the
   * nearest hub where a drop is available rather than a distance-weighted mix. Only orders dated up to the plan
   * date are read.
   *
   * @return neighbourhood, hub_id, weight
   */
  public static Dataset<Row> pickupHistoryWeights(Dataset<Row> catchments, Dataset<Row> orders, LocalDate planDate,
      int days, double prior) {
    Dataset<Row> counts = orders
        .filter(col("order_date").gt(lit(Date.valueOf(planDate.minusDays(days))))
            .and(col("order_date").leq(lit(Date.valueOf(planDate))))
            .and(col("fulfilment_mode").equalTo("pickup")).and(col("status").notEqual("cancelled"))
            .and(col("hub_id").isNotNull()))
        .groupBy("neighbourhood", "hub_id").agg(org.apache.spark.sql.functions.count(lit(1)).as("pickups"));
    Dataset<Row> joined = catchments.select("neighbourhood", "hub_id", "weight")
        .join(counts, new String[] {"neighbourhood", "hub_id"}, "full_outer")
        .na().fill(0.0, new String[] {"weight"}).na().fill(0L, new String[] {"pickups"});
    Dataset<Row> totals = joined.groupBy("neighbourhood").agg(sum("pickups").as("all_pickups"));
    return joined.join(totals, "neighbourhood")
        .select(col("neighbourhood"), col("hub_id"),
            col("pickups").plus(col("weight").multiply(prior)).divide(col("all_pickups").plus(prior)).as("weight"))
        .filter(col("weight").gt(0));
  }

  /**
   * Catchment weights from a hub choice model ({@code HubChoice}): for each neighbourhood {@code n}, the
   * attraction of each hub fitted on its pickups of the past drops dated {@code (planDate - days, planDate]} (pickup
   * orders not cancelled, up to {@code planDate}), each drop offering the hubs it was eligible at among {@code n}'s
   * (its catchment's and those its customers used), with a prior of {@code prior} pickups shared by the catchment's
   * distance weights. Where pickup-history weights give a hub its share of all pickups, these weights give it its
   * share of the pickups of drops offered at both it and the others: a hub used only when the nearest is not
   * offered gets little of a drop offered at both. A neighbourhood without pickups keeps its distance weights.
   *
   * @return neighbourhood, hub_id, weight (> 0; summing to 1 per neighbourhood)
   */
  public static Dataset<Row> pickupChoiceWeights(Dataset<Row> catchments, Dataset<Row> drops, Dataset<Row> orders,
      LocalDate planDate, int days, double prior) {
    Date from = Date.valueOf(planDate.minusDays(days));
    Date to = Date.valueOf(planDate);
    Dataset<Row> counts = orders
        .filter(col("order_date").gt(lit(from)).and(col("order_date").leq(lit(to)))
            .and(col("fulfilment_mode").equalTo("pickup")).and(col("status").notEqual("cancelled"))
            .and(col("hub_id").isNotNull()).and(col("drop_id").isNotNull()))
        .groupBy("neighbourhood", "drop_id", "hub_id").agg(org.apache.spark.sql.functions.count(lit(1))
            .cast("double").as("pickups"));
    Dataset<Row> offered = drops.filter(col("drop_date").gt(lit(from)).and(col("drop_date").leq(lit(to))))
        .select(col("drop_id"), explode(col("hub_ids")).as("hub_id")).distinct();
    Dataset<Row> ownHubs = catchments.select("neighbourhood", "hub_id")
        .union(counts.select("neighbourhood", "hub_id")).distinct();
    // Each (neighbourhood, past drop) with pickups: the drop's hubs among the neighbourhood's, and where they went.
    Dataset<Row> occasions = counts.select("neighbourhood", "drop_id").distinct()
        .join(offered, "drop_id")
        .join(ownHubs, new String[] {"neighbourhood", "hub_id"})
        .join(counts, new String[] {"neighbourhood", "drop_id", "hub_id"}, "left")
        .groupBy("neighbourhood", "drop_id")
        .agg(collect_list(col("hub_id")).as("offered"),
            org.apache.spark.sql.functions.map_from_entries(collect_list(
                when(col("pickups").isNotNull(), struct(col("hub_id"), col("pickups"))))).as("pickups"))
        .groupBy("neighbourhood").agg(collect_list(struct(col("offered"), col("pickups"))).as("occasions"));
    Dataset<Row> distance = catchments.groupBy("neighbourhood")
        .agg(org.apache.spark.sql.functions.map_from_entries(collect_list(struct(col("hub_id"), col("weight"))))
            .as("distance"));
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("neighbourhood", "string").add("hub_id", "string").add("weight", "double");
    return distance.join(occasions, new String[] {"neighbourhood"}, "full_outer")
        .flatMap((org.apache.spark.api.java.function.FlatMapFunction<Row, Row>) r -> {
          String n = r.getAs("neighbourhood");
          java.util.List<io.dropcast.models.plan.HubChoice.Occasion> list = new java.util.ArrayList<>();
          if (!r.isNullAt(r.fieldIndex("occasions"))) {
            for (Row o : r.<Row>getList(r.fieldIndex("occasions"))) {
              list.add(new io.dropcast.models.plan.HubChoice.Occasion(o.getList(0), o.getJavaMap(1)));
            }
          }
          java.util.Map<String, Double> d = r.isNullAt(r.fieldIndex("distance")) ? java.util.Map.of()
              : r.getJavaMap(r.fieldIndex("distance"));
          java.util.List<Row> out = new java.util.ArrayList<>();
          io.dropcast.models.plan.HubChoice.fit(list, d, prior).forEach((hub, w) -> {
            if (w > 0) {
              out.add(org.apache.spark.sql.RowFactory.create(n, hub, w));
            }
          });
          return out.iterator();
        }, org.apache.spark.sql.Encoders.row(schema));
  }

  /**
   * The moments of past forecast errors that estimate the correlation between a hub's neighbourhoods
   * ({@code NeighbourhoodCorrelation}): the day-ahead forecasts of the run dates {@code [planDate - days,
   * planDate)} (target = run date + 1, so every target is at most the plan date) against the units ordered on the
   * target day (orders up to the plan date, cancelled excluded; a neighbourhood without orders had 0). Each error is
   * centred on its series' (neighbourhood, category) mean error over the window and scaled by the series' standard
   * deviation; groups are (target date, category, the forecast's hub_id).
   *
   * @return one row: cross, scale_cross (the summed moments) and groups (with two or more neighbourhoods)
   */
  public static Dataset<Row> correlationMoments(Dataset<Row> demandForecast, Dataset<Row> orders, LocalDate planDate,
      int days) {
    Date first = Date.valueOf(planDate.minusDays(days));
    Date plan = Date.valueOf(planDate);
    Dataset<Row> past = demandForecast
        .filter(col("run_date").geq(lit(first)).and(col("run_date").lt(lit(plan)))
            .and(col("target_date").equalTo(org.apache.spark.sql.functions.date_add(col("run_date"), 1))))
        .select("target_date", "neighbourhood", "category", "hub_id", "mean");
    Dataset<Row> actual = orders
        .filter(col("order_date").gt(lit(first)).and(col("order_date").leq(lit(plan)))
            .and(col("status").notEqual("cancelled")))
        .groupBy(col("order_date").as("target_date"), col("neighbourhood"), col("category"))
        .agg(sum("units").cast("double").as("actual"));
    Dataset<Row> errors = past.join(actual, new String[] {"target_date", "neighbourhood", "category"}, "left")
        .withColumn("error", org.apache.spark.sql.functions.coalesce(col("actual"), lit(0.0)).minus(col("mean")));
    Dataset<Row> series = errors.groupBy("neighbourhood", "category")
        .agg(org.apache.spark.sql.functions.avg("error").as("bias"),
            org.apache.spark.sql.functions.stddev_pop("error").as("scale"));
    Dataset<Row> centred = errors.join(series, new String[] {"neighbourhood", "category"})
        .withColumn("e", col("error").minus(col("bias")));
    Dataset<Row> groups = centred.groupBy("target_date", "category", "hub_id")
        .agg(sum("e").as("s"), sum(col("e").multiply(col("e"))).as("q"), sum("scale").as("a"),
            sum(col("scale").multiply(col("scale"))).as("b"), org.apache.spark.sql.functions.count(lit(1)).as("n"))
        .filter(col("n").geq(2));
    return groups.agg(
        org.apache.spark.sql.functions.coalesce(sum(col("s").multiply(col("s")).minus(col("q"))), lit(0.0)).as("cross"),
        org.apache.spark.sql.functions.coalesce(sum(col("a").multiply(col("a")).minus(col("b"))), lit(0.0))
            .as("scale_cross"),
        org.apache.spark.sql.functions.count(lit(1)).as("groups"));
  }

  /**
   * One row per eligible (drop, hub) pair: drop_date, drop_id, sku_id, category, stock, hub_id, capacity (0 for a
   * hub not yet open on the drop date), model_id and components, an array of (neighbourhood, weight,
   * quantiles) with the share {@code s(n; d, h)} of each catchment neighbourhood (null: no demand).
   *
   * @param catchments neighbourhood, hub_id, weight
   * @param hubs hub_id, capacity_units, opened_on
   * @param forecast the rows of one forecast run: target_date, neighbourhood, category, quantiles, model_id
   */
  public static Dataset<Row> pairs(Dataset<Row> upcoming, Dataset<Row> catchments, Dataset<Row> hubs,
      Dataset<Row> forecast) {
    Dataset<Row> pairs = upcoming.select(col("drop_date"), col("drop_id"), col("sku_id"), col("category"),
        col("stock"), explode(col("hub_ids")).as("hub_id"));
    Column appeal = java.util.Arrays.asList(upcoming.columns()).contains("appeal") ? col("appeal") : lit(1.0);
    Dataset<Row> reach = upcoming.select(col("drop_date"), col("drop_id"), col("category"),
            explode(col("hub_ids")).as("hub_id"), appeal.as("appeal"))
        .join(catchments.select("neighbourhood", "hub_id", "weight"), "hub_id")
        .withColumn("weight", col("weight").multiply(col("appeal")));
    Dataset<Row> total = reach.groupBy("drop_date", "category", "neighbourhood").agg(sum("weight").as("total_weight"));
    Dataset<Row> demand = forecast.select(col("target_date").as("drop_date"), col("neighbourhood"), col("category"),
        col("quantiles"), col("model_id"));
    Dataset<Row> components = reach.join(total, new String[] {"drop_date", "category", "neighbourhood"})
        .join(demand, new String[] {"drop_date", "category", "neighbourhood"})
        .groupBy("drop_id", "hub_id")
        .agg(collect_list(struct(col("neighbourhood"), col("weight").divide(col("total_weight")).as("weight"),
                col("quantiles"))).as("components"),
            min("model_id").as("model_id"));
    Dataset<Row> hubRows = hubs.select(col("hub_id"), col("capacity_units"), col("opened_on"));
    return pairs.join(components, new String[] {"drop_id", "hub_id"}, "left")
        .join(hubRows, new String[] {"hub_id"}, "left")
        .select(col("drop_date"), col("drop_id"), col("sku_id"), col("category"), col("stock"), col("hub_id"),
            when(col("capacity_units").isNull(), lit(null))
                .when(col("opened_on").isNotNull().and(col("opened_on").gt(col("drop_date"))), lit(0))
                .otherwise(col("capacity_units")).cast("int").as("capacity"),
            col("model_id"), col("components"));
  }
}

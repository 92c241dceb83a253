package io.dropcast.plan;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.dropcast.cli.JobContext;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * {@code dropcast drop-kpis --date D}: the seed test-plan's measures of the drops that started on
 * D - {@code dropcast.plan.kpi-settle-days}, from their orders as known at the end of D (a pickup counts when
 * {@code picked_up_at} is before the end of D, local time), written to {@code drop_kpis} (replaceWhere drop_date).
 */
public final class DropKpis {
  private DropKpis() {}

  /** Days before a drop in which an order makes its customer a repeat customer. */
  public static final int REPEAT_WINDOW_DAYS = 28;

  /**
   * The KPI rows of the drops of {@code dropDate}.
   *
   * @param drops drop batches (any dates: filtered here)
   * @param orders orders (any dates: filtered to the repeat window .. runDate)
   * @param plannedUnits drop_id, units: the units shipped to hubs by the plan of the day before (may be empty)
   * @param endOfRun the instant the run date ends; pickups after it are not counted
   */
  public static Dataset<Row> kpis(Dataset<Row> drops, Dataset<Row> orders, Dataset<Row> plannedUnits,
      LocalDate dropDate, LocalDate runDate, Timestamp endOfRun, String runId) {
    Date day = Date.valueOf(dropDate);
    Dataset<Row> dropRows = drops.filter(col("drop_date").equalTo(lit(day))).groupBy("drop_id")
        .agg(first("sku_id").as("sku_id"), first("category").as("category"),
            sum("units_released").cast("int").as("units_released"), min("starts_at").as("first_start"));
    Dataset<Row> live = orders.filter(col("order_date").between(lit(day), lit(Date.valueOf(runDate)))
            .and(col("status").notEqual("cancelled")))
        .join(dropRows.select("drop_id", "units_released"), "drop_id");
    Column pickup = col("fulfilment_mode").equalTo("pickup");
    Column pickedUp = pickup.and(col("picked_up_at").isNotNull()).and(col("picked_up_at").lt(lit(endOfRun)));
    Column noShow = pickup.and(org.apache.spark.sql.functions.not(pickedUp)).and(col("status").notEqual("refunded"));
    Dataset<Row> counts = live.groupBy("drop_id").agg(
        count(lit(1)).as("orders"), sum("units").cast("long").as("units_sold"),
        sum(when(pickup, 1).otherwise(0)).cast("long").as("pickup_orders"),
        sum(when(pickedUp, 1).otherwise(0)).cast("long").as("picked_up_orders"),
        sum(when(noShow, 1).otherwise(0)).cast("long").as("no_show_orders"),
        sum(when(pickedUp, col("units")).otherwise(0)).cast("long").as("units_picked_up"),
        avg(when(col("next_drop_opt_in"), 1.0).when(col("next_drop_opt_in").equalTo(false), 0.0)).as("opt_in_rate"));
    Dataset<Row> soldOut = live
        .withColumn("cumulative", sum("units").over(Window.partitionBy("drop_id").orderBy("created_at", "order_id")))
        .filter(col("cumulative").geq(col("units_released")))
        .groupBy("drop_id").agg(min("created_at").as("sold_out_at"));
    Dataset<Row> customers = live.select("drop_id", "customer_hash").distinct();
    Dataset<Row> earlier = orders.filter(col("order_date").geq(lit(Date.valueOf(dropDate.minusDays(REPEAT_WINDOW_DAYS))))
            .and(col("order_date").lt(lit(day))).and(col("status").notEqual("cancelled")))
        .select("customer_hash").distinct().withColumn("repeat", lit(1));
    Dataset<Row> repeat = customers.join(earlier, new String[] {"customer_hash"}, "left").groupBy("drop_id")
        .agg(avg(when(col("repeat").isNotNull(), 1.0).otherwise(0.0)).as("repeat_rate"));
    Dataset<Row> shipped = plannedUnits.groupBy("drop_id").agg(sum("units").cast("int").as("planned_units"));
    Column zero = lit(0L);
    Dataset<Row> j = dropRows.join(counts, new String[] {"drop_id"}, "left")
        .join(soldOut, new String[] {"drop_id"}, "left").join(repeat, new String[] {"drop_id"}, "left")
        .join(shipped, new String[] {"drop_id"}, "left")
        .na().fill(0L, new String[] {"orders", "units_sold", "pickup_orders", "picked_up_orders", "no_show_orders",
            "units_picked_up"});
    Column unitsShipped = when(col("planned_units").isNotNull(), col("planned_units")).otherwise(col("units_released"));
    Column attended = col("picked_up_orders").plus(col("no_show_orders"));
    return j.select(lit(day).as("drop_date"), col("drop_id"), col("sku_id"), col("category"), col("units_released"),
        unitsShipped.cast("int").as("units_shipped"),
        when(col("planned_units").isNotNull(), lit("plan")).otherwise(lit("released")).as("shipped_source"),
        col("orders"), col("units_sold"), col("pickup_orders"), col("picked_up_orders"), col("no_show_orders"),
        col("units_picked_up"),
        when(unitsShipped.gt(0), col("units_picked_up").divide(unitsShipped)).as("pickup_rate"),
        when(col("units_released").gt(0), col("units_sold").divide(col("units_released"))).as("sell_through"),
        col("sold_out_at").isNotNull().as("sold_out"),
        when(col("sold_out_at").isNotNull(),
            col("sold_out_at").cast("double").minus(col("first_start").cast("double")).divide(60.0))
            .as("minutes_to_sell_out"),
        when(attended.gt(zero), col("no_show_orders").divide(attended)).as("no_show_rate"),
        col("opt_in_rate"), col("repeat_rate"), lit(runId).as("run_id"));
  }

  /** Reads, computes and writes the KPIs of the drops of {@code runDate - settleDays}; returns the row count. */
  public static long run(JobContext context, LocalDate runDate, int settleDays, ZoneId zone) {
    Warehouse warehouse = context.warehouse();
    LocalDate dropDate = runDate.minusDays(settleDays);
    Timestamp endOfRun = Timestamp.from(runDate.plusDays(1).atStartOfDay(zone).toInstant());
    Dataset<Row> planned = warehouse.exists(Tables.HUB_PREPOSITIONING_PLAN)
        ? warehouse.read(Tables.HUB_PREPOSITIONING_PLAN)
            .filter(col("plan_date").equalTo(lit(Date.valueOf(dropDate.minusDays(1))))
                .and(col("drop_date").equalTo(lit(Date.valueOf(dropDate)))))
            .select("drop_id", "units")
        : context.spark().emptyDataFrame().selectExpr("CAST(NULL AS STRING) AS drop_id", "CAST(NULL AS INT) AS units")
            .limit(0);
    Dataset<Row> rows = kpis(warehouse.read(Tables.DROPS), warehouse.read(Tables.ORDERS), planned, dropDate, runDate,
        endOfRun, context.runId());
    String where = "drop_date = DATE'" + dropDate + "'";
    context.step("drop-kpis " + runDate + ": write drop_kpis for drops of " + dropDate, () -> {
      warehouse.ensureCreated(Tables.DROP_KPIS);
      rows.write().format("delta").mode("overwrite").option("replaceWhere", where)
          .save(warehouse.path(Tables.DROP_KPIS));
    });
    return warehouse.read(Tables.DROP_KPIS).filter(where).count();
  }
}

package io.dropcast.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The figures of the ops report as pure transformations of the tables (no I/O, no collect): each takes the
 * tables it needs and the run date and returns the small Dataset the page and its CSV file show. The same
 * Dataset feeds both, so the CSV holds exactly the numbers printed.
 */
public final class ReportData {
  private ReportData() {}

  /** Label used for rows that add up every hub, and for neighbourhoods that have no catchment hub. */
  public static final String ALL_HUBS = "(all hubs)";
  public static final String NO_HUB = "(no hub)";

  /** Parameters of the figures (from dropcast.report.*). */
  public record Params(LocalDate runDate, int historyDays, double lowConfidenceWidth) {
    Date date() {
      return Date.valueOf(runDate);
    }

    Date firstHistoryDate() {
      return Date.valueOf(runDate.minusDays(historyDays - 1L));
    }
  }

  /**
   * Daily demand as the contract defines it: units ordered per order_date (the local date of created_at),
   * neighbourhood and category, every status except 'cancelled' (later pickups, no-shows and refunds never
   * change it), for order dates in [from, to]. Columns: order_date, neighbourhood, category, units (bigint).
   */
  public static Dataset<Row> dailyDemand(Dataset<Row> orders, LocalDate from, LocalDate to) {
    return orders
        .filter(col("order_date").between(lit(Date.valueOf(from)), lit(Date.valueOf(to)))
            .and(col("status").notEqual("cancelled")))
        .groupBy(col("order_date"), col("neighbourhood"), col("category"))
        .agg(sum(col("units")).as("units"));
  }

  /**
   * The plan of the run date, one row per (drop, hub) as planned, with what a reader needs next to the
   * numbers: the hub's name, the drop's title (merchant text: escaped when rendered) and its window.
   * Columns: hub_id, hub_name, drop_date, drop_id, sku_id, category, title, starts_at, ends_at, units,
   * expected_demand, demand_p10, demand_p90, expected_fill_rate, expected_leftover, expected_within_sla,
   * reason. Ordered by hub, drop date, start and drop id.
   */
  public static Dataset<Row> planLines(Dataset<Row> plan, Dataset<Row> drops, Dataset<Row> hubs, Params p) {
    Dataset<Row> planOfDate = plan.filter(col("plan_date").equalTo(lit(p.date())));
    // A drop's title, SKU and window: the first batch's title, the whole drop's window.
    Dataset<Row> dropInfo = drops.filter(col("drop_date").gt(lit(p.date())))
        .groupBy(col("drop_id"), col("drop_date"))
        .agg(min_by(col("title"), col("batch_number")).as("title"),
            min(col("starts_at")).as("starts_at"), max(col("ends_at")).as("ends_at"));
    return planOfDate
        .join(dropInfo, planOfDate.col("drop_id").equalTo(dropInfo.col("drop_id"))
            .and(planOfDate.col("drop_date").equalTo(dropInfo.col("drop_date"))), "left")
        .join(broadcast(hubs.select(col("hub_id").as("h_id"), col("name").as("hub_name"))),
            col("hub_id").equalTo(col("h_id")), "left")
        .select(planOfDate.col("hub_id"), coalesce(col("hub_name"), planOfDate.col("hub_id")).as("hub_name"),
            planOfDate.col("drop_date"), planOfDate.col("drop_id"), col("sku_id"), col("category"),
            coalesce(col("title"), lit("(drop not in the drops table)")).as("title"),
            col("starts_at"), col("ends_at"), col("units"), col("expected_demand"), col("demand_p10"),
            col("demand_p90"), col("expected_fill_rate"), col("expected_leftover"), col("expected_within_sla"),
            col("reason"))
        .orderBy(col("hub_id"), col("drop_date"), col("starts_at"), col("drop_id"));
  }

  /**
   * Per hub and drop date: units placed against the hub's capacity (shared by all the day's drops), the
   * expected demand and sales. Columns: hub_id, hub_name, drop_date, drops, drops_with_units, units,
   * capacity_units, capacity_used, expected_demand, expected_sales, pick_pack_per_hour, pickup_sla_hours.
   */
  public static Dataset<Row> hubDays(Dataset<Row> planLines, Dataset<Row> hubs) {
    Dataset<Row> perDay = planLines.groupBy(col("hub_id"), col("hub_name"), col("drop_date"))
        .agg(count(lit(1)).as("drops"), sum(when(col("units").gt(0), 1).otherwise(0)).as("drops_with_units"),
            sum(col("units")).as("units"), sum(col("expected_demand")).as("expected_demand"),
            sum(expectedSales()).as("expected_sales"));
    Dataset<Row> h = hubs.select(col("hub_id").as("h_id"), col("capacity_units"), col("pick_pack_per_hour"),
        col("pickup_sla_hours"));
    return perDay.join(broadcast(h), col("hub_id").equalTo(col("h_id")), "left")
        .select(col("hub_id"), col("hub_name"), col("drop_date"), col("drops"), col("drops_with_units"),
            col("units"), col("capacity_units"),
            round(col("units").divide(col("capacity_units")), 4).as("capacity_used"),
            round(col("expected_demand"), 4).as("expected_demand"), round(col("expected_sales"), 4).as("expected_sales"),
            col("pick_pack_per_hour"), col("pickup_sla_hours"))
        .orderBy(col("hub_id"), col("drop_date"));
  }

  /** Expected sales of a plan row: expected_fill_rate is expected sales / expected demand. */
  private static Column expectedSales() {
    return col("expected_demand").multiply(col("expected_fill_rate"));
  }

  /**
   * Expected pickups per local hour at each hub against its pick-pack capacity: a drop's expected sales are
   * spread evenly over the hours its window covers ([starts_at, ends_at), in the session time zone).
   * Columns: hub_id, drop_date, hour ("yyyy-MM-dd HH:00" local), active_drops, expected_pickups,
   * pick_pack_per_hour. Only hours with at least one drop holding units are listed.
   */
  public static Dataset<Row> hubLoadByHour(Dataset<Row> planLines, Dataset<Row> hubs) {
    Dataset<Row> withHours = planLines.filter(col("units").gt(0).and(col("starts_at").isNotNull()))
        .withColumn("hours", expr("sequence(date_trunc('HOUR', starts_at),"
            + " date_trunc('HOUR', ends_at - INTERVAL 1 SECOND), INTERVAL 1 HOUR)"))
        .withColumn("per_hour", expectedSales().divide(greatest(size(col("hours")), lit(1))))
        .withColumn("hour_start", explode(col("hours")));
    Dataset<Row> h = hubs.select(col("hub_id").as("h_id"), col("pick_pack_per_hour"));
    return withHours.groupBy(col("hub_id"), col("drop_date"), col("hour_start"))
        .agg(count(lit(1)).as("active_drops"), sum(col("per_hour")).as("expected_pickups"))
        .join(broadcast(h), col("hub_id").equalTo(col("h_id")), "left")
        .select(col("hub_id"), col("drop_date"), date_format(col("hour_start"), "yyyy-MM-dd HH:00").as("hour"),
            col("active_drops"), round(col("expected_pickups"), 4).as("expected_pickups"), col("pick_pack_per_hour"))
        .orderBy(col("hub_id"), col("hour"));
  }

  /**
   * Daily demand per hub: the actual units of the last history-days up to the run date (orders not
   * cancelled, each neighbourhood counted at its nearest catchment hub, as the forecast assigns hub_id), the
   * one-day-ahead forecast made for each of those days, and the run's forecast for the days after it, plus
   * the same for all hubs together. Columns: hub_id, date, actual_units, forecast_day_before, forecast_mean,
   * forecast_p10_sum, forecast_p90_sum. The p10/p90 of a hub are sums over its series: a range, not a
   * quantile of the hub's total.
   */
  public static Dataset<Row> forecastVsActual(Dataset<Row> forecast, Dataset<Row> orders, Dataset<Row> catchments,
      Params p) {
    Dataset<Row> nearest = catchments.filter(col("nearest")).select(col("neighbourhood").as("c_cell"),
        col("hub_id").as("c_hub"));
    Dataset<Row> actual = dailyDemand(orders, p.firstHistoryDate().toLocalDate(), p.runDate())
        .join(broadcast(nearest), col("neighbourhood").equalTo(col("c_cell")), "left")
        .select(coalesce(col("c_hub"), lit(NO_HUB)).as("hub_id"), col("order_date").as("date"),
            col("units").cast("double").as("actual_units"));
    Dataset<Row> dayBefore = forecast
        .filter(col("horizon").equalTo(1)
            .and(col("target_date").between(lit(p.firstHistoryDate()), lit(p.date()))))
        .select(coalesce(col("hub_id"), lit(NO_HUB)).as("hub_id"), col("target_date").as("date"),
            col("mean").as("forecast_day_before"));
    Dataset<Row> ahead = forecast.filter(col("run_date").equalTo(lit(p.date())))
        .select(coalesce(col("hub_id"), lit(NO_HUB)).as("hub_id"), col("target_date").as("date"),
            col("mean").as("forecast_mean"), col("p10").as("forecast_p10_sum"), col("p90").as("forecast_p90_sum"));
    String[] measures = {"actual_units", "forecast_day_before", "forecast_mean", "forecast_p10_sum",
        "forecast_p90_sum"};
    Dataset<Row> all = widen(actual, measures).unionByName(widen(dayBefore, measures))
        .unionByName(widen(ahead, measures));
    Dataset<Row> perHub = sumBy(all, col("hub_id"), measures);
    Dataset<Row> total = sumBy(all, lit(ALL_HUBS).as("hub_id"), measures);
    return perHub.unionByName(total).orderBy(col("hub_id"), col("date"));
  }

  private static Dataset<Row> widen(Dataset<Row> part, String[] measures) {
    Dataset<Row> out = part;
    for (String m : measures) {
      if (!java.util.Arrays.asList(part.columns()).contains(m)) {
        out = out.withColumn(m, lit(null).cast("double"));
      }
    }
    return out.select(col("hub_id"), col("date"), col(measures[0]), col(measures[1]), col(measures[2]),
        col(measures[3]), col(measures[4]));
  }

  /** Sums each measure by hub and date, keeping null where no row of that measure exists. */
  private static Dataset<Row> sumBy(Dataset<Row> all, Column hub, String[] measures) {
    Column[] aggs = new Column[measures.length];
    for (int i = 0; i < measures.length; i++) {
      aggs[i] = round(sum(col(measures[i])), 4).as(measures[i]);
    }
    return all.groupBy(hub, col("date")).agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length));
  }

  /**
   * Demand per neighbourhood for the map: the run's forecast for the first day after the run date (all
   * categories), and the recent actual daily average. Every neighbourhood in catchments is listed.
   * Columns: neighbourhood, hub_id, forecast_next_day, actual_daily_avg.
   */
  public static Dataset<Row> neighbourhoodDemand(Dataset<Row> forecast, Dataset<Row> orders,
      Dataset<Row> catchments, Params p) {
    Dataset<Row> cells = catchments.filter(col("nearest"))
        .select(col("neighbourhood"), col("hub_id"));
    Dataset<Row> next = forecast.filter(col("run_date").equalTo(lit(p.date())).and(col("horizon").equalTo(1)))
        .groupBy(col("neighbourhood").as("f_cell")).agg(sum(col("mean")).as("forecast_next_day"));
    Dataset<Row> recent = dailyDemand(orders, p.firstHistoryDate().toLocalDate(), p.runDate())
        .groupBy(col("neighbourhood").as("o_cell"))
        .agg(sum(col("units")).divide(lit((double) p.historyDays())).as("actual_daily_avg"));
    return cells.join(next, col("neighbourhood").equalTo(col("f_cell")), "left")
        .join(recent, col("neighbourhood").equalTo(col("o_cell")), "left")
        .select(col("neighbourhood"), col("hub_id"),
            round(coalesce(col("forecast_next_day"), lit(0.0)), 4).as("forecast_next_day"),
            round(coalesce(col("actual_daily_avg"), lit(0.0)), 4).as("actual_daily_avg"))
        .orderBy(col("neighbourhood"));
  }

  /**
   * Forecast confidence per hub for the first day after the run date: how many neighbourhood x category
   * series are low-confidence (cold-start, or (p90 - p10) / max(mean, 1) above the limit) and their share
   * of the hub's expected demand. Columns: hub_id, target_date, series, cold_start_series,
   * wide_series, low_confidence_series, low_confidence_demand_share.
   */
  public static Dataset<Row> forecastConfidence(Dataset<Row> forecast, Params p) {
    Column wide = col("p90").minus(col("p10")).divide(greatest(col("mean"), lit(1.0)))
        .gt(lit(p.lowConfidenceWidth()));
    Column low = col("cold_start").or(wide);
    return forecast.filter(col("run_date").equalTo(lit(p.date())).and(col("horizon").equalTo(1)))
        .groupBy(coalesce(col("hub_id"), lit(NO_HUB)).as("hub_id"), col("target_date"))
        .agg(count(lit(1)).as("series"), sum(when(col("cold_start"), 1).otherwise(0)).as("cold_start_series"),
            sum(when(wide, 1).otherwise(0)).as("wide_series"), sum(when(low, 1).otherwise(0)).as("low_confidence_series"),
            round(sum(when(low, col("mean")).otherwise(0.0)).divide(greatest(sum(col("mean")), lit(1e-9))), 4)
                .as("low_confidence_demand_share"))
        .orderBy(col("hub_id"));
  }

  /**
   * Quarantined records per ingest run date over the run date and the history-days before it, by source and
   * rule. Columns: run_date, source, rule, records.
   */
  public static Dataset<Row> quarantineByDate(Dataset<Row> quarantine, Params p) {
    return quarantine
        .filter(col("run_date").between(lit(Date.valueOf(p.runDate().minusDays(p.historyDays()))), lit(p.date())))
        .groupBy(col("run_date"), col("source"), col("rule"))
        .agg(count(lit(1)).as("records"))
        .orderBy(col("run_date"), col("source"), col("rule"));
  }

  /** Run dates in the same window on which ingest succeeded (a day with no quarantined record counts as 0). */
  public static Dataset<Row> ingestedDates(Dataset<Row> jobRuns, Params p) {
    Column from = lit(Date.valueOf(p.runDate().minusDays(p.historyDays())));
    return jobRuns.filter(col("job").equalTo("ingest").and(col("status").equalTo("succeeded")))
        .select(explode(expr("sequence(date_from, date_to)")).as("run_date"))
        .filter(col("run_date").between(from, lit(p.date())))
        .distinct()
        .orderBy(col("run_date"));
  }

  /** The plan lines with starts_at and ends_at as local "yyyy-MM-dd HH:mm" text (session time zone), for display. */
  public static Dataset<Row> withLocalTimes(Dataset<Row> planLines) {
    return planLines.withColumn("starts_at", date_format(col("starts_at"), "yyyy-MM-dd HH:mm"))
        .withColumn("ends_at", date_format(col("ends_at"), "yyyy-MM-dd HH:mm"));
  }
}

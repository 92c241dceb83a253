package io.dropcast.cadence;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.weekday;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The history the cadence models learn from, aggregated with Spark built-ins into small per-group inputs. Pure:
 * every method takes datasets and returns a dataset, no I/O. Local hours and weekdays are those of the session
 * time zone, which the cadence jobs set to {@code dropcast.time-zone}.
 *
 * <p>Definitions (docs/cadence.md explains them for readers of the tables):
 * <ul>
 *   <li>An order counts as demand when its status is not 'cancelled' and it belongs to a drop (CONTRACTS.md);
 *       its hub is {@code orders.hub_id} (pickup orders), else the nearest catchment hub of its neighbourhood
 *       (courier and shipping orders, which load no pick/pack but show where the demand is).</li>
 *   <li>A group's drop-day is a day with at least one of its drops listing the hub; its orders are the orders of
 *       those drops at the hub that day (an order at a hub its drop does not list is not counted).</li>
 *   <li>A drop's units at a hub are its units times the hub's share of the drop's units sold (an even split
 *       over its hubs when nothing sold): the drops table does not say how units were placed.</li>
 *   <li>A pickup counts when {@code picked_up_at} is before the end of the last day read, so a later ingest of
 *       pickup events never changes a run's inputs.</li>
 * </ul>
 */
public final class CadenceHistory {
  private CadenceHistory() {}

  /** Group keys of the three levels. */
  public static final List<String> CATEGORY = List.of("category");
  public static final List<String> CATEGORY_HUB = List.of("category", "hub_id");
  public static final List<String> MERCHANT = List.of("merchant_id", "category", "hub_id");
  /** Join keys of a group's day and of a (drop, hub) pair. */
  static final List<String> CATEGORY_HUB_DAY = List.of("category", "hub_id", "drop_date");
  static final List<String> DROP_HUB = List.of("drop_id", "hub_id");

  /**
   * The facts both cadence jobs start from, for drops and orders dated in {@code [from, to]}: {@link #dropFacts},
   * {@link #orderFacts}, {@link #dropHubs} and the category x hub {@link #groupDays}. Each is read several times,
   * so the jobs {@link #cached cache} them and {@link #unpersist} at the end.
   */
  public record Facts(Dataset<Row> drops, Dataset<Row> orders, Dataset<Row> dropHubs, Dataset<Row> hubDays) {
    /** The same facts, cached (lazily: the first action fills the cache). */
    public Facts cached() {
      return new Facts(drops.cache(), orders.cache(), dropHubs.cache(), hubDays.cache());
    }

    public void unpersist() {
      hubDays.unpersist();
      dropHubs.unpersist();
      orders.unpersist();
      drops.unpersist();
    }
  }

  /** The {@link Facts} of {@code [from, to]}; pickups count when they happened before {@code pickupsBefore}. */
  public static Facts facts(Dataset<Row> drops, Dataset<Row> orders, Dataset<Row> catchments, LocalDate from,
      LocalDate to, Timestamp pickupsBefore) {
    Dataset<Row> d = dropFacts(drops, from, to);
    Dataset<Row> o = orderFacts(orders, catchments, d, from, to, pickupsBefore);
    Dataset<Row> dh = dropHubs(d, o);
    return new Facts(d, o, dh, groupDays(dh, o, CATEGORY_HUB));
  }

  /**
   * One row per drop starting in {@code [from, to]}: drop_id, drop_date, merchant_id, category, hub_ids, units
   * (all batches), starts_at (first batch), ends_at, push, sms, discount_depth and batches
   * (array of struct batch_number, starts_at, units_released, in batch order).
   */
  public static Dataset<Row> dropFacts(Dataset<Row> drops, LocalDate from, LocalDate to) {
    return drops
        .filter(col("drop_date").between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)))
        .groupBy("drop_id")
        .agg(min("drop_date").as("drop_date"), min("merchant_id").as("merchant_id"),
            min("category").as("category"), min(sort_array(col("hub_ids"))).as("hub_ids"),
            sum("units_released").cast("int").as("units"), min("starts_at").as("starts_at"),
            max("ends_at").as("ends_at"), max(array_contains(col("channels"), "push")).as("push"),
            max(array_contains(col("channels"), "sms")).as("sms"),
            avg(least(lit(0.99), greatest(lit(0.0),
                lit(1.0).minus(col("price").cast("double").divide(col("list_price").cast("double"))))))
                .as("discount_depth"),
            sort_array(collect_list(struct(col("batch_number"), col("starts_at"), col("units_released"))))
                .as("batches"));
  }

  /**
   * The orders that count as demand, one row each, for drops of {@code dropFacts} and orders dated in
   * {@code [from, to]}: order_id, drop_id, merchant_id, category, hub_id, order_date, created_at, hour (local hour
   * of created_at), units, fulfilment_mode, picked_up_at (null when not picked up before {@code pickupsBefore}),
   * delay_hours (whole hours from order to pickup), pickup_date and pickup_hour (local).
   *
   * @param catchments the catchments table (its nearest hub per neighbourhood is used)
   * @param pickupsBefore pickups at or after this instant are not known yet on the run date
   */
  public static Dataset<Row> orderFacts(Dataset<Row> orders, Dataset<Row> catchments, Dataset<Row> dropFacts,
      LocalDate from, LocalDate to, Timestamp pickupsBefore) {
    Dataset<Row> nearest = catchments.filter(col("nearest"))
        .select(col("neighbourhood"), col("hub_id").as("nearest_hub"));
    Column picked = when(col("picked_up_at").lt(lit(pickupsBefore)), col("picked_up_at"));
    return orders
        .filter(col("order_date").between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to))
            .and(col("status").notEqual("cancelled")).and(col("drop_id").isNotNull()))
        .join(broadcast(nearest), on(List.of("neighbourhood")), "left")
        .join(dropFacts.select("drop_id", "merchant_id"), on(List.of("drop_id")), "inner")
        .withColumn("picked", picked)
        .select(col("order_id"), col("drop_id"), col("merchant_id"), col("category"),
            coalesce(col("hub_id"), col("nearest_hub")).as("hub_id"), col("order_date"),
            col("created_at"), hour(col("created_at")).as("hour"), col("units"), col("fulfilment_mode"),
            col("picked").as("picked_up_at"),
            floor(unix_seconds(col("picked")).minus(unix_seconds(col("created_at"))).divide(3600)).cast("int")
                .as("delay_hours"),
            to_date(col("picked")).as("pickup_date"), hour(col("picked")).as("pickup_hour"))
        .filter(col("hub_id").isNotNull());
  }

  /**
   * One row per (drop, hub it lists): the drop's columns plus hub_id, orders and sold_units at the hub, share
   * (of the drop's units sold), units_at_hub (>= 1) and sold_out (the drop sold every unit).
   */
  public static Dataset<Row> dropHubs(Dataset<Row> dropFacts, Dataset<Row> orderFacts) {
    Dataset<Row> sales = orderFacts.groupBy("drop_id", "hub_id")
        .agg(count(lit(1)).as("orders"), sum("units").as("sold_units"));
    WindowSpec byDrop = Window.partitionBy("drop_id");
    return dropFacts.withColumn("hub_id", explode(col("hub_ids")))
        .join(sales, on(List.of("drop_id", "hub_id")), "left")
        .withColumn("orders", coalesce(col("orders"), lit(0L)))
        .withColumn("sold_units", coalesce(col("sold_units"), lit(0L)))
        .withColumn("drop_sold", sum("sold_units").over(byDrop))
        .withColumn("share", when(col("drop_sold").gt(0), col("sold_units").divide(col("drop_sold")))
            .otherwise(lit(1.0).divide(size(col("hub_ids")))))
        .withColumn("units_at_hub", greatest(lit(1), round(col("units").multiply(col("share"))).cast("int")))
        .withColumn("sold_out", col("drop_sold").geq(col("units")));
  }

  /**
   * One row per group and drop-day: the keys, date, weekday (ISO, 1 = Monday), drops (of the group that day),
   * orders (that day, at the hub) and orders_by_hour (24 counts by local hour).
   */
  public static Dataset<Row> groupDays(Dataset<Row> dropHubs, Dataset<Row> orderFacts, List<String> keys) {
    List<Column> dayKeys = columns(keys);
    Dataset<Row> days = dropHubs.withColumn("date", col("drop_date"))
        .groupBy(with(dayKeys, col("date")))
        .agg(countDistinct("drop_id").cast("int").as("drops"));
    List<Column> byHour = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      byHour.add(sum(when(col("hour").equalTo(h), 1L).otherwise(0L)).as("h" + h));
    }
    Dataset<Row> orders = orderFacts.withColumn("date", col("order_date"))
        .groupBy(with(dayKeys, col("date")))
        .agg(count(lit(1)).as("orders"), byHour.toArray(Column[]::new));
    List<Column> hours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hours.add(coalesce(col("h" + h), lit(0L)));
    }
    List<String> joinKeys = new ArrayList<>(keys);
    joinKeys.add("date");
    List<Column> out = new ArrayList<>(dayKeys);
    out.add(col("date"));
    out.add(weekday(col("date")).plus(1).as("weekday"));
    out.add(col("drops"));
    out.add(coalesce(col("orders"), lit(0L)).as("orders"));
    out.add(array(hours.toArray(Column[]::new)).as("orders_by_hour"));
    return days.join(orders, on(joinKeys), "left").select(out.toArray(Column[]::new));
  }

  /**
   * One row per group: its keys and a struct {@code history} (orders_by_weekday, drop_days_by_weekday,
   * orders_by_hour, drops, first_day, last_day), the fields of {@code DemandHistory}, from {@link #groupDays}
   * rows (or any rows with their columns, such as the drop-days before a replayed drop).
   */
  public static Dataset<Row> histories(Dataset<Row> groupDays, List<String> keys) {
    return groupDays.groupBy(columns(keys).toArray(Column[]::new)).agg(historyStruct().as("history"));
  }

  /** The aggregate of {@link #histories} as one struct column. */
  static Column historyStruct() {
    List<Column> ordersByWeekday = new ArrayList<>();
    List<Column> dropDaysByWeekday = new ArrayList<>();
    for (int w = 1; w <= 7; w++) {
      ordersByWeekday.add(sum(when(col("weekday").equalTo(w), col("orders")).otherwise(0L)).cast("long"));
      dropDaysByWeekday.add(sum(when(col("weekday").equalTo(w), 1).otherwise(0)).cast("int"));
    }
    List<Column> byHour = new ArrayList<>();
    for (int h = 1; h <= 24; h++) {
      byHour.add(sum(element_at(col("orders_by_hour"), h)).cast("long"));
    }
    return struct(array(ordersByWeekday.toArray(Column[]::new)).as("orders_by_weekday"),
        array(dropDaysByWeekday.toArray(Column[]::new)).as("drop_days_by_weekday"),
        array(byHour.toArray(Column[]::new)).as("orders_by_hour"), sum("drops").cast("int").as("drops"),
        min("date").as("first_day"), max("date").as("last_day"));
  }

  /**
   * Demand recovery evidence per group, from its {@link #groupDays}: one struct (gap_days, demand_ratio, weight)
   * per drop-day but the first (whose gap the history does not show), where the gap is the days since the
   * group's previous drop-day (gaps above {@code maxGapDays} count as it), the ratio is the day's orders over the group's mean orders on that weekday and the weight is that
   * mean. Column {@code recovery}.
   */
  public static Dataset<Row> recovery(Dataset<Row> groupDays, List<String> keys, int maxGapDays) {
    Column[] k = columns(keys).toArray(Column[]::new);
    WindowSpec inOrder = Window.partitionBy(k).orderBy("date");
    WindowSpec byWeekday = Window.partitionBy(with(columns(keys), col("weekday")));
    return groupDays
        .withColumn("gap_days", datediff(col("date"), lag(col("date"), 1).over(inOrder)))
        .filter(col("gap_days").isNotNull())
        .withColumn("gap_days", least(col("gap_days"), lit(maxGapDays)))
        .withColumn("mean_orders", avg("orders").over(byWeekday))
        .filter(col("mean_orders").gt(0))
        .groupBy(k)
        .agg(sort_array(collect_list(struct(col("gap_days"), col("orders").divide(col("mean_orders"))
            .as("demand_ratio"), col("mean_orders").as("weight")))).as("recovery"));
  }

  /**
   * Channel and discount evidence per category x hub: one struct (drop_id, demand, baseline, push, sms,
   * discount_depth) per drop at the hub that did not sell out (a sold-out drop's orders understate its demand),
   * with demand = its orders at the hub and baseline = the group's mean orders per drop-day on that weekday
   * divided by the group's drops that day. Column {@code outcomes}.
   */
  public static Dataset<Row> outcomes(Dataset<Row> dropHubs, Dataset<Row> categoryHubDays) {
    Dataset<Row> means = categoryHubDays.groupBy("category", "hub_id", "weekday")
        .agg(avg("orders").as("mean_orders"));
    Dataset<Row> days = categoryHubDays.select(col("category"), col("hub_id"), col("date").as("drop_date"),
        col("weekday"), col("drops").as("drops_that_day"));
    return dropHubs.filter(col("sold_out").equalTo(false))
        .join(days, on(List.of("category", "hub_id", "drop_date")), "inner")
        .join(means, on(List.of("category", "hub_id", "weekday")), "inner")
        .withColumn("baseline", col("mean_orders").divide(col("drops_that_day")))
        .filter(col("baseline").gt(0))
        .groupBy("category", "hub_id")
        .agg(sort_array(collect_list(struct(col("drop_id"), col("orders").cast("double").as("demand"),
            col("baseline"), col("push"), col("sms"), col("discount_depth")))).as("outcomes"));
  }

  /**
   * The pickup model per hub: delay_shares[j] = orders picked at the hub j whole hours after they were placed
   * over all orders sold at the hub (j below {@code maxDelayHours}; the rest were couriered, shipped, not
   * picked up or picked up later), and units_per_order.
   */
  public static Dataset<Row> pickupModels(Dataset<Row> orderFacts, int maxDelayHours) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum("units").divide(count(lit(1))).as("units_per_order"));
    Column picked = col("fulfilment_mode").equalTo("pickup").and(col("picked_up_at").isNotNull());
    List<Column> shares = new ArrayList<>();
    for (int j = 0; j < maxDelayHours; j++) {
      aggs.add(sum(when(picked.and(col("delay_hours").equalTo(j)), 1L).otherwise(0L)).as("d" + j));
      shares.add(col("d" + j).divide(col("orders")));
    }
    aggs.add(count(lit(1)).as("orders"));
    return orderFacts.groupBy("hub_id").agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
        .select(col("hub_id"), array(shares.toArray(Column[]::new)).as("delay_shares"), col("units_per_order"));
  }

  /** Hours since release a release curve counts; orders later than its last hour count in its last hour. */
  public static final int RELEASE_CURVE_HOURS = 24;
  /** The channel key of the curve learnt from every drop. */
  public static final String ALL_CHANNELS = "all";

  /**
   * The drop's channel key for {@link #releaseCurves}: 'push+sms', 'push', 'sms' or 'none'.
   */
  static Column channel(Column push, Column sms) {
    return when(push.and(sms), lit("push+sms")).when(push, lit("push")).when(sms, lit("sms")).otherwise(lit("none"));
  }

  /**
   * Release-relative demand evidence ({@code ReleaseCurve}) per category: one row per category and channel key
   * ({@link #channel}, and {@link #ALL_CHANNELS} over every drop of the category) with
   * orders_by_hours_since_release (array of {@link #RELEASE_CURVE_HOURS} counts: orders placed k whole hours after
   * the latest batch release of their drop at or before them, the last count holding the later ones), orders and
   * drops (with such orders). Orders placed before their drop's first release are left out.
   *
   * @param dropFacts {@link #dropFacts} rows (their push, sms and batches)
   * @param orderFacts {@link #orderFacts} rows, already restricted to the orders the curve may learn from
   */
  public static Dataset<Row> releaseCurves(Dataset<Row> dropFacts, Dataset<Row> orderFacts) {
    Dataset<Row> releases = dropFacts
        .select(col("drop_id"), channel(col("push"), col("sms")).as("channel"), explode(col("batches")).as("b"))
        .select(col("drop_id"), col("channel"), col("b.starts_at").as("released_at"));
    Dataset<Row> since = orderFacts.select("order_id", "drop_id", "category", "created_at")
        .join(releases, on(List.of("drop_id")), "inner")
        .filter(col("released_at").leq(col("created_at")))
        .groupBy("order_id", "drop_id", "category", "channel", "created_at").agg(max("released_at").as("latest"))
        .withColumn("k", least(lit(RELEASE_CURVE_HOURS - 1), floor(unix_seconds(col("created_at"))
            .minus(unix_seconds(col("latest"))).divide(3600))).cast("int"));
    List<Column> aggs = new ArrayList<>();
    List<Column> sums = new ArrayList<>();
    List<Column> counts = new ArrayList<>();
    for (int k = 0; k < RELEASE_CURVE_HOURS; k++) {
      aggs.add(sum(when(col("k").equalTo(k), 1L).otherwise(0L)).as("k" + k));
      sums.add(sum("k" + k).as("k" + k));
      counts.add(col("k" + k));
    }
    aggs.add(countDistinct("drop_id").as("drops"));
    aggs.add(count(lit(1)).as("orders"));
    sums.add(sum("drops").as("drops"));
    sums.add(sum("orders").as("orders"));
    Dataset<Row> byChannel = since.groupBy("category", "channel")
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    // A drop has one channel key (dropFacts is one row per drop), so the category's curve over every drop is the
    // sum of its channels' rows: a few rows per category rather than the join over the orders a second time.
    Dataset<Row> all = byChannel.groupBy("category")
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new)).withColumn("channel", lit(ALL_CHANNELS));
    return byChannel.unionByName(all).select(col("category"), col("channel"),
        array(counts.toArray(Column[]::new)).as("orders_by_hours_since_release"), col("orders"), col("drops"));
  }

  /**
   * The hub's usual load from everything but the category, per category x hub: background_by_hour[h] = the
   * hub's pickups in local hour h from orders of other categories, per day the hub had orders.
   */
  public static Dataset<Row> backgroundLoad(Dataset<Row> orderFacts) {
    Dataset<Row> picked = orderFacts.filter(col("fulfilment_mode").equalTo("pickup")
        .and(col("picked_up_at").isNotNull()));
    List<Column> hubHours = new ArrayList<>();
    List<Column> categoryHours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hubHours.add(sum(when(col("pickup_hour").equalTo(h), 1L).otherwise(0L)).as("a" + h));
      categoryHours.add(sum(when(col("pickup_hour").equalTo(h), 1L).otherwise(0L)).as("c" + h));
    }
    Dataset<Row> days = orderFacts.groupBy("hub_id").agg(countDistinct("order_date").as("days"));
    Dataset<Row> hub = picked.groupBy("hub_id").agg(hubHours.get(0), hubHours.subList(1, 24).toArray(Column[]::new));
    Dataset<Row> category = picked.groupBy("hub_id", "category")
        .agg(categoryHours.get(0), categoryHours.subList(1, 24).toArray(Column[]::new));
    List<Column> background = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      background.add(col("a" + h).minus(coalesce(col("c" + h), lit(0L))).divide(col("days")));
    }
    // Every category x hub with orders, including categories that have no pickups there yet.
    Dataset<Row> groups = orderFacts.select("category", "hub_id").distinct();
    return groups.join(days, on(List.of("hub_id")), "inner")
        .join(hub, on(List.of("hub_id")), "inner")
        .join(category, on(List.of("hub_id", "category")), "left")
        .select(col("category"), col("hub_id"), array(background.toArray(Column[]::new)).as("background_by_hour"));
  }

  /** The hubs' capacity and whole opening hours: hub_id, pick_pack_per_hour, opens_hour, closes_hour. */
  public static Dataset<Row> hubCapacities(Dataset<Row> hubs) {
    Column closesHour = expr("cast(substring(closes_at, 1, 2) as int)");
    Column closesMinute = expr("cast(substring(closes_at, 4, 2) as int)");
    Column closes = closesHour.plus(when(closesMinute.gt(0), 1).otherwise(0));
    Column opens = expr("cast(substring(opens_at, 1, 2) as int)");
    return hubs.select(col("hub_id"), col("pick_pack_per_hour"), opens.as("opens_hour"),
        when(closes.leq(opens), lit(24)).otherwise(least(lit(24), closes)).as("closes_hour"));
  }

  /** Units a drop of each group releases at the hub: the median over its drops, column units_per_drop. */
  public static Dataset<Row> unitsPerDrop(Dataset<Row> dropHubs, List<String> keys) {
    return dropHubs.groupBy(columns(keys).toArray(Column[]::new))
        .agg(greatest(lit(1), round(expr("percentile(units_at_hub, 0.5)")).cast("int")).as("units_per_drop"));
  }

  /** Join keys as Spark's Java API takes them. */
  static String[] on(List<String> keys) {
    return keys.toArray(String[]::new);
  }

  static List<Column> columns(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toList();
  }

  static Column[] with(List<Column> keys, Column extra) {
    List<Column> out = new ArrayList<>(keys);
    out.add(extra);
    return out.toArray(Column[]::new);
  }
}

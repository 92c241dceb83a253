package io.dropcast.cadence;

import static io.dropcast.cadence.CadenceHistory.CATEGORY;
import static io.dropcast.cadence.CadenceHistory.CATEGORY_HUB;
import static io.dropcast.cadence.CadenceHistory.CATEGORY_HUB_DAY;
import static io.dropcast.cadence.CadenceHistory.DROP_HUB;
import static io.dropcast.cadence.CadenceHistory.MERCHANT;
import static io.dropcast.cadence.CadenceHistory.on;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.mean;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.minute;
import static org.apache.spark.sql.functions.second;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.dropcast.models.cadence.Batch;
import io.dropcast.models.cadence.CadenceParams;
import io.dropcast.models.cadence.CadenceReplay;
import io.dropcast.models.cadence.DemandHistory;
import io.dropcast.models.cadence.DemandProfile;
import io.dropcast.models.cadence.HubCapacity;
import io.dropcast.models.cadence.HubDayPlanner;
import io.dropcast.models.cadence.PickupModel;
import io.dropcast.models.cadence.ReleaseCurve;
import io.dropcast.models.cadence.SimulationResult;
import io.dropcast.tables.Tables;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The replay behind {@code cadence_evaluation}: every (drop, hub) dated in {@code [from, to]} is planned by the
 * batch planner on the demand expected from the drop-days <em>before</em> it (the weekday x hour profile of the
 * category at the hub, shrunk towards the category, over {@code dropcast.cadence.history-days}), and both that plan
 * and the batches actually used are run through the same fluid simulator against what happened: the realized
 * orders at the hub (cut by sell-outs), and, with the generated world's truth, the latent demand (the realized
 * orders plus the truth's unmet units of each batch, spread evenly over the time after it sold out).
 *
 * <p>Hub-day by hub-day: the recommended batches of all the replayed drops of a hub on a day come from one joint
 * plan ({@link HubDayPlanner}), and both cadences are run with all of the day's drops together, so neither side
 * keeps the other drops' pickups "as they happened". Same drops, units, windows, pickup model and capacity for
 * both: capacity is the hub's pick/pack per hour less the pickups that day from orders that are not the replayed
 * drops' own same-day orders. The pickup model is fitted on orders before {@code from} (per hub; pooled over
 * hubs for a hub without any). Pure: no I/O.
 */
public final class CadenceEvaluation {
  private CadenceEvaluation() {}

  public static final String REALIZED = "realized";
  public static final String LATENT = "latent";
  public static final String ALL_HUBS = "all";

  /** Per (drop, hub, outcome, cadence) replay result. */
  static final StructType DROP_RESULT = new StructType()
      .add("drop_id", DataTypes.StringType, false)
      .add("hub_id", DataTypes.StringType, false)
      .add("outcome", DataTypes.StringType, false)
      .add("cadence", DataTypes.StringType, false)
      .add("batch_count", DataTypes.IntegerType, false)
      .add("units_released", DataTypes.DoubleType, false)
      .add("units_sold", DataTypes.DoubleType, false)
      .add("demand_units", DataTypes.DoubleType, false)
      .add("unmet_units", DataTypes.DoubleType, false)
      .add("over_capacity_pickups", DataTypes.DoubleType, false)
      .add("peak_excess_pickups_per_hour", DataTypes.DoubleType, false)
      .add("peak_load_ratio", DataTypes.DoubleType, false)
      .add("sell_out_hours", DataTypes.DoubleType, false)
      .add("sold_out", DataTypes.BooleanType, false);

  /** The facts of a replay of {@code [from, to]}: the drops dated in it and their history before {@code from}. */
  public static CadenceHistory.Facts facts(CadenceRecommendations.Sources in, LocalDate from, LocalDate to,
      CadenceSettings s) {
    return CadenceHistory.facts(in.drops(), in.orders(), in.catchments(), from.minusDays(s.historyDays()), to,
        CadenceRecommendations.endOfDay(in.orders(), to));
  }

  /**
   * One row per (drop, hub) to replay, with everything the replay of {@link #replay} needs, from the
   * {@link #facts} of the replay.
   *
   * @param latent the truth's latent_demand rows, or {@code null} to replay against realized orders only
   */
  public static Dataset<Row> replayInputs(CadenceHistory.Facts facts, Dataset<Row> hubTable, Dataset<Row> latent,
      LocalDate from, LocalDate to, CadenceSettings s) {
    Dataset<Row> drops = facts.drops();
    Dataset<Row> orders = facts.orders();
    Dataset<Row> dropHubs = facts.dropHubs();
    Dataset<Row> hubDays = facts.hubDays();
    Dataset<Row> categoryDays = CadenceHistory.groupDays(dropHubs, orders, CATEGORY);

    Dataset<Row> pairs = dropHubs
        .filter(col("drop_date").between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)))
        .join(hubDays.select(col("category"), col("hub_id"), col("date").as("drop_date"), col("weekday"),
            col("drops").as("drops_that_day")), on(CATEGORY_HUB_DAY), "inner");
    Dataset<Row> history = before(pairs, hubDays, List.of("category", "hub_id"), s.historyDays(), "history");
    Dataset<Row> prior = before(pairs, categoryDays, List.of("category"), s.historyDays(), "prior");

    Dataset<Row> earlier = orders.filter(col("order_date").lt(java.sql.Date.valueOf(from)));
    Dataset<Row> pooled = CadenceHistory.pickupModels(earlier.withColumn("hub_id", lit("*")),
        s.maxPickupDelayHours()).select(col("delay_shares").as("pooled_shares"),
        col("units_per_order").as("pooled_units_per_order"));
    Dataset<Row> pickup = CadenceHistory.pickupModels(earlier, s.maxPickupDelayHours());
    // The release-relative demand of the category's drops before `from`, per channel key and over its drops.
    Dataset<Row> curves = CadenceHistory.releaseCurves(drops, earlier);
    Dataset<Row> channelCurve = curves.filter(col("channel").notEqual(CadenceHistory.ALL_CHANNELS))
        .select(col("category"), col("channel"), col("orders_by_hours_since_release").as("release_counts"),
            col("drops").as("release_drops"));
    Dataset<Row> categoryCurve = curves.filter(col("channel").equalTo(CadenceHistory.ALL_CHANNELS))
        .select(col("category"), col("orders_by_hours_since_release").as("pooled_release_counts"),
            col("drops").as("pooled_release_drops"));

    Dataset<Row> picked = orders.filter(col("fulfilment_mode").equalTo("pickup").and(col("picked_up_at").isNotNull()));
    Dataset<Row> hubLoad = picked.groupBy(col("hub_id"), col("pickup_date").as("drop_date"), col("pickup_hour"))
        .agg(count(lit(1)).as("n"))
        .groupBy("hub_id", "drop_date").agg(map_from_entries(collect_list(struct(col("pickup_hour"), col("n"))))
            .as("hub_pickups"));
    // What a planner can expect of the pickups of earlier days' orders (mostly at opening), per hub and local
    // hour: their mean per pickup day, over the pickup days before `from`.
    Dataset<Row> pickedBefore = picked.filter(col("pickup_date").lt(java.sql.Date.valueOf(from)));
    Dataset<Row> carryOver = pickedBefore.filter(col("pickup_date").gt(col("order_date")))
        .groupBy("hub_id", "pickup_hour").agg(count(lit(1)).as("n"))
        .join(pickedBefore.groupBy("hub_id").agg(countDistinct("pickup_date").as("days")), on(List.of("hub_id")),
            "inner")
        .groupBy("hub_id").agg(map_from_entries(collect_list(struct(col("pickup_hour"),
            col("n").divide(col("days")).as("mean")))).as("expected_background"));
    Dataset<Row> ownLoad = picked.filter(col("pickup_date").equalTo(col("order_date")))
        .groupBy("drop_id", "hub_id", "pickup_hour").agg(count(lit(1)).as("n"))
        .groupBy("drop_id", "hub_id").agg(map_from_entries(collect_list(struct(col("pickup_hour"), col("n"))))
            .as("own_pickups"));
    Dataset<Row> realized = orders.groupBy("drop_id", "hub_id", "hour").agg(sum("units").cast("double").as("u"))
        .groupBy("drop_id", "hub_id").agg(map_from_entries(collect_list(struct(col("hour"), col("u"))))
            .as("realized_by_hour"));

    Column midnight = col("drop_date");
    Dataset<Row> out = pairs
        .join(history, on(DROP_HUB), "inner")
        .join(prior, on(DROP_HUB), "left")
        .join(CadenceHistory.hubCapacities(hubTable), on(List.of("hub_id")), "inner")
        .join(pickup, on(List.of("hub_id")), "left")
        .crossJoin(pooled)
        .join(hubLoad, on(List.of("hub_id", "drop_date")), "left")
        .join(carryOver, on(List.of("hub_id")), "left")
        .join(ownLoad, on(DROP_HUB), "left")
        .join(realized, on(DROP_HUB), "left")
        .withColumn("channel", CadenceHistory.channel(col("push"), col("sms")))
        .join(channelCurve, on(List.of("category", "channel")), "left")
        .join(categoryCurve, on(List.of("category")), "left")
        .withColumn("start_second", localSecond(col("starts_at"), midnight))
        .withColumn("end_second", localSecond(col("ends_at"), midnight))
        .withColumn("batch_seconds", transform(col("batches"), b -> struct(b.getField("batch_number").as("batch_number"),
            localSecond(b.getField("starts_at"), midnight).as("start_second"),
            b.getField("units_released").as("units_released"))));
    if (latent != null) {
      Dataset<Row> truth = latent.groupBy("drop_id", "hub_id", "batch_number")
          .agg(sum("latent_units").cast("double").as("latent_units"), sum("sold_units").cast("double").as("sold_units"),
              min("sold_out_at").as("sold_out_at"))
          .join(drops.select("drop_id", "drop_date"), on(List.of("drop_id")), "inner")
          .withColumn("sold_out_second", localSecond(col("sold_out_at"), col("drop_date")))
          .groupBy("drop_id", "hub_id").agg(sort_array(collect_list(struct(col("batch_number"), col("latent_units"),
              col("sold_units"), col("sold_out_second")))).as("latent_batches"));
      out = out.join(truth, on(DROP_HUB), "left");
    } else {
      out = out.withColumn("latent_batches", lit(null).cast(DataTypes.createArrayType(new StructType()
          .add("batch_number", DataTypes.IntegerType).add("latent_units", DataTypes.DoubleType)
          .add("sold_units", DataTypes.DoubleType).add("sold_out_second", DataTypes.LongType))));
    }
    return out.select("drop_id", "hub_id", "category", "drop_date", "weekday", "drops_that_day", "units_at_hub",
        "history", "prior", "pick_pack_per_hour", "delay_shares", "units_per_order", "pooled_shares",
        "pooled_units_per_order", "hub_pickups", "expected_background", "own_pickups", "realized_by_hour",
        "release_counts", "release_drops", "pooled_release_counts", "pooled_release_drops", "start_second",
        "end_second",
        "batch_seconds", "latent_batches");
  }

  /** Seconds since the local midnight of {@code day} (the session time zone); null stays null. */
  static Column localSecond(Column ts, Column day) {
    return datediff(to_date(ts), day).cast("long").multiply(86_400L)
        .plus(hour(ts).cast("long").multiply(3600L)).plus(minute(ts).cast("long").multiply(60L))
        .plus(second(ts).cast("long"));
  }

  /** The group-day rows before each pair's drop date (within the history window), aggregated per pair. */
  static Dataset<Row> before(Dataset<Row> pairs, Dataset<Row> days, List<String> keys, int historyDays,
      String name) {
    Dataset<Row> p = pairs.select(col("drop_id"), col("hub_id").as("pair_hub"), col("category").as("pair_category"),
        col("drop_date"));
    Column on = col("date").lt(col("drop_date")).and(col("date").geq(date_sub(col("drop_date"), historyDays)))
        .and(col("category").equalTo(col("pair_category")));
    if (keys.contains("hub_id")) {
      on = on.and(col("hub_id").equalTo(col("pair_hub")));
    }
    return p.join(days, on, "inner")
        .groupBy(col("drop_id"), col("pair_hub").as("hub_id"))
        .agg(CadenceHistory.historyStruct().as(name));
  }

  /**
   * Replays the input rows hub-day by hub-day on the executors: each group is every replayed drop of one hub on
   * one day, planned jointly ({@link HubDayPlanner}) and scored with all of them on the same footing, for both
   * cadences and each outcome the day has.
   */
  public static Dataset<Row> replay(Dataset<Row> inputs, CadenceSettings s) {
    return inputs.groupByKey((MapFunction<Row, String>) r -> r.getAs("hub_id") + "/" + r.getAs("drop_date"),
        Encoders.STRING()).flatMapGroups(new Replay(s), Encoders.row(DROP_RESULT));
  }

  /** One hub-day's input rows to its replay results. */
  static final class Replay implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final CadenceSettings settings;

    Replay(CadenceSettings settings) {
      this.settings = settings;
    }

    @Override
    public Iterator<Row> call(String hubDay, Iterator<Row> rows) {
      List<Row> all = new ArrayList<>();
      rows.forEachRemaining(all::add);
      return replayHubDay(all, settings).iterator();
    }
  }

  /** One (drop, hub) of a replayed hub-day: its window, units, demands and historical batches. */
  private record ReplayedDrop(String dropId, int startHour, int units, double[] planned, ReleaseCurve release,
      double[] realized, double[] latent, List<Batch> historical) {}

  /**
   * The replay of one hub's drops of one day: two rows per drop and outcome (recommended, historical).
   *
   * <p>The recommended batches come from one joint plan of the day's drops on their planned demand (profiles
   * fitted before the day) against the hub's pick/pack per hour less the pickups expected from earlier days'
   * orders (their mean per local hour before {@code from}): the planner knows which drops the day holds (they
   * are announced) but not how they or anything else will sell that day. Both cadences are then run with all the
   * day's drops against the same outcome demand and scored on the same capacity: pick/pack per hour less the
   * hub's pickups that day from orders that are not the replayed drops' own same-day orders (earlier days'
   * orders, drops without history), as they happened.
   */
  static List<Row> replayHubDay(List<Row> rows, CadenceSettings s) {
    CadenceParams p = s.params();
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparing(r -> r.<String>getAs("drop_id")));
    Row first = sorted.get(0);
    String hub = first.getAs("hub_id");
    PickupModel pickup = first.getAs("delay_shares") != null
        ? CadenceRecommendations.pickup(first, s.maxPickupDelayHours())
        : new PickupModel(CadenceRecommendations.list(first, "pooled_shares"),
            first.<Double>getAs("pooled_units_per_order"));
    int pickPack = first.getAs("pick_pack_per_hour");

    Map<Integer, Long> hubPickups = javaMap(first.getAs("hub_pickups"));
    double[] background = new double[24];
    for (Map.Entry<Integer, Long> e : hubPickups.entrySet()) {
      background[Math.floorMod(e.getKey(), 24)] += e.getValue();
    }
    List<ReplayedDrop> drops = new ArrayList<>();
    boolean latent = true;
    for (Row r : sorted) {
      ReplayedDrop d = replayedDrop(r, pickup, p);
      drops.add(d);
      latent &= d.latent() != null;
      for (Map.Entry<Integer, Long> e : CadenceEvaluation.<Integer, Long>javaMap(r.getAs("own_pickups")).entrySet()) {
        background[Math.floorMod(e.getKey(), 24)] -= e.getValue();
      }
    }
    List<Double> others = new ArrayList<>(24);
    for (double b : background) {
      others.add(Math.max(0, b));
    }
    List<Double> expected = new ArrayList<>(java.util.Collections.nCopies(24, 0.0));
    for (Map.Entry<Integer, Double> e : CadenceEvaluation.<Integer, Double>javaMap(
        first.getAs("expected_background")).entrySet()) {
      expected.set(Math.floorMod(e.getKey(), 24), e.getValue());
    }
    HubCapacity planning = new HubCapacity(hub, pickPack, 0, 24, expected);
    HubCapacity scoring = new HubCapacity(hub, pickPack, 0, 24, others);

    List<HubDayPlanner.HubDayDrop> toPlan = drops.stream().map(d -> new HubDayPlanner.HubDayDrop(d.dropId(),
        d.units(), d.startHour(), list(d.planned()), d.release())).toList();
    HubDayPlanner.HubDayPlan plan = HubDayPlanner.plan(toPlan, planning, pickup, p.batching());
    List<List<Batch>> recommended = drops.stream().map(d -> plan.drop(d.dropId()).batches()).toList();
    List<List<Batch>> historical = drops.stream().map(ReplayedDrop::historical).toList();
    List<Row> out = new ArrayList<>();
    out.addAll(score(drops, hub, REALIZED, ReplayedDrop::realized, recommended, historical, scoring, pickup, p));
    if (latent) {
      out.addAll(score(drops, hub, LATENT, ReplayedDrop::latent, recommended, historical, scoring, pickup, p));
    }
    return out;
  }

  /** The drops of a hub-day with one of their demands. */
  private static List<HubDayPlanner.HubDayDrop> hubDay(List<ReplayedDrop> drops,
      java.util.function.Function<ReplayedDrop, double[]> demand) {
    return drops.stream().map(d -> new HubDayPlanner.HubDayDrop(d.dropId(), d.units(), d.startHour(),
        list(demand.apply(d)))).toList();
  }

  /** Both cadences of a hub-day against one outcome demand, as result rows. */
  private static List<Row> score(List<ReplayedDrop> drops, String hub, String outcome,
      java.util.function.Function<ReplayedDrop, double[]> demand, List<List<Batch>> recommended,
      List<List<Batch>> historical, HubCapacity scoring, PickupModel pickup, CadenceParams p) {
    List<HubDayPlanner.HubDayDrop> day = hubDay(drops, demand);
    double backlog = p.batching().backlogShare();
    List<SimulationResult> rec = HubDayPlanner.course(day, recommended, scoring, pickup, backlog).drops();
    List<SimulationResult> hist = HubDayPlanner.course(day, historical, scoring, pickup, backlog).drops();
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < drops.size(); i++) {
      String dropId = drops.get(i).dropId();
      out.add(result(dropId, hub, outcome, CadenceReplay.RECOMMENDED, recommended.get(i).size(), rec.get(i)));
      out.add(result(dropId, hub, outcome, CadenceReplay.HISTORICAL, historical.get(i).size(), hist.get(i)));
    }
    return out;
  }

  /** A replay input row to its window, planned demand (profile before the day), outcomes and batches. */
  private static ReplayedDrop replayedDrop(Row r, PickupModel pickup, CadenceParams p) {
    String hub = r.getAs("hub_id");
    int startHour = (int) Math.min(23, r.<Long>getAs("start_second") / 3600);
    long endSecond = r.getAs("end_second");
    int endHour = (int) Math.max(startHour + 1, Math.min(24, (endSecond + 3599) / 3600));
    int hours = endHour - startHour;

    DemandHistory history = CadenceRecommendations.history(r.getAs("history"), r.getAs("category"), hub, null);
    Row priorRow = r.getAs("prior");
    DemandHistory prior = priorRow == null ? null
        : CadenceRecommendations.history(priorRow, r.getAs("category"), null, null);
    DemandProfile profile = DemandProfile.fit(history, prior, p);
    double[] planned = profile.hourlyOrders(r.<Integer>getAs("weekday"), startHour, endHour, 1.0);
    int sameDay = r.getAs("drops_that_day");
    for (int h = 0; h < hours; h++) {
      planned[h] *= pickup.unitsPerPickup() / sameDay;
    }

    int units = r.getAs("units_at_hub");
    List<Row> batchRows = CadenceRecommendations.list(r, "batch_seconds");
    List<Batch> historical = historicalBatches(batchRows, units, startHour, hours);
    int released = historical.stream().mapToInt(Batch::units).sum();

    double[] realized = new double[hours];
    Map<Integer, Double> byHour = javaMap(r.getAs("realized_by_hour"));
    for (Map.Entry<Integer, Double> e : byHour.entrySet()) {
      realized[clamp(e.getKey() - startHour, hours)] += e.getValue();
    }
    List<Row> latentRows = CadenceRecommendations.list(r, "latent_batches");
    double[] latent = latentRows.isEmpty() ? null
        : latentByHour(realized, latentRows, batchRows, startHour, endSecond);
    return new ReplayedDrop(r.getAs("drop_id"), startHour, released, planned, releaseCurve(r), realized, latent,
        historical);
  }

  /**
   * The release-relative demand curve a replayed drop is planned on: its category's for its channel key, learnt
   * from the drops before the replay, else its category's over all channels (an error when the category has no
   * order after a release before the replay).
   */
  static ReleaseCurve releaseCurve(Row r) {
    boolean own = r.getAs("release_counts") != null;
    List<Long> counts = CadenceRecommendations.list(r, own ? "release_counts" : "pooled_release_counts");
    return ReleaseCurve.fromCounts(counts, r.<Long>getAs(own ? "release_drops" : "pooled_release_drops"));
  }

  private static Row result(String dropId, String hub, String outcome, String cadence, int batches,
      SimulationResult r) {
    return RowFactory.create(dropId, hub, outcome, cadence, batches, r.unitsReleased(), r.sold(), r.demand(),
        r.unmet(), r.overCapacityPickups(), r.peakExcessPickupsPerHour(), r.peakLoadRatio(), r.sellOutHours(),
        r.soldOut());
  }

  /**
   * The drop's batches at the hub: each batch's units_released scaled to the hub's units (largest remainder, so
   * they sum to {@code units}; empty batches dropped), released at the start of its local hour.
   */
  static List<Batch> historicalBatches(List<Row> batches, int units, int startHour, int hours) {
    int n = batches.size();
    double total = 0;
    for (Row b : batches) {
      total += b.<Integer>getAs("units_released");
    }
    int[] given = new int[n];
    double[] remainder = new double[n];
    int sum = 0;
    for (int i = 0; i < n; i++) {
      double exact = units * batches.get(i).<Integer>getAs("units_released") / total;
      given[i] = (int) Math.floor(exact);
      remainder[i] = exact - given[i];
      sum += given[i];
    }
    while (sum < units) {
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (remainder[i] > remainder[best] + 1e-12) {
          best = i;
        }
      }
      given[best]++;
      remainder[best] = -1;
      sum++;
    }
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (given[i] > 0) {
        int hour = (int) (batches.get(i).<Long>getAs("start_second") / 3600);
        out.add(new Batch(clamp(hour - startHour, hours), given[i]));
      }
    }
    return out;
  }

  /**
   * Latent demand by window hour: the realized units plus, for each batch, the truth's unmet units
   * ({@code latent - sold}) spread evenly over the seconds from its sell-out (its start when unknown) to the next
   * batch or the window's end.
   */
  static double[] latentByHour(double[] realized, List<Row> latent, List<Row> batches, int startHour,
      long endSecond) {
    double[] out = realized.clone();
    int hours = out.length;
    long windowStart = startHour * 3600L;
    for (Row l : latent) {
      double unmet = l.<Double>getAs("latent_units") - l.<Double>getAs("sold_units");
      if (!(unmet > 0)) {
        continue;
      }
      int number = l.getAs("batch_number");
      long periodStart = -1;
      long periodEnd = endSecond;
      for (int i = 0; i < batches.size(); i++) {
        if (batches.get(i).<Integer>getAs("batch_number") == number) {
          periodStart = batches.get(i).getAs("start_second");
          if (i + 1 < batches.size()) {
            periodEnd = batches.get(i + 1).getAs("start_second");
          }
        }
      }
      if (periodStart < 0) {
        continue;
      }
      Long soldOut = l.getAs("sold_out_second");
      long from = soldOut == null ? periodStart : Math.max(periodStart, soldOut);
      long to = Math.max(from + 1, periodEnd);
      double perSecond = unmet / (to - from);
      for (long t = from; t < to; ) {
        long next = Math.min(to, (t / 3600 + 1) * 3600);
        out[clamp((int) ((t - windowStart) / 3600), hours)] += perSecond * (next - t);
        t = next;
      }
    }
    return out;
  }

  static int clamp(int offset, int hours) {
    return Math.max(0, Math.min(hours - 1, offset));
  }

  private static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static <K, V> Map<K, V> javaMap(scala.collection.Map<K, V> map) {
    return map == null ? Map.of() : scala.jdk.javaapi.CollectionConverters.asJava(map);
  }

  /**
   * The rows of {@code cadence_evaluation} from the per-drop results: per outcome, per hub and for all hubs, per
   * cadence, with the reduction of pickups over capacity and the change of sell-through.
   */
  public static Dataset<Row> summarise(Dataset<Row> results, LocalDate from, LocalDate to, String runId) {
    Column[] aggs = {
        count(lit(1)).cast("int").as("drops"), sum("units_released").as("units_released"),
        sum("units_sold").as("units_sold"), sum("demand_units").as("demand_units"),
        sum("unmet_units").as("unmet_units"), sum("over_capacity_pickups").as("over_capacity_pickups"),
        max("peak_excess_pickups_per_hour").as("peak_excess_pickups_per_hour"),
        max("peak_load_ratio").as("peak_load_ratio"),
        sum(when(col("over_capacity_pickups").gt(1e-9), 1).otherwise(0)).cast("int").as("overloaded_drops"),
        mean("sell_out_hours").as("mean_sell_out_hours"),
        sum(when(col("sold_out"), 1).otherwise(0)).cast("int").as("sold_out_drops")};
    Dataset<Row> byHub = results.groupBy("outcome", "hub_id", "cadence").agg(aggs[0], tail(aggs));
    Dataset<Row> all = results.groupBy("outcome", "cadence").agg(aggs[0], tail(aggs))
        .withColumn("hub_id", lit(ALL_HUBS));
    WindowSpec pair = Window.partitionBy("outcome", "hub_id");
    Column historicalOver = max(when(col("cadence").equalTo(CadenceReplay.HISTORICAL), col("over_capacity_pickups")))
        .over(pair);
    Column recommendedOver = max(when(col("cadence").equalTo(CadenceReplay.RECOMMENDED),
        col("over_capacity_pickups"))).over(pair);
    Column sellThrough = when(col("units_released").gt(0), col("units_sold").divide(col("units_released")))
        .otherwise(lit(1.0));
    Column historicalSt = max(when(col("cadence").equalTo(CadenceReplay.HISTORICAL), col("sell_through"))).over(pair);
    Column recommendedSt = max(when(col("cadence").equalTo(CadenceReplay.RECOMMENDED), col("sell_through")))
        .over(pair);
    return byHub.unionByName(all)
        .withColumn("sell_through", sellThrough)
        .withColumn("over_capacity_reduction", when(historicalOver.gt(1e-9),
                lit(1.0).minus(recommendedOver.divide(historicalOver)))
            .when(recommendedOver.gt(1e-9), lit(Double.NEGATIVE_INFINITY)).otherwise(lit(0.0)))
        .withColumn("sell_through_change", recommendedSt.minus(historicalSt))
        .withColumn("evaluated_to", lit(java.sql.Date.valueOf(to)))
        .withColumn("evaluated_from", lit(java.sql.Date.valueOf(from)))
        .withColumn("run_id", lit(runId))
        .select(java.util.Arrays.stream(Tables.CADENCE_EVALUATION.schema().fieldNames()).map(c -> col(c))
            .toArray(Column[]::new));
  }

  private static Column[] tail(Column[] all) {
    return java.util.Arrays.copyOfRange(all, 1, all.length);
  }
}

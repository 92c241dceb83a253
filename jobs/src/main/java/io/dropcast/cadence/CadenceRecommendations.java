package io.dropcast.cadence;

import static io.dropcast.cadence.CadenceHistory.CATEGORY;
import static io.dropcast.cadence.CadenceHistory.CATEGORY_HUB;
import static io.dropcast.cadence.CadenceHistory.CATEGORY_HUB_DAY;
import static io.dropcast.cadence.CadenceHistory.DROP_HUB;
import static io.dropcast.cadence.CadenceHistory.MERCHANT;
import static io.dropcast.cadence.CadenceHistory.on;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.dropcast.models.cadence.CadenceInput;
import io.dropcast.models.cadence.CadenceRecommendation;
import io.dropcast.models.cadence.CadenceRecommender;
import io.dropcast.models.cadence.DemandHistory;
import io.dropcast.models.cadence.DropOutcome;
import io.dropcast.models.cadence.HubCapacity;
import io.dropcast.models.cadence.PickupModel;
import io.dropcast.models.cadence.RecoveryObservation;
import io.dropcast.models.cadence.ReleaseCurve;
import io.dropcast.models.cadence.Weekdays;
import io.dropcast.tables.Tables;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

/**
 * The cadence job's core: history to one input row per group ({@link #inputs}), then one
 * {@link CadenceRecommender#recommend} per group on the executors ({@link #recommend}), giving rows of
 * {@code cadence_recommendations}. Pure: no I/O.
 */
public final class CadenceRecommendations {
  private CadenceRecommendations() {}

  /** Values of column level. */
  public static final String LEVEL_CATEGORY_HUB = "category_hub";
  public static final String LEVEL_MERCHANT = "merchant";

  /** The tables a run reads, already restricted to what is dated <= the run date by the caller or here. */
  public record Sources(Dataset<Row> orders, Dataset<Row> drops, Dataset<Row> catchments, Dataset<Row> hubs) {}

  /** The facts of a run for {@code runDate}: its history window, pickups known by the end of the run date. */
  public static CadenceHistory.Facts facts(Sources in, LocalDate runDate, CadenceSettings s) {
    return CadenceHistory.facts(in.drops(), in.orders(), in.catchments(), runDate.minusDays(s.historyDays() - 1L),
        runDate, endOfDay(in.orders(), runDate));
  }

  /**
   * One row per group (level, category, hub_id, merchant_id) with its history, prior, recovery and uplift
   * evidence, hub capacity, background load, pickup model and units per drop, from the {@link #facts} of the run
   * date (the history of {@code [runDate - historyDays + 1, runDate]}).
   */
  public static Dataset<Row> inputs(CadenceHistory.Facts facts, Dataset<Row> hubTable, CadenceSettings s) {
    Dataset<Row> orders = facts.orders();
    Dataset<Row> dropHubs = facts.dropHubs();
    Dataset<Row> hubDays = facts.hubDays();
    Dataset<Row> categoryHub = CadenceHistory.histories(hubDays, CATEGORY_HUB);
    Dataset<Row> category = CadenceHistory.histories(
        CadenceHistory.groupDays(dropHubs, orders, CATEGORY), CATEGORY)
        .withColumnRenamed("history", "prior");
    Dataset<Row> merchant = CadenceHistory.histories(
        CadenceHistory.groupDays(dropHubs, orders, MERCHANT), MERCHANT)
        .filter(aggregate(col("history.drop_days_by_weekday"), lit(0), (a, b) -> a.plus(b))
            .geq(s.params().minMerchantDropDays()));
    Dataset<Row> shared = CadenceHistory.recovery(hubDays, CATEGORY_HUB, s.params().maxGapDays())
        .join(CadenceHistory.outcomes(dropHubs, hubDays), on(CATEGORY_HUB), "full_outer")
        .join(CadenceHistory.backgroundLoad(orders), on(CATEGORY_HUB), "full_outer");
    Dataset<Row> hubs = CadenceHistory.hubCapacities(hubTable)
        .join(CadenceHistory.pickupModels(orders, s.maxPickupDelayHours()), on(List.of("hub_id")), "left");

    Dataset<Row> atHub = categoryHub
        .join(category, on(CATEGORY), "left")
        .join(CadenceHistory.unitsPerDrop(dropHubs, CATEGORY_HUB), on(CATEGORY_HUB), "inner")
        .withColumn("level", lit(LEVEL_CATEGORY_HUB))
        .withColumn("merchant_id", lit(null).cast(DataTypes.StringType));
    Dataset<Row> ofMerchant = merchant
        .join(categoryHub.withColumnRenamed("history", "prior"), on(CATEGORY_HUB), "left")
        .join(CadenceHistory.unitsPerDrop(dropHubs, MERCHANT), on(MERCHANT), "inner")
        .withColumn("level", lit(LEVEL_MERCHANT));
    // The release-relative demand of the category's drops over all channels (a future drop's are not known).
    Dataset<Row> curve = CadenceHistory.releaseCurves(facts.drops(), orders)
        .filter(col("channel").equalTo(CadenceHistory.ALL_CHANNELS))
        .select(col("category"), col("orders_by_hours_since_release").as("release_counts"),
            col("drops").as("release_drops"));
    return atHub.unionByName(ofMerchant)
        .join(shared, on(CATEGORY_HUB), "left")
        .join(hubs, on(List.of("hub_id")), "inner")
        .join(curve, on(CATEGORY), "left")
        .select(INPUT_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  static final List<String> INPUT_COLUMNS = List.of("level", "category", "hub_id", "merchant_id", "history",
      "prior", "recovery", "outcomes", "pick_pack_per_hour", "opens_hour", "closes_hour", "background_by_hour",
      "delay_shares", "units_per_order", "units_per_drop", "release_counts", "release_drops");

  /** The first instant of the day after {@code runDate} in the session time zone, as a literal timestamp. */
  static Timestamp endOfDay(Dataset<Row> any, LocalDate runDate) {
    java.time.ZoneId zone = java.time.ZoneId.of(any.sparkSession().conf().get("spark.sql.session.timeZone"));
    return Timestamp.from(runDate.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /**
   * One recommendation row per input row, computed on the executors: the category groups of a hub together
   * ({@link CadenceRecommender#recommendAtHub}, so their release times do not collide), each merchant group on
   * its own.
   */
  public static Dataset<Row> recommend(Dataset<Row> inputs, CadenceSettings s, LocalDate runDate, String runId) {
    Dataset<Row> atHub = inputs.filter(col("level").equalTo(LEVEL_CATEGORY_HUB))
        .groupByKey((MapFunction<Row, String>) r -> r.getAs("hub_id"), Encoders.STRING())
        .flatMapGroups(new Recommend(s, runDate, runId), Encoders.row(Tables.CADENCE_RECOMMENDATIONS.schema()));
    Dataset<Row> merchants = inputs.filter(col("level").notEqual(LEVEL_CATEGORY_HUB))
        .map(new Recommend(s, runDate, runId), Encoders.row(Tables.CADENCE_RECOMMENDATIONS.schema()));
    return atHub.unionByName(merchants);
  }

  /**
   * Rows to {@link CadenceInput}, recommend, recommendations to rows: one merchant group row at a time, or the
   * category group rows of one hub together. Serializable: it runs in Spark tasks.
   */
  static final class Recommend implements MapFunction<Row, Row>, FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final CadenceSettings settings;
    private final LocalDate runDate;
    private final String runId;

    Recommend(CadenceSettings settings, LocalDate runDate, String runId) {
      this.settings = settings;
      this.runDate = runDate;
      this.runId = runId;
    }

    @Override
    public Row call(Row r) {
      CadenceInput input = input(r, settings);
      CadenceRecommendation rec;
      try {
        rec = CadenceRecommender.recommend(input, settings.params());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Cadence of category '" + r.getAs("category") + "' at hub '"
            + r.getAs("hub_id") + "'" + (r.getAs("merchant_id") == null ? "" : " for merchant '"
            + r.getAs("merchant_id") + "'") + " could not be computed: " + e.getMessage(), e);
      }
      return row(r.getAs("level"), rec, runDate, runId);
    }

    @Override
    public Iterator<Row> call(String hub, Iterator<Row> rows) {
      List<Row> groups = new ArrayList<>();
      rows.forEachRemaining(groups::add);
      groups.sort(java.util.Comparator.comparing(r -> r.<String>getAs("category")));
      List<CadenceInput> inputs = groups.stream().map(r -> input(r, settings)).toList();
      List<CadenceRecommendation> recs;
      try {
        recs = CadenceRecommender.recommendAtHub(inputs, settings.params());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Cadence of the categories "
            + groups.stream().map(r -> (String) r.getAs("category")).toList() + " at hub '" + hub
            + "' could not be computed: " + e.getMessage(), e);
      }
      List<Row> out = new ArrayList<>(recs.size());
      for (CadenceRecommendation rec : recs) {
        out.add(row(LEVEL_CATEGORY_HUB, rec, runDate, runId));
      }
      return out.iterator();
    }
  }

  /** The model input of one group row of {@link #inputs}. */
  static CadenceInput input(Row r, CadenceSettings s) {
    String category = r.getAs("category");
    String hub = r.getAs("hub_id");
    String merchant = r.getAs("merchant_id");
    DemandHistory history = history(r.getAs("history"), category, hub, merchant);
    Row priorRow = r.getAs("prior");
    DemandHistory prior = priorRow == null ? null
        : history(priorRow, category, LEVEL_MERCHANT.equals(r.getAs("level")) ? hub : null, null);
    List<RecoveryObservation> recovery = new ArrayList<>();
    for (Row o : CadenceRecommendations.<Row>list(r, "recovery")) {
      recovery.add(new RecoveryObservation(o.<Integer>getAs("gap_days"), o.<Double>getAs("demand_ratio"),
          o.<Double>getAs("weight")));
    }
    List<DropOutcome> outcomes = new ArrayList<>();
    for (Row o : CadenceRecommendations.<Row>list(r, "outcomes")) {
      outcomes.add(new DropOutcome(o.getAs("drop_id"), o.<Double>getAs("demand"), o.<Double>getAs("baseline"),
          o.<Boolean>getAs("push"), o.<Boolean>getAs("sms"), o.<Double>getAs("discount_depth")));
    }
    List<Double> background = list(r, "background_by_hour");
    HubCapacity capacity = new HubCapacity(hub, r.<Integer>getAs("pick_pack_per_hour"), r.<Integer>getAs("opens_hour"),
        r.<Integer>getAs("closes_hour"), background.stream().map(v -> Math.max(0.0, v)).toList());
    // No curve when no order of the history came after a release: the batches are planned on the profile alone.
    ReleaseCurve release = r.getAs("release_counts") == null ? null
        : ReleaseCurve.fromCounts(list(r, "release_counts"), r.<Long>getAs("release_drops"));
    return new CadenceInput(history, prior, recovery, outcomes, capacity, pickup(r, s.maxPickupDelayHours()),
        r.<Integer>getAs("units_per_drop"), release);
  }

  /** The hub's pickup model; a hub without any order yet has no pickups. */
  static PickupModel pickup(Row r, int maxDelayHours) {
    List<Double> shares = list(r, "delay_shares");
    Double unitsPerOrder = r.getAs("units_per_order");
    if (shares.isEmpty() || unitsPerOrder == null) {
      return new PickupModel(Collections.nCopies(maxDelayHours, 0.0), 1.0);
    }
    return new PickupModel(shares, unitsPerOrder);
  }

  static DemandHistory history(Row h, String category, String hub, String merchant) {
    return new DemandHistory(category, hub, merchant, CadenceRecommendations.<Long>list(h, "orders_by_weekday"),
        CadenceRecommendations.<Integer>list(h, "drop_days_by_weekday"),
        CadenceRecommendations.<Long>list(h, "orders_by_hour"), h.<Integer>getAs("drops"),
        localDate(h.getAs("first_day")), localDate(h.getAs("last_day")));
  }

  static <T> List<T> list(Row r, String field) {
    scala.collection.Seq<T> seq = r.getAs(field);
    return seq == null ? List.of() : scala.jdk.javaapi.CollectionConverters.asJava(seq);
  }

  static LocalDate localDate(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof LocalDate d ? d : ((java.sql.Date) v).toLocalDate();
  }

  static String hhmm(int hour) {
    return String.format(Locale.ROOT, "%02d:00", hour);
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** A recommendation as a row of {@code cadence_recommendations}, in its column order. */
  static Row row(String level, CadenceRecommendation rec, LocalDate runDate, String runId) {
    CadenceRecommendation.Evidence e = rec.evidence();
    List<Row> batches = new ArrayList<>();
    for (int b = 0; b < rec.batchCount(); b++) {
      batches.add(RowFactory.create(b + 1, rec.batchUnits().get(b), hhmm(rec.batchReleaseHours().get(b))));
    }
    List<Row> weekdays = new ArrayList<>();
    for (int w = 0; w < 7; w++) {
      weekdays.add(RowFactory.create(Weekdays.name(w + 1), e.weekdayExpectedOrders().get(w),
          e.weekdayDropDays().get(w), e.weekdayConfidence().get(w)));
    }
    return RowFactory.create(java.sql.Date.valueOf(runDate), level, rec.category(), rec.hubId(), rec.merchantId(),
        seq(rec.weekdayNames()), hhmm(rec.windowStartHour()), hhmm(rec.windowEndHour()), rec.windowDemandShare(),
        rec.intervalDays(), rec.unitsPerDrop(), rec.batchCount(), seq(batches), rec.expectedDemandUnits(),
        rec.expectedSellThrough(), rec.expectedUnmetUnits(), rec.expectedSellOutHours(), rec.expectedSoldOut(),
        rec.expectedPeakPickupsPerHour(), rec.expectedPeakHubLoadPerHour(), rec.pickPackPerHour(),
        rec.expectedPeakLoadRatio(), rec.expectedOverCapacityPickups(), rec.singleReleaseOverCapacityPickups(),
        seq(weekdays), java.sql.Date.valueOf(e.firstDay()), java.sql.Date.valueOf(e.lastDay()), e.dropsUsed(),
        e.dropDaysUsed(), e.ordersUsed(), e.confidence(), e.intervalRelaxed(), e.recoveryIdentified(),
        e.recoveryDip(), e.recoveryRate(), e.recoveryObservations(), e.upliftDrops(), finiteOrNull(e.pushEffect()),
        finiteOrNull(e.smsEffect()), finiteOrNull(e.discountElasticity()), seq(e.whatWouldChange()), runId);
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
  }
}

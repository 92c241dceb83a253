package io.dropcast.act;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import io.dropcast.models.cadence.DropOutcome;
import io.dropcast.models.cadence.UpliftModel;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The push and SMS uplift per neighbourhood x category, learnt from past drops with and without the channel
 * (method in docs/act.md). Each past drop's demand from an exposed neighbourhood (one in the catchment of a hub
 * the drop was offered at) is put against that neighbourhood's mean demand per drop of the category, and the
 * cadence area's {@link UpliftModel} (log-linear least squares on push, SMS and discount depth) is fitted per
 * neighbourhood x category and per category, on the executors (one small fit per group).
 */
public final class ChannelUplift {
  /** Added to demand and baseline so that drops with no orders from a neighbourhood keep a finite log. */
  static final double CONTINUITY = 0.5;

  static final StructType FIT_SCHEMA = new StructType()
      .add("group_key", DataTypes.StringType, false)
      .add("drops", DataTypes.IntegerType, false)
      .add("push_effect", DataTypes.DoubleType, false)
      .add("push_evidence", DataTypes.IntegerType, false)
      .add("sms_effect", DataTypes.DoubleType, false)
      .add("sms_evidence", DataTypes.IntegerType, false);

  private ChannelUplift() {}

  /**
   * One row per (past drop, exposed neighbourhood): drop_id, category, neighbourhood, demand, push, sms, depth.
   * Only drops dated {@code (date - days, date]} and their orders up to {@code date} are read.
   */
  public static Dataset<Row> outcomes(Dataset<Row> drops, Dataset<Row> orders, Dataset<Row> catchments,
      LocalDate date, int days) {
    Date from = Date.valueOf(date.minusDays(days - 1L));
    Date to = Date.valueOf(date);
    Dataset<Row> past = drops.filter(col("drop_date").between(lit(from), lit(to)))
        .groupBy("drop_id")
        .agg(first("category").as("category"), array_distinct(flatten(collect_list("hub_ids"))).as("hub_ids"),
            array_distinct(flatten(collect_list("channels"))).as("channels"),
            min(col("price").cast("double").divide(col("list_price").cast("double"))).as("price_ratio"))
        .select(col("drop_id"), col("category"), col("hub_ids"),
            array_contains(col("channels"), "push").as("push"), array_contains(col("channels"), "sms").as("sms"),
            least(greatest(lit(1.0).minus(col("price_ratio")), lit(0.0)), lit(0.99)).as("depth"));
    Dataset<Row> exposed = past.select(col("drop_id"), col("category"), col("push"), col("sms"), col("depth"),
            explode(col("hub_ids")).as("hub_id"))
        .join(catchments.filter(col("within_reach")).select("hub_id", "neighbourhood"), "hub_id")
        .groupBy("drop_id", "category", "neighbourhood")
        .agg(first("push").as("push"), first("sms").as("sms"), first("depth").as("depth"));
    Dataset<Row> demand = orders.filter(col("order_date").between(lit(from), lit(to))
            .and(col("drop_id").isNotNull()).and(col("status").notEqual("cancelled")))
        .groupBy("drop_id", "neighbourhood").agg(sum("units").cast("double").as("demand"));
    return exposed.join(demand, new String[] {"drop_id", "neighbourhood"}, "left")
        .withColumn("demand", coalesce(col("demand"), lit(0.0)));
  }

  /**
   * The fits.
   *
   * @param own neighbourhood, category, drops, push_effect, push_evidence, sms_effect, sms_evidence
   * @param category category, cat_push_effect, cat_sms_effect, cat_identified
   */
  public record Fits(Dataset<Row> own, Dataset<Row> category) {}

  /** Fits every neighbourhood x category and every category of the outcomes. */
  public static Fits fits(Dataset<Row> outcomes) {
    Dataset<Row> withBaseline = outcomes.join(outcomes.groupBy("neighbourhood", "category")
        .agg(avg("demand").as("baseline")), new String[] {"neighbourhood", "category"});
    Dataset<Row> own = fit(withBaseline, r -> r.<String>getAs("neighbourhood") + "\u0001" + r.<String>getAs("category"));
    Dataset<Row> cat = fit(withBaseline, r -> r.<String>getAs("category"));
    Dataset<Row> ownRows = own.select(
        org.apache.spark.sql.functions.split(col("group_key"), "\u0001").getItem(0).as("neighbourhood"),
        org.apache.spark.sql.functions.split(col("group_key"), "\u0001").getItem(1).as("category"),
        col("drops"), col("push_effect"), col("push_evidence"), col("sms_effect"), col("sms_evidence"));
    Dataset<Row> catRows = cat.select(col("group_key").as("category"), col("push_effect").as("cat_push_effect"),
        col("sms_effect").as("cat_sms_effect"),
        col("push_evidence").gt(0).or(col("sms_evidence").gt(0)).as("cat_identified"));
    return new Fits(ownRows, catRows);
  }

  private static Dataset<Row> fit(Dataset<Row> rows, MapFunction<Row, String> key) {
    return rows.groupByKey(key, Encoders.STRING()).mapGroups((MapGroupsFunction<String, Row, Row>) (k, it) -> {
      List<DropOutcome> outcomes = new ArrayList<>();
      while (it.hasNext()) {
        Row r = it.next();
        outcomes.add(new DropOutcome(r.getAs("drop_id"), r.<Double>getAs("demand") + CONTINUITY,
            r.<Double>getAs("baseline") + CONTINUITY, r.getAs("push"), r.getAs("sms"), r.getAs("depth")));
      }
      return estimate(k, outcomes);
    }, Encoders.row(FIT_SCHEMA));
  }

  /**
   * One group's fit. A channel's evidence is the smaller of its drops with and without it; it is 0 (not
   * identified, effect 1) when either is missing, or when push and SMS always come together (they cannot be told
   * apart), or when the least-squares system is singular.
   */
  static Row estimate(String key, List<DropOutcome> outcomes) {
    int pushWith = (int) outcomes.stream().filter(DropOutcome::push).count();
    int smsWith = (int) outcomes.stream().filter(DropOutcome::sms).count();
    int n = outcomes.size();
    boolean together = outcomes.stream().allMatch(o -> o.push() == o.sms());
    int pushEvidence = together ? 0 : Math.min(pushWith, n - pushWith);
    int smsEvidence = together ? 0 : Math.min(smsWith, n - smsWith);
    if (pushEvidence == 0 && smsEvidence == 0) {
      return RowFactory.create(key, n, 1.0, 0, 1.0, 0);
    }
    UpliftModel.UpliftEstimate e;
    try {
      e = UpliftModel.fit(outcomes);
    } catch (IllegalArgumentException collinear) {
      // UpliftModel's documented answer to collinear features (e.g. every push drop also the deepest discount):
      // the channel effects are not identified in this group, which then follows its category.
      return RowFactory.create(key, n, 1.0, 0, 1.0, 0);
    }
    return RowFactory.create(key, n, pushEvidence > 0 ? e.pushEffect() : 1.0, pushEvidence,
        smsEvidence > 0 ? e.smsEffect() : 1.0, smsEvidence);
  }
}

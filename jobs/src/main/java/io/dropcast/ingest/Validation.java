package io.dropcast.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * The validation rules of each source, as Spark column expressions (no row-by-row code). Each rule has a
 * stable snake_case name and a readable reason quoting the offending value. {@code validate*} add to a landed
 * frame (see {@link Parsing}):
 * <ul>
 *   <li>{@value #RULES}: every rule the record broke, in the order listed by {@link #rules(Source)};
 *   <li>{@value #RULE} and {@value #REASON}: the first of them and its reason, null when the record is accepted.
 * </ul>
 * Every record comes out exactly once: accepted ({@value #RULE} null) or quarantined.
 */
public final class Validation {
  public static final String RULES = "_rules";
  public static final String RULE = "_rule";
  public static final String REASON = "_reason";
  private static final String FAILURES = "_failures";

  // Rule names: stable; the quarantine table, counts and alerts use them.
  public static final String FILE_UNREADABLE = "file_unreadable";
  public static final String RECORD_MALFORMED = "record_malformed";
  public static final String REQUIRED_FIELD_MISSING = "required_field_missing";
  public static final String TYPE_UNPARSEABLE = "type_unparseable";
  public static final String TIMESTAMP_OUT_OF_WINDOW = "timestamp_out_of_window";
  public static final String LATITUDE_LONGITUDE_INVALID = "latitude_longitude_invalid";
  public static final String UNITS_NOT_POSITIVE = "units_not_positive";
  public static final String PICKUP_BEFORE_CREATION = "pickup_before_creation";
  public static final String STATUS_UNKNOWN = "status_unknown";
  public static final String FULFILMENT_MODE_UNKNOWN = "fulfilment_mode_unknown";
  public static final String CHANNEL_UNKNOWN = "channel_unknown";
  public static final String UNKNOWN_HUB = "unknown_hub";
  public static final String UNKNOWN_DROP = "unknown_drop";
  public static final String DUPLICATE_ORDER_ID = "duplicate_order_id";
  public static final String DUPLICATE_DROP_BATCH = "duplicate_drop_batch";
  public static final String DUPLICATE_HUB_ID = "duplicate_hub_id";
  public static final String WINDOW_INVALID = "window_invalid";
  public static final String BATCH_NUMBER_NOT_POSITIVE = "batch_number_not_positive";
  public static final String PRICE_NOT_POSITIVE = "price_not_positive";
  public static final String CAPACITY_NOT_POSITIVE = "capacity_not_positive";
  public static final String OPENING_HOURS_INVALID = "opening_hours_invalid";

  public static final List<String> STATUSES = List.of("placed", "picked_up", "no_show", "cancelled", "refunded");
  public static final List<String> FULFILMENT_MODES = List.of("pickup", "courier", "ship");
  public static final List<String> CHANNELS = List.of("push", "sms");

  private Validation() {}

  /**
   * What the rules need besides the records. {@code runDate} is the run date of records that carry no
   * {@value Parsing#RUN_DATE} column (a batch read by {@link Landing} carries each record's own).
   */
  public record Params(LocalDate runDate, ZoneId zone, boolean allowUnknownHubs, boolean allowUnknownDrops) {
    /** The first instant after the run date, local to the zone: events at or after it are in the future. */
    public Timestamp windowEnd() {
      return Timestamp.from(runDate.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The first instant after the record's run date, local to the zone. */
    Column windowEndColumn() {
      Column next = org.apache.spark.sql.functions.date_add(col(Parsing.RUN_DATE), 1);
      return org.apache.spark.sql.functions.make_timestamp(org.apache.spark.sql.functions.year(next),
          org.apache.spark.sql.functions.month(next), org.apache.spark.sql.functions.dayofmonth(next), lit(0), lit(0),
          lit(0), lit(zone.getId()));
    }

    /** " is after the end of run date D (zone)" for the record's run date. */
    Column afterText() {
      return concat(lit(" is after the end of run date "), col(Parsing.RUN_DATE).cast("string"),
          lit(" (" + zone + ")"));
    }
  }

  /** The frame with its {@value Parsing#RUN_DATE} column (the params' run date when it has none). */
  static Dataset<Row> withRunDate(Dataset<Row> landed, Params p) {
    return java.util.Arrays.asList(landed.columns()).contains(Parsing.RUN_DATE) ? landed
        : landed.withColumn(Parsing.RUN_DATE, lit(java.sql.Date.valueOf(p.runDate())));
  }

  /** The rules of a source, in the order they are checked (the first broken one is the record's rule). */
  public static List<String> rules(Source source) {
    return switch (source) {
      case HUBS -> List.of(RECORD_MALFORMED, REQUIRED_FIELD_MISSING, TYPE_UNPARSEABLE, TIMESTAMP_OUT_OF_WINDOW,
          LATITUDE_LONGITUDE_INVALID, CAPACITY_NOT_POSITIVE, OPENING_HOURS_INVALID, DUPLICATE_HUB_ID);
      case DROPS -> List.of(RECORD_MALFORMED, REQUIRED_FIELD_MISSING, TYPE_UNPARSEABLE, TIMESTAMP_OUT_OF_WINDOW,
          WINDOW_INVALID, BATCH_NUMBER_NOT_POSITIVE, UNITS_NOT_POSITIVE, PRICE_NOT_POSITIVE, CHANNEL_UNKNOWN,
          UNKNOWN_HUB, DUPLICATE_DROP_BATCH);
      case ORDERS -> List.of(RECORD_MALFORMED, REQUIRED_FIELD_MISSING, TYPE_UNPARSEABLE, TIMESTAMP_OUT_OF_WINDOW,
          LATITUDE_LONGITUDE_INVALID, UNITS_NOT_POSITIVE, PICKUP_BEFORE_CREATION, STATUS_UNKNOWN,
          FULFILMENT_MODE_UNKNOWN, UNKNOWN_HUB, UNKNOWN_DROP, DUPLICATE_ORDER_ID);
    };
  }

  // ---- sources ----------------------------------------------------------------------------------

  /** Hub snapshots. Two snapshots of a hub with different updated_at are both valid (the latest wins later). */
  public static Dataset<Row> validateHubs(Dataset<Row> landedIn, Params p) {
    Dataset<Row> landed = withRunDate(landedIn, p);
    List<Column> checks = common(Source.HUBS, landed);
    checks.add(failure(TIMESTAMP_OUT_OF_WINDOW, col("updated_at").geq(p.windowEndColumn()),
        concat(lit("updated_at "), iso(col("updated_at")), p.afterText())));
    checks.add(latLng());
    checks.add(failure(CAPACITY_NOT_POSITIVE,
        col("capacity_units").leq(0).or(col("pick_pack_per_hour").leq(0)).or(col("pickup_sla_hours").leq(0))
            .or(isnan(col("pickup_sla_hours"))),
        concat(lit("capacity_units="), str("capacity_units"), lit(", pick_pack_per_hour="),
            str("pick_pack_per_hour"), lit(", pickup_sla_hours="), str("pickup_sla_hours"),
            lit(": each must be > 0"))));
    String hhmm = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    checks.add(failure(OPENING_HOURS_INVALID,
        col("opens_at").rlike(hhmm).and(col("closes_at").rlike(hhmm)).and(col("closes_at").gt(col("opens_at")))
            .equalTo(false),
        concat(lit("opens_at='"), col("opens_at"), lit("', closes_at='"), col("closes_at"),
            lit("': both must be HH:mm (24 h) and closes_at after opens_at"))));
    Dataset<Row> checked = withFailures(landed, checks);
    return finish(duplicates(checked, DUPLICATE_HUB_ID,
        concat(lit("hub_id "), col("hub_id"), lit(" with updated_at "), iso(col("updated_at"))),
        col("hub_id"), col("updated_at")));
  }

  /**
   * Drop batches. {@code knownHubIds}: one row, column {@code known} = array of every hub id known (the hubs
   * table and the hubs accepted in this run).
   */
  public static Dataset<Row> validateDrops(Dataset<Row> landedIn, Dataset<Row> knownHubIds, Params p) {
    Dataset<Row> landed = withRunDate(landedIn, p);
    Dataset<Row> in = landed.crossJoin(broadcast(knownHubIds));
    List<Column> checks = common(Source.DROPS, in);
    checks.add(failure(TIMESTAMP_OUT_OF_WINDOW, col("starts_at").geq(p.windowEndColumn()),
        concat(lit("starts_at "), iso(col("starts_at")), p.afterText())));
    checks.add(failure(WINDOW_INVALID, col("ends_at").leq(col("starts_at")),
        concat(lit("ends_at "), iso(col("ends_at")), lit(" is not after starts_at "), iso(col("starts_at")))));
    checks.add(failure(BATCH_NUMBER_NOT_POSITIVE, col("batch_number").leq(0),
        concat(lit("batch_number="), str("batch_number"), lit(" must be >= 1"))));
    checks.add(failure(UNITS_NOT_POSITIVE, col("units_released").leq(0),
        concat(lit("units_released="), str("units_released"), lit(" must be > 0"))));
    checks.add(failure(PRICE_NOT_POSITIVE, col("price").leq(0).or(col("list_price").leq(0)),
        concat(lit("price="), str("price"), lit(", list_price="), str("list_price"), lit(": both must be > 0"))));
    Column unknownChannels = array_except(coalesce(col("channels"), emptyStrings()), stringArray(CHANNELS));
    checks.add(failure(CHANNEL_UNKNOWN, size(unknownChannels).gt(0),
        concat(lit("channel(s) "), array_join(unknownChannels, ", "), lit(" not among " + CHANNELS))));
    if (!p.allowUnknownHubs()) {
      Column unknownHubs = array_except(col("hub_ids"), coalesce(col("known"), emptyStrings()));
      checks.add(failure(UNKNOWN_HUB, size(unknownHubs).gt(0),
          concat(lit("hub(s) "), array_join(unknownHubs, ", "),
              lit(" in no hub snapshot (set dropcast.ingest.allow-unknown-hubs=true to accept)"))));
    }
    Dataset<Row> checked = withFailures(in, checks).drop("known")
        .withColumn("channels", coalesce(col("channels"), emptyStrings()));
    return finish(duplicates(checked, DUPLICATE_DROP_BATCH,
        concat(lit("drop_id "), col("drop_id"), lit(" batch "), col("batch_number").cast("string")),
        col("drop_id"), col("batch_number")));
  }

  /**
   * Order versions. {@code knownHubIds} as for drops; {@code knownDropIds}: column {@code drop_id}, distinct,
   * every drop known (the drops table and the drops accepted in this run); {@code storedOrders}: columns
   * {@code order_id} and {@code created_at} of the orders table, null when it does not exist yet (only the rows
   * of the batch's order ids are read). Two versions of one order with the same created_at and different
   * updated_at are both valid (an UPDATE event; the latest wins later). An order_id already known with ANOTHER
   * created_at is a reused id, duplicate_order_id; the same order_id with the same updated_at twice on one run
   * date is a duplicate too, the first one read (by file, then record number) is kept (see {@link #orderMarks}).
   *
   * <p>This is {@link #checkOrders} (the rules of one record alone), then {@link #orderMarks} (the rules across
   * records) applied with {@link #applyMarks}; the ingest job runs the three steps itself, with the checked
   * records staged in between.
   */
  public static Dataset<Row> validateOrders(Dataset<Row> landedIn, Dataset<Row> knownHubIds,
      Dataset<Row> knownDropIds, Dataset<Row> storedOrders, Params p) {
    Dataset<Row> checked = withRecordIds(checkOrders(landedIn, knownHubIds, knownDropIds, p));
    return applyMarks(checked, orderMarks(checked, storedOrders), false).drop(SUPERSEDED);
  }

  /**
   * The rules of one order record alone (every order rule but duplicate_order_id), with {@value #RULES},
   * {@value #RULE} and {@value #REASON} as {@link #validateOrders} gives them. Arguments as there.
   */
  public static Dataset<Row> checkOrders(Dataset<Row> landedIn, Dataset<Row> knownHubIds, Dataset<Row> knownDropIds,
      Params p) {
    Dataset<Row> landed = withRunDate(landedIn, p);
    Dataset<Row> drops = knownDropIds.select(col("drop_id").as("_known_drop"), lit(true).as("_drop_known"));
    Dataset<Row> in = landed.crossJoin(broadcast(knownHubIds))
        .join(broadcast(drops), landed.col("drop_id").equalTo(drops.col("_known_drop")), "left")
        .drop("_known_drop");
    List<Column> checks = common(Source.ORDERS, in);
    Column end = p.windowEndColumn();
    Column after = p.afterText();
    checks.add(failure(TIMESTAMP_OUT_OF_WINDOW,
        col("created_at").geq(end).or(col("updated_at").geq(end)).or(col("picked_up_at").geq(end)),
        when(col("created_at").geq(end), concat(lit("created_at "), iso(col("created_at")), after))
            .when(col("updated_at").geq(end), concat(lit("updated_at "), iso(col("updated_at")), after))
            .otherwise(concat(lit("picked_up_at "), iso(col("picked_up_at")), after))));
    checks.add(latLng());
    checks.add(failure(UNITS_NOT_POSITIVE, col("units").leq(0),
        concat(lit("units="), str("units"), lit(" must be > 0"))));
    checks.add(failure(PICKUP_BEFORE_CREATION, col("picked_up_at").lt(col("created_at")),
        concat(lit("picked_up_at "), iso(col("picked_up_at")), lit(" is before created_at "), iso(col("created_at")))));
    checks.add(failure(STATUS_UNKNOWN, col("status").isin(STATUSES.toArray()).equalTo(false),
        concat(lit("status='"), col("status"), lit("' is not one of " + STATUSES))));
    checks.add(failure(FULFILMENT_MODE_UNKNOWN, col("fulfilment_mode").isin(FULFILMENT_MODES.toArray()).equalTo(false),
        concat(lit("fulfilment_mode='"), col("fulfilment_mode"), lit("' is not one of " + FULFILMENT_MODES))));
    if (!p.allowUnknownHubs()) {
      checks.add(failure(UNKNOWN_HUB,
          col("hub_id").isNotNull().and(array_contains(coalesce(col("known"), emptyStrings()), col("hub_id")).equalTo(false)),
          concat(lit("hub_id '"), col("hub_id"),
              lit("' is in no hub snapshot (set dropcast.ingest.allow-unknown-hubs=true to accept)"))));
    }
    if (!p.allowUnknownDrops()) {
      checks.add(failure(UNKNOWN_DROP, col("drop_id").isNotNull().and(col("_drop_known").isNull()),
          concat(lit("drop_id '"), col("drop_id"),
              lit("' was never ingested (set dropcast.ingest.allow-unknown-drops=true to accept)"))));
    }
    return finish(withFailures(in, checks).drop("known", "_drop_known"));
  }

  /** The frame with {@value Parsing#RID} (one per file and record number) when it has none (test frames). */
  static Dataset<Row> withRecordIds(Dataset<Row> frame) {
    if (java.util.Arrays.asList(frame.columns()).contains(Parsing.RID)) {
      return frame;
    }
    Column fileIndex = org.apache.spark.sql.functions.dense_rank().over(Window.orderBy(col(Parsing.FILE)));
    return frame.withColumn(Parsing.RID,
        org.apache.spark.sql.functions.shiftleft(fileIndex.cast(DataTypes.LongType), Parsing.RID_ROW_BITS)
            .plus(col(Parsing.ROW)));
  }

  /** Columns of the marks of the rules across order records (see {@link #orderMarks}). */
  public static final String MARK_RULE = "_mark_rule";
  public static final String MARK_REASON = "_mark_reason";
  /** True for an accepted order version that a later accepted version of the same order supersedes. */
  public static final String SUPERSEDED = "_superseded";
  /** An order's version: updated_at, or created_at when the source gave none. */
  private static final String VERSION = "_version";

  /**
   * The rules across order records, as marks on the records they change: a record that broke no rule of its own
   * and reuses a known order_id with another created_at, or repeats an order version, gets
   * ({@value Parsing#RID}, {@value #MARK_RULE} = duplicate_order_id, {@value #MARK_REASON}); an accepted version
   * that a later accepted version of the same order supersedes gets ({@value Parsing#RID}, null, null). Records
   * with no mark keep their outcome.
   *
   * <ul>
   *   <li>Reused id: the order's first version is the stored one (the orders table) or, when the table does
   *       not have the order, the first record of the batch that broke no rule, by run date, file and record
   *       number; a later version of an order keeps its created_at (and so its order_date).
   *   <li>Repeated version: among records of one run date that broke no rule, the second and later with the same
   *       (order_id, version) in file, then record-number order; the same version on two run dates is a later
   *       delivery, as when the dates are ingested one by one.
   *   <li>Superseded: among the accepted versions of an order (which share its created_at), every one but the
   *       latest (by version, then run date, file and record number).
   * </ul>
   *
   * {@code checked}: as {@link #checkOrders} gives, with {@value Parsing#RID}. Reads only the columns it needs (order_id, created_at, updated_at, the run date, file,
   * record number and id, and {@value #RULE}), so that one shuffle of narrow records decides every order.
   * {@code stored}: columns order_id and created_at of the orders table, or null when there is none; only the rows
   * of the batch's order ids are joined.
   */
  public static Dataset<Row> orderMarks(Dataset<Row> checked, Dataset<Row> stored) {
    // Within a run date, record-id order is file-then-record-number order (see Parsing.RID): the windows sort on
    // the long, and the file names of the reasons are looked up for the few records that need one.
    Dataset<Row> narrow = checked.select(col("order_id"), col("created_at"),
        coalesce(col("updated_at"), col("created_at")).as(VERSION), col(Parsing.RUN_DATE), col(Parsing.RID),
        col(RULE).isNull().as("_valid"));
    String storedAt = "_stored_created_at";
    Dataset<Row> in;
    if (stored == null) {
      in = narrow.withColumn(storedAt, lit(null).cast(DataTypes.TimestampType));
    } else {
      // At most one row per order_id (the earliest created_at), so the join cannot multiply records.
      Dataset<Row> batchIds = narrow.select(col("order_id")).where(col("order_id").isNotNull()).distinct();
      Dataset<Row> known = stored.select(col("order_id"), col("created_at"))
          .join(batchIds, scala.jdk.javaapi.CollectionConverters.asScala(List.of("order_id")).toSeq(), "left_semi")
          .groupBy(col("order_id").as("_stored_id")).agg(min(col("created_at")).as(storedAt));
      in = narrow.join(known, narrow.col("order_id").equalTo(known.col("_stored_id")), "left").drop("_stored_id");
    }
    Column rid = col(Parsing.RID);
    // One shuffle on order_id and one sort by (order_id, version, run date): the three windows below are whole-
    // partition aggregates (no ORDER BY) over order_id or (order_id, version, run date), both satisfied by that one
    // sort, so Spark adds no sort of its own between them. "First" and "latest" are the min or max of a struct whose
    // fields are the order keys (the record id, unique, breaks every tie), and the flags that ordered windows would
    // partition on are conditions inside the aggregate instead.
    Dataset<Row> sorted = in.repartition(col("order_id"))
        .sortWithinPartitions(col("order_id"), col(VERSION), col(Parsing.RUN_DATE));
    // 1. Reused ids. The order's first version: its first valid record by run date and record id (or, when none is
    //    valid, its first record), unless the orders table has the order.
    WindowSpec byId = Window.partitionBy(col("order_id"));
    Column first = min(struct(col("_valid").equalTo(false).as("invalid"), col(Parsing.RUN_DATE).as("run_date"),
        rid.as("rid"), col("created_at").as("created_at"))).over(byId);
    Dataset<Row> reused = sorted
        .withColumn("_first", first)
        .withColumn("_original_at", coalesce(col(storedAt), col("_first.created_at")))
        .withColumn("_original_rid", col("_first.rid"))
        .withColumn("_reused", col("_valid").and(col("created_at").notEqual(col("_original_at"))));
    // 2. Repeated versions among the records still valid, per run date: every one but the first by record id.
    Column ok = col("_valid").and(col("_reused").equalTo(false));
    WindowSpec byVersion = Window.partitionBy(col("order_id"), col(VERSION), col(Parsing.RUN_DATE));
    Dataset<Row> repeated = reused
        .withColumn("_version_rid", min(when(ok, rid)).over(byVersion))
        .withColumn("_repeated", ok.and(rid.notEqual(col("_version_rid"))));
    // 3. Superseded versions among the accepted ones: every one but the latest by version, run date and record id.
    Column accepted = ok.and(col("_repeated").equalTo(false));
    Column key = struct(col(VERSION).as("version"), col(Parsing.RUN_DATE).as("run_date"), rid.as("rid"));
    Dataset<Row> marked = repeated
        .withColumn("_superseded", accepted.and(key.notEqual(max(when(accepted, key)).over(byId))))
        .where(col("_reused").or(col("_repeated")).or(col("_superseded")))
        .withColumn("_seen_rid", when(col("_reused"), col("_original_rid")).when(col("_repeated"), col("_version_rid")));
    // The reasons, for the marked records only: "FILE record N" of the record first seen.
    long rowMask = (1L << Parsing.RID_ROW_BITS) - 1;
    Dataset<Row> files = checked.select(org.apache.spark.sql.functions.shiftright(rid, Parsing.RID_ROW_BITS)
        .as("_file_index"), col(Parsing.FILE).as("_seen_file")).distinct();
    Dataset<Row> withFile = marked.join(broadcast(files),
        org.apache.spark.sql.functions.shiftright(col("_seen_rid"), Parsing.RID_ROW_BITS).equalTo(col("_file_index")),
        "left");
    Column seenAt = concat(col("_seen_file"), lit(" record "),
        col("_seen_rid").bitwiseAND(rowMask).cast("string"));
    Column inTable = col(storedAt).isNotNull();
    Column reusedReason = concat(lit("order_id "), col("order_id"), lit(" with created_at "), iso(col("created_at")),
        lit(" reuses the id of the order created at "), iso(col("_original_at")), lit(" (first version in "),
        when(inTable, lit("the orders table")).otherwise(seenAt),
        lit("); a later version of an order keeps its created_at"));
    Column repeatedReason = concat(lit("order_id "), col("order_id"), lit(" with updated_at "),
        iso(col(VERSION)), lit(" appears again; first seen in "), seenAt);
    return withFile.select(rid,
        when(col("_reused").or(col("_repeated")), lit(DUPLICATE_ORDER_ID)).as(MARK_RULE),
        when(col("_reused"), reusedReason).when(col("_repeated"), repeatedReason).as(MARK_REASON));
  }

  /**
   * Applies {@link #orderMarks}: a record marked with a rule gets that rule alone ({@value #RULES},
   * {@value #RULE}, {@value #REASON}); {@value #SUPERSEDED} is true for an accepted version marked superseded.
   * {@code broadcastMarks}: join the marks as a broadcast (when the caller knows they are few enough).
   */
  public static Dataset<Row> applyMarks(Dataset<Row> checked, Dataset<Row> marks, boolean broadcastMarks) {
    Dataset<Row> m = marks.select(col(Parsing.RID).as("_mark_rid"), col(MARK_RULE), col(MARK_REASON));
    Dataset<Row> joined = checked.join(broadcastMarks ? broadcast(m) : m,
        checked.col(Parsing.RID).equalTo(m.col("_mark_rid")), "left");
    Column marked = col(MARK_RULE).isNotNull();
    return joined
        .withColumn(RULES, when(marked, array(col(MARK_RULE))).otherwise(col(RULES)))
        .withColumn(RULE, when(marked, col(MARK_RULE)).otherwise(col(RULE)))
        .withColumn(REASON, when(marked, col(MARK_REASON)).otherwise(col(REASON)))
        .withColumn(SUPERSEDED, col("_mark_rid").isNotNull().and(marked.equalTo(false)))
        .drop("_mark_rid", MARK_RULE, MARK_REASON);
  }

  // ---- building blocks --------------------------------------------------------------------------

  /** record_malformed, required_field_missing, type_unparseable: the same for every source. */
  private static List<Column> common(Source source, Dataset<Row> landed) {
    List<Column> checks = new ArrayList<>();
    checks.add(failure(RECORD_MALFORMED, col(Parsing.MALFORMED),
        lit("the line is not a well-formed record (wrong number of CSV fields, or invalid JSON)")));
    List<Column> missing = new ArrayList<>();
    Column anyMissing = lit(false);
    for (String f : source.requiredFields()) {
      Column raw = col(Parsing.RAW + "." + f);
      org.apache.spark.sql.types.DataType type = source.schema().apply(f).dataType();
      boolean isArray = type instanceof org.apache.spark.sql.types.ArrayType;
      Column absent = isArray ? raw.isNull().or(size(col(f)).equalTo(0)) : raw.isNull().or(raw.equalTo(""));
      // A Parquet record without its raw record (see Parsing.fromTyped): its typed value as text is null or "".
      Column typedAbsent = type instanceof org.apache.spark.sql.types.StringType
          ? col(f).isNull().or(col(f).equalTo("")) : col(f).isNull();
      Column isAbsent = when(col(Parsing.RAW).isNull(), typedAbsent).otherwise(absent);
      missing.add(when(isAbsent, lit(f)));
      anyMissing = anyMissing.or(isAbsent);
    }
    // Whether a field is missing is plain generated code; the list of the missing ones (a higher-order function,
    // evaluated row by row outside generated code) is built only for the reason of a record that broke the rule.
    checks.add(failure(REQUIRED_FIELD_MISSING, anyMissing,
        concat(lit("required field(s) missing or empty: "), array_join(Parsing.nonNull(missing), ", "))));
    checks.add(failure(TYPE_UNPARSEABLE, size(col(Parsing.UNPARSED)).gt(0),
        concat(lit("value(s) that do not parse: "), array_join(col(Parsing.UNPARSED), "; "))));
    return checks;
  }

  private static Column latLng() {
    Column lat = col("latitude");
    Column lng = col("longitude");
    return failure(LATITUDE_LONGITUDE_INVALID,
        lat.between(-90.0, 90.0).and(lng.between(-180.0, 180.0)).equalTo(false).or(isnan(lat)).or(isnan(lng)),
        concat(lit("latitude="), str("latitude"), lit(", longitude="), str("longitude"),
            lit(" is not a WGS84 position (latitude in [-90, 90], longitude in [-180, 180])")));
  }

  /** A broken rule: (rule, reason) when {@code broken} is true, null otherwise (also when it is null). */
  static Column failure(String rule, Column broken, Column reason) {
    return when(coalesce(broken, lit(false)), struct(lit(rule).as("rule"),
        coalesce(reason, lit(rule.replace('_', ' '))).as("reason")));
  }

  /**
   * Adds the failures array: the broken rules of each record, in the order of {@code checks}. The array is filtered
   * (a higher-order function, evaluated row by row outside generated code) only for a record that broke a rule; a
   * valid record, nearly every one, gets the empty array of the same type.
   */
  static Dataset<Row> withFailures(Dataset<Row> frame, List<Column> checks) {
    Column broken = checks.stream().map(Column::isNotNull).reduce(Column::or).orElse(lit(false));
    Column failures = org.apache.spark.sql.functions.filter(array(checks.toArray(Column[]::new)), x -> x.isNotNull());
    return frame.withColumn(FAILURES, when(broken, failures).otherwise(emptyLike(frame, failures)));
  }

  /** An empty array typed as {@code array} evaluates to on {@code frame} (analysed on the driver, no job). */
  private static Column emptyLike(Dataset<Row> frame, Column array) {
    return array().cast(frame.select(array).schema().fields()[0].dataType());
  }

  /**
   * Among records of one run date that broke no other rule, the second and later records with the same key (in
   * file, then record-number order) break {@code rule}; the reason names where the key was first seen. The same
   * key on two run dates is a later delivery (it replaces the earlier one when written), as when the dates are
   * ingested one by one.
   */
  static Dataset<Row> duplicates(Dataset<Row> checked, String rule, Column keyText, Column... key) {
    Column valid = size(col(FAILURES)).equalTo(0);
    List<Column> partition = new ArrayList<>(List.of(key));
    partition.add(valid.as("_valid"));
    if (java.util.Arrays.asList(checked.columns()).contains(Parsing.RUN_DATE)) {
      partition.add(col(Parsing.RUN_DATE));
    }
    WindowSpec w = Window.partitionBy(partition.toArray(Column[]::new)).orderBy(col(Parsing.FILE), col(Parsing.ROW));
    Column rank = row_number().over(w);
    Column firstSeen = first(concat(col(Parsing.FILE), lit(" record "), col(Parsing.ROW).cast("string"))).over(w);
    Column dup = struct(lit(rule).as("rule"), concat(keyText, lit(" appears again; first seen in "), firstSeen)
        .as("reason"));
    return checked.withColumn(FAILURES, when(valid.and(rank.gt(1)), array(dup)).otherwise(col(FAILURES)));
  }

  static Dataset<Row> finish(Dataset<Row> checked) {
    Column firstFailure = org.apache.spark.sql.functions.get(col(FAILURES), lit(0));
    Column rules = transform(col(FAILURES), x -> x.getField("rule"));
    return checked
        .withColumn(RULES, when(size(col(FAILURES)).gt(0), rules).otherwise(emptyLike(checked, rules)))
        .withColumn(RULE, firstFailure.getField("rule"))
        .withColumn(REASON, firstFailure.getField("reason"))
        .drop(FAILURES);
  }

  static Column str(String column) {
    return coalesce(col(column).cast(DataTypes.StringType), lit("null"));
  }

  static Column iso(Column ts) {
    return date_format(ts, "yyyy-MM-dd'T'HH:mm:ssXXX");
  }

  static Column emptyStrings() {
    return org.apache.spark.sql.functions.expr("array()").cast(DataTypes.createArrayType(DataTypes.StringType));
  }

  private static Column stringArray(List<String> values) {
    return array(values.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
  }
}

package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.drop;
import static io.dropcast.ingest.Fixtures.hub;
import static io.dropcast.ingest.Fixtures.order;
import static io.dropcast.ingest.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.testing.SharedSpark;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** One test per validation rule, on records built inline; the rule name and the reason are checked exactly. */
class ValidationRulesTest {
  private static final Validation.Params STRICT =
      new Validation.Params(LocalDate.of(2026, 11, 25), ZoneId.of("Europe/Lisbon"), false, false);
  private static final Validation.Params LENIENT =
      new Validation.Params(LocalDate.of(2026, 11, 25), ZoneId.of("Europe/Lisbon"), true, true);

  /** Hubs H1 and H2 and drop D1 are known. */
  private static Dataset<Row> knownHubs() {
    StructType schema = new StructType().add("known", DataTypes.createArrayType(DataTypes.StringType));
    return SharedSpark.get().createDataFrame(List.of(RowFactory.create(
        scala.jdk.javaapi.CollectionConverters.asScala(List.of("H1", "H2")).toSeq())), schema);
  }

  private static Dataset<Row> knownDrops() {
    return SharedSpark.get().createDataFrame(List.of(RowFactory.create("D1")),
        new StructType().add("drop_id", DataTypes.StringType));
  }

  /** (rule, reason, rules) of each record, in record order. */
  private static List<List<Object>> outcomes(Source source, Validation.Params p, List<Map<String, String>> records) {
    Dataset<Row> landed = Fixtures.landed(source, "f.csv", records);
    Dataset<Row> validated = switch (source) {
      case HUBS -> Validation.validateHubs(landed, p);
      case DROPS -> Validation.validateDrops(landed, knownHubs(), p);
      case ORDERS -> Validation.validateOrders(landed, knownHubs(), knownDrops(), null, p);
    };
    List<List<Object>> out = new ArrayList<>();
    for (Row r : validated.orderBy(Parsing.ROW).select(Validation.RULE, Validation.REASON, Validation.RULES)
        .collectAsList()) {
      out.add(List.of(String.valueOf(r.get(0)), String.valueOf(r.get(1)), r.getList(2)));
    }
    return out;
  }

  private static List<Object> only(Source source, Map<String, String> record) {
    return outcomes(source, STRICT, List.of(record)).get(0);
  }

  private static void assertRule(List<Object> outcome, String rule, String reason) {
    assertEquals(rule, outcome.get(0), "rule of the record; reason was: " + outcome.get(1));
    assertEquals(reason, outcome.get(1), "reason of rule " + rule);
  }

  @Test
  void validRecordsOfEverySourceAreAccepted() {
    assertEquals(List.of("null", "null", List.of()), only(Source.HUBS, hub("H1", 38.71, -9.14)), "hub");
    assertEquals(List.of("null", "null", List.of()), only(Source.DROPS, drop("D1", 1)), "drop");
    assertEquals(List.of("null", "null", List.of()), only(Source.ORDERS, order("O1")), "order");
  }

  @Test
  void aMissingRequiredFieldIsRequiredFieldMissingAndNamesTheFields() {
    assertRule(only(Source.ORDERS, with(order("O1"), "customer_id", null, "status", "")),
        "required_field_missing", "required field(s) missing or empty: customer_id, status");
    assertRule(only(Source.DROPS, with(drop("D1", 1), "hub_ids", null)),
        "required_field_missing", "required field(s) missing or empty: hub_ids");
  }

  @Test
  void aValueThatDoesNotCastIsTypeUnparseableAndQuotesTheValue() {
    assertRule(only(Source.ORDERS, with(order("O1"), "units", "two", "created_at", "yesterday")),
        "type_unparseable",
        "value(s) that do not parse: created_at='yesterday' is not a timestamp; units='two' is not an int");
  }

  @Test
  void anEventAfterTheRunDateIsTimestampOutOfWindowWhileLateDataIsAccepted() {
    List<List<Object>> out = outcomes(Source.ORDERS, STRICT, List.of(
        with(order("O1"), "created_at", "2026-11-26T00:30:00Z"),
        with(order("O2"), "created_at", "2026-11-20T10:00:00Z")));
    assertRule(out.get(0), "timestamp_out_of_window",
        "created_at 2026-11-26T00:30:00Z is after the end of run date 2026-11-25 (Europe/Lisbon)");
    assertEquals("null", out.get(1).get(0), "an order of an earlier date (late data) is accepted");
  }

  @Test
  void aPositionOutsideWgs84IsLatitudeLongitudeInvalid() {
    assertRule(only(Source.ORDERS, with(order("O1"), "latitude", "91.5")), "latitude_longitude_invalid",
        "latitude=91.5, longitude=-9.1334 is not a WGS84 position (latitude in [-90, 90], longitude in [-180, 180])");
    assertEquals("latitude_longitude_invalid", only(Source.HUBS, hub("H1", 38.7, -190.0)).get(0), "hub rule");
  }

  @Test
  void zeroUnitsIsUnitsNotPositive() {
    assertRule(only(Source.ORDERS, with(order("O1"), "units", "0")), "units_not_positive", "units=0 must be > 0");
    assertRule(only(Source.DROPS, with(drop("D1", 1), "units_released", "-3")), "units_not_positive",
        "units_released=-3 must be > 0");
  }

  @Test
  void aPickupBeforeTheOrderIsPickupBeforeCreation() {
    assertRule(only(Source.ORDERS, with(order("O1"), "picked_up_at", "2026-11-25T09:00:00Z", "status", "picked_up")),
        "pickup_before_creation", "picked_up_at 2026-11-25T09:00:00Z is before created_at 2026-11-25T10:00:00Z");
  }

  @Test
  void unknownEnumerationValuesBreakTheirOwnRules() {
    assertRule(only(Source.ORDERS, with(order("O1"), "status", "lost")), "status_unknown",
        "status='lost' is not one of [placed, picked_up, no_show, cancelled, refunded]");
    assertRule(only(Source.ORDERS, with(order("O1"), "fulfilment_mode", "drone")), "fulfilment_mode_unknown",
        "fulfilment_mode='drone' is not one of [pickup, courier, ship]");
    assertRule(only(Source.DROPS, with(drop("D1", 1), "channels", "push|fax")), "channel_unknown",
        "channel(s) fax not among [push, sms]");
  }

  @Test
  void aHubInNoSnapshotIsUnknownHubUnlessAllowed() {
    assertRule(only(Source.ORDERS, with(order("O1"), "hub_id", "H9")), "unknown_hub",
        "hub_id 'H9' is in no hub snapshot (set dropcast.ingest.allow-unknown-hubs=true to accept)");
    assertRule(only(Source.DROPS, with(drop("D1", 1), "hub_ids", "H1|H9|H8")), "unknown_hub",
        "hub(s) H9, H8 in no hub snapshot (set dropcast.ingest.allow-unknown-hubs=true to accept)");
    assertEquals("null", outcomes(Source.ORDERS, LENIENT, List.of(with(order("O1"), "hub_id", "H9"))).get(0).get(0),
        "allow-unknown-hubs accepts the order");
  }

  @Test
  void aDropNeverIngestedIsUnknownDropUnlessAllowed() {
    assertRule(only(Source.ORDERS, with(order("O1"), "drop_id", "D7")), "unknown_drop",
        "drop_id 'D7' was never ingested (set dropcast.ingest.allow-unknown-drops=true to accept)");
    assertEquals("null", outcomes(Source.ORDERS, LENIENT, List.of(with(order("O1"), "drop_id", "D7"))).get(0).get(0),
        "allow-unknown-drops accepts the order");
  }

  @Test
  void theSameOrderVersionTwiceIsDuplicateOrderIdButALaterVersionIsAnUpdate() {
    List<List<Object>> out = outcomes(Source.ORDERS, STRICT, List.of(
        order("O1"),
        order("O1"),
        with(order("O1"), "status", "picked_up", "picked_up_at", "2026-11-25T15:00:00Z",
            "updated_at", "2026-11-25T15:00:00Z")));
    assertEquals("null", out.get(0).get(0), "first version is accepted");
    assertRule(out.get(1), "duplicate_order_id",
        "order_id O1 with updated_at 2026-11-25T10:00:00Z appears again; first seen in f.csv record 1");
    assertEquals("null", out.get(2).get(0), "a later version of the order is an update, not a duplicate");
  }

  /** Orders landed on a run date, in a file of that name (what Landing produces for one file of a batch). */
  private static Dataset<Row> ordersOn(String runDate, String file, List<Map<String, String>> records) {
    return Fixtures.landed(Source.ORDERS, file, records)
        .withColumn(Parsing.RUN_DATE, functions.lit(java.sql.Date.valueOf(runDate)));
  }

  /** (rule, reason) of each order, by run date, file and record number; {@code stored} as the orders table. */
  private static List<List<String>> orderOutcomes(Dataset<Row> landed, Dataset<Row> stored) {
    Dataset<Row> validated = Validation.validateOrders(landed, knownHubs(), knownDrops(), stored, STRICT);
    return validated.orderBy(Parsing.RUN_DATE, Parsing.FILE, Parsing.ROW).select(Validation.RULE, Validation.REASON)
        .collectAsList().stream().map(r -> List.of(String.valueOf(r.get(0)), String.valueOf(r.get(1)))).toList();
  }

  @Test
  void anOrderIdReusedWithAnotherCreatedAtOnALaterDateIsDuplicateOrderIdWhileALaterVersionIsAnUpdate() {
    // O1 is created on 2026-11-24; on 2026-11-25 a new order reuses its id (another created_at), and O1's pickup
    // arrives (same created_at, later updated_at). The later date comes first in the frame: order must not matter.
    Dataset<Row> batch = ordersOn("2026-11-25", "day2.csv", List.of(
        with(order("O1"), "created_at", "2026-11-25T08:00:00Z", "customer_id", "someone-else"),
        with(order("O1"), "created_at", "2026-11-24T10:00:00Z", "status", "picked_up",
            "picked_up_at", "2026-11-25T09:00:00Z", "updated_at", "2026-11-25T09:00:00Z")))
        .unionByName(ordersOn("2026-11-24", "day1.csv", List.of(with(order("O1"), "created_at", "2026-11-24T10:00:00Z"))));
    List<List<String>> out = orderOutcomes(batch, null);
    assertEquals(List.of("null", "null"), out.get(0), "day 1: the first version of O1");
    assertEquals(List.of("duplicate_order_id", "order_id O1 with created_at 2026-11-25T08:00:00Z reuses the id of the"
        + " order created at 2026-11-24T10:00:00Z (first version in day1.csv record 1); a later version of an order"
        + " keeps its created_at"), out.get(1), "day 2: the reused id");
    assertEquals(List.of("null", "null"), out.get(2), "day 2: O1's pickup (same created_at, later updated_at) is an update");
  }

  @Test
  void anOrderIdOfTheOrdersTableWithAnotherCreatedAtIsDuplicateOrderIdWhileItsVersionsAreAccepted() {
    // The orders table holds O1 created on 2026-11-24 (and O9, which the batch does not mention).
    Dataset<Row> stored = SharedSpark.get().createDataFrame(List.of(
            RowFactory.create("O1", java.sql.Timestamp.from(java.time.Instant.parse("2026-11-24T10:00:00Z"))),
            RowFactory.create("O9", java.sql.Timestamp.from(java.time.Instant.parse("2026-11-20T10:00:00Z")))),
        new StructType().add("order_id", DataTypes.StringType).add("created_at", DataTypes.TimestampType));
    Dataset<Row> batch = ordersOn("2026-11-25", "f.csv", List.of(
        with(order("O1"), "created_at", "2026-11-24T10:00:00Z"),
        with(order("O1"), "created_at", "2026-11-24T10:00:00Z", "status", "refunded",
            "updated_at", "2026-11-25T12:00:00Z"),
        order("O1")));
    List<List<String>> out = orderOutcomes(batch, stored);
    assertEquals(List.of("null", "null"), out.get(0), "the stored version delivered again is not an error");
    assertEquals(List.of("null", "null"), out.get(1), "a later version (same created_at) is an update");
    assertEquals(List.of("duplicate_order_id", "order_id O1 with created_at 2026-11-25T10:00:00Z reuses the id of the"
        + " order created at 2026-11-24T10:00:00Z (first version in the orders table); a later version of an order"
        + " keeps its created_at"), out.get(2), "another created_at than the table's");
  }

  @Test
  void orderMarksSupersedeEveryAcceptedVersionOfAnOrderButTheLatestAndLeaveEveryOtherRecordUnmarked() {
    Dataset<Row> batch = ordersOn("2026-11-25", "f.csv", List.of(
        order("O1"),
        with(order("O1"), "status", "picked_up", "picked_up_at", "2026-11-25T15:00:00Z",
            "updated_at", "2026-11-25T15:00:00Z"),
        order("O2"),
        // A later version that breaks a rule of its own: quarantined for it, so it supersedes nothing.
        with(order("O1"), "status", "lost", "updated_at", "2026-11-25T16:00:00Z"),
        order("O2")));
    Dataset<Row> checked = Validation.withRecordIds(
        Validation.checkOrders(batch, knownHubs(), knownDrops(), STRICT));
    List<String> marks = Validation.orderMarks(checked, null)
        .join(checked.select(Parsing.RID, Parsing.ROW), Parsing.RID)
        .orderBy(Parsing.ROW).select(Parsing.ROW, Validation.MARK_RULE).collectAsList().stream()
        .map(Row::toString).toList();
    assertEquals(List.of("[1,null]", "[5,duplicate_order_id]"), marks,
        "record 1 superseded by record 2 (the pickup); record 5 repeats record 3; records 2-4 unmarked");
  }

  @Test
  void aDropBatchOrHubSnapshotTwiceIsADuplicate() {
    assertEquals("duplicate_drop_batch",
        outcomes(Source.DROPS, STRICT, List.of(drop("D1", 1), drop("D1", 1), drop("D1", 2))).get(1).get(0),
        "second (D1, 1)");
    assertEquals("duplicate_hub_id",
        outcomes(Source.HUBS, STRICT, List.of(hub("H1", 38.7, -9.1), hub("H1", 38.7, -9.1))).get(1).get(0),
        "second snapshot of H1 with the same updated_at");
  }

  @Test
  void aDropWindowEndingBeforeItStartsIsWindowInvalid() {
    assertRule(only(Source.DROPS, with(drop("D1", 1), "ends_at", "2026-11-25T09:00:00Z")), "window_invalid",
        "ends_at 2026-11-25T09:00:00Z is not after starts_at 2026-11-25T09:00:00Z");
  }

  @Test
  void batchNumbersAndPricesMustBePositive() {
    assertRule(only(Source.DROPS, with(drop("D1", 1), "batch_number", "0")), "batch_number_not_positive",
        "batch_number=0 must be >= 1");
    assertRule(only(Source.DROPS, with(drop("D1", 1), "price", "0.00")), "price_not_positive",
        "price=0.00, list_price=14.00: both must be > 0");
  }

  @Test
  void hubCapacityAndOpeningHoursAreChecked() {
    assertRule(only(Source.HUBS, with(hub("H1", 38.7, -9.1), "capacity_units", "0")), "capacity_not_positive",
        "capacity_units=0, pick_pack_per_hour=60, pickup_sla_hours=2.0: each must be > 0");
    assertRule(only(Source.HUBS, with(hub("H1", 38.7, -9.1), "closes_at", "07:30")), "opening_hours_invalid",
        "opens_at='08:00', closes_at='07:30': both must be HH:mm (24 h) and closes_at after opens_at");
  }

  @Test
  void aRecordBreakingSeveralRulesKeepsTheFirstAsRuleAndListsThemAll() {
    List<Object> out = only(Source.ORDERS, with(order("O1"), "units", "0", "status", "lost", "hub_id", "H9"));
    assertEquals("units_not_positive", out.get(0), "first broken rule in rule order");
    assertEquals(List.of("units_not_positive", "status_unknown", "unknown_hub"), out.get(2), "every broken rule");
  }

  @Test
  void missingChannelsDefaultToNoneAsTheContractSays() {
    Dataset<Row> v = Validation.validateDrops(Fixtures.landed(Source.DROPS, "f.csv",
        List.of(with(drop("D1", 1), "channels", null))), knownHubs(), STRICT);
    Row r = v.select(Validation.RULE, "channels").head();
    assertEquals(null, r.get(0), "accepted");
    assertEquals(List.of(), r.getList(1), "channels default to an empty list");
  }
}

package io.dropcast.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.testing.SharedSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@link CadenceHistory}'s release-relative demand evidence on a handful of rows. */
class CadenceHistoryTest {
  private static final StructType BATCH = new StructType()
      .add("batch_number", DataTypes.IntegerType).add("starts_at", DataTypes.TimestampType)
      .add("units_released", DataTypes.IntegerType);
  private static final StructType DROPS = new StructType()
      .add("drop_id", DataTypes.StringType).add("push", DataTypes.BooleanType).add("sms", DataTypes.BooleanType)
      .add("batches", DataTypes.createArrayType(BATCH));
  private static final StructType ORDERS = new StructType()
      .add("order_id", DataTypes.StringType).add("drop_id", DataTypes.StringType)
      .add("category", DataTypes.StringType).add("created_at", DataTypes.TimestampType);

  private static Timestamp at(String time) {
    return Timestamp.valueOf("2026-09-01 " + time);
  }

  @Test
  void ordersCountByWholeHoursSinceTheLatestReleaseBeforeThemPerCategoryAndChannelAndOverItsChannels() {
    // P: announced by push, batches at 10:00 and 12:00. N: no channel, one batch at 08:00. Both bakery; B: a
    // produce drop with one order, so that categories are kept apart.
    Dataset<Row> drops = SharedSpark.get().createDataFrame(List.of(
        RowFactory.create("P", true, false, List.of(
            RowFactory.create(1, at("10:00:00"), 5), RowFactory.create(2, at("12:00:00"), 5))),
        RowFactory.create("N", false, false, List.of(RowFactory.create(1, at("08:00:00"), 5))),
        RowFactory.create("B", false, false, List.of(RowFactory.create(1, at("08:00:00"), 5)))), DROPS);
    Dataset<Row> orders = SharedSpark.get().createDataFrame(List.of(
        RowFactory.create("p1", "P", "bakery", at("10:05:00")), // 0 h after 10:00
        RowFactory.create("p2", "P", "bakery", at("11:30:00")), // 1 h after 10:00
        RowFactory.create("p3", "P", "bakery", at("12:10:00")), // 0 h after 12:00, the latest release before it
        RowFactory.create("p4", "P", "bakery", at("13:59:59")), // 1 h after 12:00
        RowFactory.create("p5", "P", "bakery", at("09:50:00")), // before the first release: left out
        RowFactory.create("n1", "N", "bakery", at("08:01:00")), // 0 h
        RowFactory.create("n2", "N", "bakery", at("09:00:00")), // exactly 1 h
        RowFactory.create("n3", "N", "bakery", Timestamp.valueOf("2026-09-02 10:00:00")), // 26 h: the last count
        RowFactory.create("b1", "B", "produce", at("10:30:00"))), ORDERS); // 2 h

    Map<String, Row> curves = CadenceHistory.releaseCurves(drops, orders).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("category") + "/" + r.getAs("channel"), r -> r));

    assertEquals(List.of("bakery/all", "bakery/none", "bakery/push", "produce/all", "produce/none"),
        curves.keySet().stream().sorted().toList(), "category and channel keys");
    assertEquals(counts(Map.of(0, 2L, 1, 2L)), counts(curves.get("bakery/push")), "push: two at 0 h, two at 1 h");
    assertEquals(counts(Map.of(0, 1L, 1, 1L, 23, 1L)), counts(curves.get("bakery/none")), "none: 26 h counts at 23 h");
    assertEquals(counts(Map.of(0, 3L, 1, 3L, 23, 1L)), counts(curves.get("bakery/all")), "bakery over its channels");
    assertEquals(List.of(4L, 1L), List.of(curves.get("bakery/push").<Long>getAs("orders"),
        curves.get("bakery/push").<Long>getAs("drops")), "push: 4 orders (p5 left out) of 1 drop");
    assertEquals(List.of(7L, 2L), List.of(curves.get("bakery/all").<Long>getAs("orders"),
        curves.get("bakery/all").<Long>getAs("drops")), "bakery over its channels: 7 orders of 2 drops");
    assertEquals(counts(Map.of(2, 1L)), counts(curves.get("produce/all")), "produce: its one order, 2 h after");
  }

  private static List<Long> counts(Map<Integer, Long> nonZero) {
    List<Long> out = new ArrayList<>(Collections.nCopies(CadenceHistory.RELEASE_CURVE_HOURS, 0L));
    nonZero.forEach(out::set);
    return out;
  }

  private static List<Long> counts(Row curve) {
    return CadenceRecommendations.list(curve, "orders_by_hours_since_release");
  }
}

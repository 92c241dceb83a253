package io.dropcast.act;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.testing.SharedSpark;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** push_targets on a hand-made drop: who is a candidate, expected demand by the plan's split, uplift, cap. */
class PushTargetsTest {
  private static final LocalDate D = LocalDate.parse("2026-07-01");

  private static Dataset<Row> sql(String query) {
    return SharedSpark.get().sql(query);
  }

  @Test
  void candidatesSplitDemandAsThePlanDoesAndTheAudienceIsCappedAtTheUnitsPlaced() {
    // Drop d1 (bakery, no channels: a push) is eligible at h1 and h2, but the plan places units at h1 only.
    Dataset<Row> plan = sql("SELECT * FROM VALUES (DATE'2026-07-02', 'd1', 'bakery', 'h1', 6),"
        + " (DATE'2026-07-02', 'd1', 'bakery', 'h2', 0) AS t(drop_date, drop_id, category, hub_id, units)");
    Dataset<Row> upcoming = sql("SELECT DATE'2026-07-02' AS drop_date, 'd1' AS drop_id, 'bakery' AS category,"
        + " array('h1', 'h2') AS hub_ids, CAST(array() AS array<string>) AS channels");
    // n1 is served by h1 alone; n2 half by h1, half by h2; n3 by h2 alone (no units there); n4 by h1, but 200
    // minutes away while h1 promises pickups within 2 hours.
    Dataset<Row> weights = sql("SELECT * FROM VALUES ('n1', 'h1', 1.0D), ('n2', 'h1', 0.5D), ('n2', 'h2', 0.5D),"
        + " ('n3', 'h2', 1.0D), ('n4', 'h1', 1.0D) AS t(neighbourhood, hub_id, weight)");
    Dataset<Row> catchments = sql("SELECT * FROM VALUES ('n1', 'h1', 10.0D, true), ('n2', 'h1', 10.0D, true),"
        + " ('n2', 'h2', 10.0D, true), ('n3', 'h2', 10.0D, true), ('n4', 'h1', 200.0D, true)"
        + " AS t(neighbourhood, hub_id, travel_minutes, within_reach)");
    Dataset<Row> hubs = sql("SELECT * FROM VALUES ('h1', 2.0D), ('h2', 2.0D) AS t(hub_id, pickup_sla_hours)");
    Dataset<Row> forecast = sql("SELECT * FROM VALUES (DATE'2026-07-02', 'n1', 'bakery', 4.0D),"
        + " (DATE'2026-07-02', 'n2', 'bakery', 6.0D), (DATE'2026-07-02', 'n3', 'bakery', 5.0D),"
        + " (DATE'2026-07-02', 'n4', 'bakery', 3.0D) AS t(target_date, neighbourhood, category, mean)");
    Dataset<Row> candidates = PushTargets.candidates(plan, upcoming, weights, catchments, hubs, forecast);
    assertEquals(List.of("[n1,h1,push,4.0,6]", "[n2,h1,push,3.0,6]"),
        candidates.orderBy("neighbourhood").select(org.apache.spark.sql.functions.col("neighbourhood"),
            org.apache.spark.sql.functions.col("hub_id"),
            org.apache.spark.sql.functions.concat_ws("+", org.apache.spark.sql.functions.col("channels")),
            org.apache.spark.sql.functions.col("expected_demand"), org.apache.spark.sql.functions.col("units_placed")).collectAsList().stream().map(Row::toString).toList(),
        "n1 takes its whole forecast, n2 the half it sends to h1; n3 (no units at h2) and n4 (beyond the SLA) are out");

    // n2 has its own push fit (2.0 on 10 drops of evidence); n1 has none and follows the category (1.25).
    Dataset<Row> own = sql("SELECT * FROM VALUES ('n2', 'bakery', 20, 2.0D, 10, 1.0D, 0)"
        + " AS t(neighbourhood, category, drops, push_effect, push_evidence, sms_effect, sms_evidence)");
    Dataset<Row> category = sql("SELECT 'bakery' AS category, 1.25D AS cat_push_effect, 1.0D AS cat_sms_effect,"
        + " true AS cat_identified");
    Dataset<Row> withUplift = PushTargets.withUplift(candidates, own, category, 10.0);
    // Customers of the last 28 days: n1 has c1 (twice) and c2; 2 units per order on average.
    Dataset<Row> orders = sql("SELECT * FROM VALUES (DATE'2026-06-30', 'n1', 'c1', 'bakery', 1, 'picked_up'),"
        + " (DATE'2026-06-29', 'n1', 'c2', 'bakery', 3, 'picked_up'), (DATE'2026-06-20', 'n1', 'c1', 'bakery', 2, 'placed'),"
        + " (DATE'2026-06-20', 'n2', 'c9', 'bakery', 5, 'cancelled'), (DATE'2026-05-01', 'n2', 'c8', 'bakery', 5, 'placed')"
        + " AS t(order_date, neighbourhood, customer_hash, category, units, status)");
    List<Row> rows = PushTargets.targets(withUplift, PushTargets.audience(orders, D, 28),
        PushTargets.unitsPerOrder(orders, D, 28), D, "run-1").orderBy("rank").collectAsList();

    assertEquals(2, rows.size());
    Row n1 = rows.get(0);
    Row n2 = rows.get(1);
    assertEquals(List.of("n1", 1, true, "category", 0), List.of(n1.getAs("neighbourhood"), n1.getAs("rank"),
        n1.getAs("notified"), n1.getAs("uplift_source"), n1.getAs("uplift_drops")));
    assertEquals(1.25, n1.<Double>getAs("uplift"), 1e-12);
    assertEquals(5.0, n1.<Double>getAs("expected_demand_notified"), 1e-12, "4 x 1.25");
    assertEquals(2L, (long) n1.<Long>getAs("audience_size"), "c1 and c2; cancelled and older orders do not count");
    assertEquals(2.5, n1.<Double>getAs("expected_orders"), 1e-12, "5 units at 2 units per order");
    assertEquals(1.25, n1.<Double>getAs("expected_orders_per_notification"), 1e-12);
    assertEquals(List.of("n2", 2, false, "neighbourhood", 20), List.of(n2.getAs("neighbourhood"), n2.getAs("rank"),
        n2.getAs("notified"), n2.getAs("uplift_source"), n2.getAs("uplift_drops")));
    assertEquals(Math.sqrt(2.0 * 1.25), n2.<Double>getAs("uplift"), 1e-12, "shrunk halfway (10 drops vs 10)");
    assertEquals(5.0 + 3.0 * Math.sqrt(2.5), n2.<Double>getAs("cumulative_expected_demand"), 1e-12);
    assertEquals(0L, (long) n2.<Long>getAs("audience_size"));
    org.junit.jupiter.api.Assertions.assertNull(n2.getAs("expected_orders_per_notification"), "no audience: no rate");
    assertEquals(6, (int) n2.<Integer>getAs("units_placed"), "9.74 expected > 6 units: n2 is left out");
  }
}

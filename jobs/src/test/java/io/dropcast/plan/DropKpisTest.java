package io.dropcast.plan;

import static io.dropcast.plan.PlanWorld.D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.cli.Dropcast;
import io.dropcast.tables.Tables;
import io.dropcast.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drop-kpis for run date D measures the drops of D - 1. Drop k1 released 5 units at 10:00: o1 (2 units, customer
 * c1, opted in) picked up at 12:00; o2 (3 units at 11:30, customer c2, opted out) never picked up; o3 cancelled.
 * c1 had ordered ten days before. Drop k2 released 10 units and sold 1 (o4, picked up after the end of D, so not
 * counted as picked up yet). The plan of D - 2 shipped 4 units of k2 and nothing of k1.
 */
class DropKpisTest {
  @TempDir
  static Path dir;

  static Map<String, Row> kpis = new HashMap<>();

  static Map<String, Object> order(String id, String drop, String customer, LocalDate day, int hour, int minute,
      int units, String status, Timestamp pickedUp, Boolean optIn) {
    Map<String, Object> r = new HashMap<>();
    r.put("order_id", id);
    r.put("drop_id", drop);
    r.put("hub_id", "h1");
    r.put("category", "bakery");
    r.put("customer_hash", customer);
    r.put("order_date", Date.valueOf(day));
    r.put("created_at", Timestamp.valueOf(day.atTime(hour, minute)));
    r.put("units", units);
    r.put("status", status);
    r.put("fulfilment_mode", "pickup");
    r.put("picked_up_at", pickedUp);
    r.put("next_drop_opt_in", optIn);
    return r;
  }

  @BeforeAll
  static void measure() {
    String root = dir.resolve("wh").toString();
    LocalDate day = D.minusDays(1);
    PlanWorld w = new PlanWorld(root).hub("h1", 100, 2.0).drop("k1", day, "bakery", 5, "h1")
        .drop("k2", day, "bakery", 10, "h1");
    w.add(Tables.ORDERS, order("o1", "k1", "c1", day, 11, 0, 2, "picked_up", Timestamp.valueOf(day.atTime(12, 0)), true));
    w.add(Tables.ORDERS, order("o2", "k1", "c2", day, 11, 30, 3, "placed", null, false));
    w.add(Tables.ORDERS, order("o3", "k1", "c3", day, 11, 40, 1, "cancelled", null, null));
    w.add(Tables.ORDERS, order("o0", "k0", "c1", day.minusDays(10), 9, 0, 1, "picked_up", null, null));
    w.add(Tables.ORDERS, order("o4", "k2", "c4", day, 13, 0, 1, "picked_up",
        Timestamp.valueOf(D.plusDays(1).atTime(9, 0)), null));
    Map<String, Object> planned = new HashMap<>();
    planned.put("plan_date", Date.valueOf(day.minusDays(1)));
    planned.put("drop_date", Date.valueOf(day));
    planned.put("drop_id", "k2");
    planned.put("hub_id", "h1");
    planned.put("units", 4);
    w.add(Tables.HUB_PREPOSITIONING_PLAN, planned);
    w.write();
    StringWriter err = new StringWriter();
    var cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(0, cli.execute("drop-kpis", "--date", D.toString(), "--set", "dropcast.warehouse=" + root),
        "stderr: " + err);
    for (Row r : SharedSpark.get().read().format("delta").load(root + "/drop_kpis").collectAsList()) {
      kpis.put(r.getAs("drop_id"), r);
    }
  }

  @Test
  void aSoldOutDropHasItsSellThroughTimeToSellOutNoShowsOptInsAndRepeatCustomers() {
    Row k1 = kpis.get("k1");
    assertEquals(List.of("k1", "k2"), kpis.keySet().stream().sorted().toList(), "drops measured");
    assertEquals(2L, k1.<Long>getAs("orders"), "cancelled orders do not count");
    assertEquals(5L, k1.<Long>getAs("units_sold"));
    assertEquals(1.0, k1.<Double>getAs("sell_through"), 1e-12);
    assertTrue(k1.<Boolean>getAs("sold_out"));
    assertEquals(90.0, k1.<Double>getAs("minutes_to_sell_out"), 1e-9, "10:00 to the order of 11:30");
    assertEquals(1L, k1.<Long>getAs("no_show_orders"));
    assertEquals(0.5, k1.<Double>getAs("no_show_rate"), 1e-12);
    assertEquals("released", k1.getAs("shipped_source"), "no plan shipped k1");
    assertEquals(0.4, k1.<Double>getAs("pickup_rate"), 1e-12, "2 units picked up of 5 shipped");
    assertEquals(0.5, k1.<Double>getAs("opt_in_rate"), 1e-12);
    assertEquals(0.5, k1.<Double>getAs("repeat_rate"), 1e-12, "c1 ordered before, c2 did not");
  }

  @Test
  void aPickupAfterTheEndOfTheRunDateIsNotCountedAndThePlansUnitsAreTheShippedOnes() {
    Row k2 = kpis.get("k2");
    assertEquals(4, k2.<Integer>getAs("units_shipped"));
    assertEquals("plan", k2.getAs("shipped_source"));
    assertEquals(0L, k2.<Long>getAs("picked_up_orders"));
    assertEquals(0.0, k2.<Double>getAs("pickup_rate"), 0);
    assertEquals(false, k2.<Boolean>getAs("sold_out"));
    assertNull(k2.getAs("minutes_to_sell_out"));
    assertNull(k2.getAs("opt_in_rate"), "nobody answered the opt-in");
  }
}

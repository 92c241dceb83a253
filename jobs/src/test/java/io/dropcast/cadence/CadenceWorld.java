package io.dropcast.cadence;

import io.dropcast.tables.Tables;
import io.dropcast.testing.SharedSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A hand-made history of eight weeks (Monday 2026-01-05 to Sunday 2026-03-01, Lisbon in winter = UTC) where the
 * right cadence is known. Every order is a one-unit pickup collected ten minutes after it is placed.
 * <ul>
 *   <li><b>bakery at H1</b> (merchant M1; H1 serves 1,000 pickups an hour, 07:00-20:00): a drop every day of
 *       200 units that never sells out; 40 orders on Saturdays, 10 on other days, half at 09:xx and half at
 *       10:xx. Right answer: Saturday first, window 09:00-11:00, one release.</li>
 *   <li><b>produce at H1</b> (merchant M2): drops with gaps cycling 1, 2, 3 days (a 6-day cycle, so every weekday
 *       sees every gap); 20 orders after a rest, 14 the day after a drop (30 % less), at 15:xx and 16:xx. Right
 *       answer: recovery fitted with a dip of 0.3, interval 2 days, weekdays not adjacent.</li>
 *   <li><b>meals at H2</b> (merchant M3; H2 serves 8 pickups an hour, 10:00-22:00): a drop every day from 12:00 to
 *       15:00. Weeks 3 and 6: 100 units, 90 orders (10 at 12:xx, 40 at 13:xx, 40 at 14:xx), not sold out. The
 *       other weeks: 24 units, sold out by 24 orders at 12:xx. Expected demand is then about 20, 10 and 10 an hour
 *       for 24 units against 8 pickups an hour: a single release overloads the hub, two batches still overload it
 *       at 13:00, three batches of 8 at 12:00, 13:00 and 14:00 keep it within capacity with the same sales.</li>
 * </ul>
 */
final class CadenceWorld {
  private CadenceWorld() {}

  static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
  static final LocalDate FIRST = LocalDate.of(2026, 1, 5);
  static final LocalDate LAST = LocalDate.of(2026, 3, 1);
  static final int DAYS = 56;

  private static final List<Row> ORDERS = new ArrayList<>();
  private static final List<Row> DROPS = new ArrayList<>();
  private static final List<Row> LATENT = new ArrayList<>();

  static {
    for (int d = 0; d < DAYS; d++) {
      LocalDate day = FIRST.plusDays(d);
      // bakery: every day.
      String bakery = drop(day, "bakery", "M1", "H1", 9, 11, 200);
      int n = day.getDayOfWeek().getValue() == 6 ? 40 : 10;
      for (int i = 0; i < n; i++) {
        order(bakery, day, "bakery", "H1", i < n / 2 ? 9 : 10, i);
      }
      // meals: every day, small or big.
      int week = d / 7 + 1;
      boolean big = week == 3 || week == 6;
      String meals = drop(day, "meals", "M3", "H2", 12, 15, big ? 100 : 24);
      if (big) {
        for (int i = 0; i < 90; i++) {
          order(meals, day, "meals", "H2", i < 10 ? 12 : i < 50 ? 13 : 14, i);
        }
      } else {
        for (int i = 0; i < 24; i++) {
          order(meals, day, "meals", "H2", 12, i);
        }
        // The truth of the generated-world kind: 90 units wanted, 24 sold, sold out at 12:24.
        LATENT.add(RowFactory.create(meals, 1, "H2", 90, 24, at(day, 12, 24)));
      }
    }
    // produce: gaps 1, 2, 3, 1, 2, 3, ... from the first day.
    int[] gaps = {1, 2, 3};
    int d = 0;
    int k = 0;
    while (d < DAYS) {
      LocalDate day = FIRST.plusDays(d);
      boolean afterADrop = k > 0 && gaps[(k - 1) % 3] == 1;
      String produce = drop(day, "produce", "M2", "H1", 15, 17, 200);
      int n = afterADrop ? 14 : 20;
      for (int i = 0; i < n; i++) {
        order(produce, day, "produce", "H1", i < n / 2 ? 15 : 16, i);
      }
      d += gaps[k % 3];
      k++;
    }
  }

  static Timestamp at(LocalDate day, int hour, int minute) {
    return Timestamp.from(LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(LISBON).toInstant());
  }

  private static String drop(LocalDate day, String category, String merchant, String hub, int from, int to,
      int units) {
    String id = category + "-" + day;
    DROPS.add(RowFactory.create(id, 1, Date.valueOf(day), merchant, "sku-" + category, category, "A " + category,
        scala.jdk.javaapi.CollectionConverters.asScala(List.of(hub)).toList(), at(day, from, 0), at(day, to, 0),
        units, new BigDecimal("7.50"), new BigDecimal("10.00"),
        scala.jdk.javaapi.CollectionConverters.asScala(List.of("push")).toList(), "fixture"));
    return id;
  }

  /** One one-unit pickup order, placed at minute {@code i % 60} of the hour, collected ten minutes later. */
  private static void order(String dropId, LocalDate day, String category, String hub, int hour, int i) {
    Timestamp created = at(day, hour, i % 50);
    Timestamp picked = new Timestamp(created.getTime() + 10 * 60_000L);
    ORDERS.add(RowFactory.create(dropId + "-" + hour + "-" + i, Date.valueOf(day), dropId, "sku-" + category,
        category, "c" + i, "cell-" + hub, created, 1, "pickup", hub, picked, "picked_up", Boolean.TRUE, picked,
        "fixture"));
  }

  static Dataset<Row> orders() {
    return SharedSpark.get().createDataFrame(ORDERS, Tables.ORDERS.schema());
  }

  static Dataset<Row> drops() {
    return SharedSpark.get().createDataFrame(DROPS, Tables.DROPS.schema());
  }

  static Dataset<Row> hubs() {
    Timestamp snapshot = at(FIRST, 0, 0);
    return SharedSpark.get().createDataFrame(List.of(
        RowFactory.create("H1", "Hub one", 38.71, -9.14, "cell-H1", 5000, 1000, 2.0, "07:00", "20:00", null,
            snapshot, "fixture"),
        RowFactory.create("H2", "Hub two", 38.72, -9.15, "cell-H2", 500, 8, 2.0, "10:00", "22:00", null,
            snapshot, "fixture")), Tables.HUBS.schema());
  }

  static Dataset<Row> catchments() {
    return SharedSpark.get().createDataFrame(List.of(
        RowFactory.create("cell-H1", "H1", 0.1, 0.6, 1.0, true, true),
        RowFactory.create("cell-H2", "H2", 0.1, 0.6, 1.0, true, true)), Tables.CATCHMENTS.schema());
  }

  /** The truth's latent_demand columns the replay reads, for the small meals drops. */
  static Dataset<Row> latent() {
    return SharedSpark.get().createDataFrame(LATENT, new org.apache.spark.sql.types.StructType()
        .add("drop_id", "string").add("batch_number", "int").add("hub_id", "string").add("latent_units", "int")
        .add("sold_units", "int").add("sold_out_at", "timestamp"));
  }

  static CadenceRecommendations.Sources sources() {
    return new CadenceRecommendations.Sources(orders(), drops(), catchments(), hubs());
  }
}

package io.dropcast.plan.bench;

import io.dropcast.cli.JobContext;
import io.dropcast.config.ConfigLoader;
import io.dropcast.config.DropcastConfig;
import io.dropcast.plan.PlanJob;
import io.dropcast.plan.PlanParams;
import io.dropcast.spark.Sessions;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * The plan job at scale: DROPS drops a day x HUBS hubs (each drop eligible at 10 hubs), NEIGHBOURHOODS
 * neighbourhoods each in the catchment of its 3 nearest hubs, 8 categories, over DAYS drop dates (horizon DAYS,
 * one allocation problem per day, solved in parallel). Times the whole job (read, build pairs, solve on the
 * executors, write the plan, summarise) over RUNS runs, next to a baseline in the same JVM: a bare Delta
 * overwrite of the same number of plan rows (the write floor of any job producing this table).
 *
 * <pre>bin/bench jobs io.dropcast.plan.bench.PlanJobBench [OUT] [DROPS] [HUBS] [NEIGHBOURHOODS] [DAYS] [RUNS]</pre>
 */
public final class PlanJobBench {
  private PlanJobBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "/tmp/plan/bench");
    int drops = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int hubs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int neighbourhoods = args.length > 3 ? Integer.parseInt(args[3]) : 400;
    int days = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    int runs = args.length > 5 ? Integer.parseInt(args[5]) : 5;
    Files.createDirectories(out);
    String root = out.resolve("wh-" + drops + "x" + hubs + "x" + neighbourhoods + "x" + days).toString();
    DropcastConfig config = ConfigLoader.load(Optional.empty(), Optional.empty(), Map.of(
        "dropcast.warehouse", root, "dropcast.plan.horizon-days", Integer.toString(days)));
    SparkSession spark = Sessions.getOrCreate(config, "PlanJobBench");
    Warehouse warehouse = new Warehouse(spark, root);
    LocalDate d = LocalDate.of(2026, 11, 26);
    // The world is seeded by its arguments: a folder written by an earlier run with the same arguments is reused.
    long pairs = warehouse.exists(Tables.DROPS) && warehouse.exists(Tables.DEMAND_FORECAST)
        ? warehouse.read(Tables.DROPS).selectExpr("sum(size(hub_ids))").head().getLong(0)
        : world(spark, warehouse, d, drops, hubs, neighbourhoods, days, 7);
    if (!warehouse.exists(Tables.ORDERS)) {
      pickups(spark, warehouse, d, 30, 11);
    }
    System.out.printf(Locale.ROOT, "world: %d drops/day x %d days, %d hubs, %d neighbourhoods, %d eligible pairs%n",
        drops, days, hubs, neighbourhoods, pairs);

    double[] job = new double[runs];
    double[] copy = new double[runs];
    PlanJob.Result last = null;
    for (int i = 0; i < runs; i++) {
      JobContext context = new JobContext("plan", "bench-" + i, config, spark, warehouse, Clock.systemUTC());
      long t0 = System.nanoTime();
      last = PlanJob.run(context, PlanParams.from(config, d));
      job[i] = (System.nanoTime() - t0) / 1e6;
      Dataset<Row> rows = warehouse.read(Tables.HUB_PREPOSITIONING_PLAN).localCheckpoint();
      rows.count();
      long t1 = System.nanoTime();
      rows.write().format("delta").mode("overwrite").save(root + "/bare_copy");
      copy[i] = (System.nanoTime() - t1) / 1e6;
      System.out.printf(Locale.ROOT, "run %d: plan job %.0f ms, bare Delta write of its %d rows %.0f ms%n", i + 1,
          job[i], last.rows(), copy[i]);
    }
    System.out.printf(Locale.ROOT, "plan job: median %.0f ms (min %.0f); bare write baseline: median %.0f ms "
            + "(min %.0f); ratio %.2f. Last run: %d rows, %d drops, %d units, reasons %s%n",
        median(job), Arrays.stream(job).min().orElseThrow(), median(copy), Arrays.stream(copy).min().orElseThrow(),
        median(job) / median(copy), last.rows(), last.drops(), last.units(), last.byReason());
    spark.stop();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** Writes the tables of a seeded world; returns the number of eligible pairs. */
  static long world(SparkSession spark, Warehouse w, LocalDate d, int drops, int hubs, int neighbourhoods, int days,
      long seed) {
    Random r = new Random(seed);
    String[] categories = {"bakery", "grocery", "produce", "beauty", "electronics", "home", "fashion", "meals"};
    double[][] hubXy = new double[hubs][];
    List<Row> hubRows = new ArrayList<>();
    for (int h = 0; h < hubs; h++) {
      hubXy[h] = new double[] {r.nextDouble() * 10, r.nextDouble() * 10};
      hubRows.add(row(Tables.HUBS, Map.of("hub_id", hub(h), "capacity_units", 1500 + r.nextInt(1500),
          "pickup_sla_hours", 2.0 + r.nextInt(3))));
    }
    List<Row> catchments = new ArrayList<>();
    List<Row> forecast = new ArrayList<>();
    for (int n = 0; n < neighbourhoods; n++) {
      double x = r.nextDouble() * 10;
      double y = r.nextDouble() * 10;
      Integer[] order = new Integer[hubs];
      for (int h = 0; h < hubs; h++) {
        order[h] = h;
      }
      Arrays.sort(order, (a, b) -> Double.compare(dist(hubXy[a], x, y), dist(hubXy[b], x, y)));
      double[] inv = new double[3];
      double total = 0;
      for (int k = 0; k < 3; k++) {
        inv[k] = 1 / (0.1 + dist(hubXy[order[k]], x, y));
        total += inv[k];
      }
      for (int k = 0; k < 3; k++) {
        catchments.add(row(Tables.CATCHMENTS, Map.of("neighbourhood", "n" + n, "hub_id", hub(order[k]),
            "weight", inv[k] / total)));
      }
      for (int day = 1; day <= days; day++) {
        for (String c : categories) {
          double p50 = 2 + 20 * r.nextDouble();
          Map<String, Double> q = new LinkedHashMap<>();
          q.put("0.10", p50 * 0.5);
          q.put("0.50", p50);
          q.put("0.90", p50 * 1.8);
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("run_date", Date.valueOf(d));
          f.put("target_date", Date.valueOf(d.plusDays(day)));
          f.put("horizon", day);
          f.put("neighbourhood", "n" + n);
          f.put("category", c);
          f.put("mean", p50 * 1.05);
          f.put("p10", q.get("0.10"));
          f.put("p50", p50);
          f.put("p90", q.get("0.90"));
          f.put("quantiles", q);
          f.put("cold_start", false);
          f.put("model_id", "bench-model");
          forecast.add(row(Tables.DEMAND_FORECAST, f));
        }
      }
    }
    List<Row> dropRows = new ArrayList<>();
    long pairs = 0;
    for (int day = 1; day <= days; day++) {
      LocalDate date = d.plusDays(day);
      for (int k = 0; k < drops; k++) {
        List<String> eligible = new ArrayList<>();
        while (eligible.size() < Math.min(10, hubs)) {
          String h = hub(r.nextInt(hubs));
          if (!eligible.contains(h)) {
            eligible.add(h);
          }
        }
        pairs += eligible.size();
        dropRows.add(row(Tables.DROPS, Map.of("drop_id", "d" + day + "-" + k, "batch_number", 1,
            "drop_date", Date.valueOf(date), "category", categories[k % categories.length], "sku_id", "s" + k,
            "units_released", 20 + r.nextInt(200), "hub_ids", eligible,
            "starts_at", Timestamp.valueOf(date.atTime(10, 0)), "ends_at", Timestamp.valueOf(date.atTime(14, 0)))));
      }
    }
    save(spark, w, Tables.HUBS, hubRows);
    save(spark, w, Tables.CATCHMENTS, catchments);
    save(spark, w, Tables.DROPS, dropRows);
    save(spark, w, Tables.DEMAND_FORECAST, forecast);
    return pairs;
  }

  /** {@code perNeighbourhood} pickup orders of each neighbourhood over the 28 days up to d, at its catchment hubs. */
  static void pickups(SparkSession spark, Warehouse w, LocalDate d, int perNeighbourhood, long seed) {
    Random r = new Random(seed);
    List<Row> catchments = w.read(Tables.CATCHMENTS).orderBy("neighbourhood", "hub_id").collectAsList();
    List<Row> orders = new ArrayList<>();
    for (Row c : catchments) {
      int n = (int) Math.round(perNeighbourhood * c.<Double>getAs("weight"));
      for (int i = 0; i < n; i++) {
        LocalDate day = d.minusDays(r.nextInt(28));
        orders.add(row(Tables.ORDERS, Map.of("order_id", "o" + orders.size(), "order_date", Date.valueOf(day),
            "neighbourhood", c.getAs("neighbourhood"), "hub_id", c.getAs("hub_id"), "category", "bakery",
            "fulfilment_mode", "pickup", "status", "picked_up", "units", 1,
            "created_at", Timestamp.valueOf(day.atTime(12, 0)))));
      }
    }
    save(spark, w, Tables.ORDERS, orders);
  }

  private static String hub(int h) {
    return String.format(Locale.ROOT, "hub-%03d", h);
  }

  private static double dist(double[] hub, double x, double y) {
    return Math.hypot(hub[0] - x, hub[1] - y);
  }

  private static void save(SparkSession spark, Warehouse w, Table table, List<Row> rows) {
    spark.createDataFrame(rows, table.schema()).write().format("delta").mode("overwrite")
        .save(w.root() + "/" + table.name());
  }

  private static Row row(Table table, Map<String, Object> values) {
    List<Object> out = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      Object v = values.get(f.name());
      if (v == null && !f.nullable()) {
        v = plain(f);
      }
      out.add(v);
    }
    return RowFactory.create(out.toArray());
  }

  private static Object plain(StructField f) {
    var t = f.dataType().typeName();
    return switch (t) {
      case "string" -> f.name().equals("opens_at") ? "08:00" : f.name().equals("closes_at") ? "20:00" : "x";
      case "integer" -> 60;
      case "double" -> 1.0;
      case "boolean" -> true;
      case "date" -> Date.valueOf(LocalDate.of(2026, 11, 26));
      case "timestamp" -> Timestamp.valueOf(LocalDate.of(2026, 11, 26).atTime(6, 0));
      case "array" -> List.of();
      default -> f.dataType() instanceof org.apache.spark.sql.types.DecimalType ? new BigDecimal("5.00") : null;
    };
  }
}

package io.dropcast.plan;

import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A tiny warehouse for plan tests, built row by row with the declared schemas: hubs, catchments, drops, orders
 * and a demand_forecast exactly per CONTRACTS.md. Columns a test does not set get a plain valid value.
 */
final class PlanWorld {
  static final LocalDate D = LocalDate.of(2026, 11, 26);
  static final LocalDate NEXT = D.plusDays(1);

  final Warehouse warehouse;
  private final Map<Table, List<Row>> rows = new LinkedHashMap<>();

  PlanWorld(String root) {
    this.warehouse = new Warehouse(SharedSpark.get(), root);
  }

  /** A hub with capacity and SLA, open since always. */
  PlanWorld hub(String id, int capacity, double slaHours) {
    return add(Tables.HUBS, Map.of("hub_id", id, "capacity_units", capacity, "pickup_sla_hours", slaHours));
  }

  PlanWorld catchment(String neighbourhood, String hub, double weight) {
    return add(Tables.CATCHMENTS, Map.of("neighbourhood", neighbourhood, "hub_id", hub, "weight", weight));
  }

  /** One batch of a drop starting on {@code date}. */
  PlanWorld drop(String id, LocalDate date, String category, int units, String... hubs) {
    return add(Tables.DROPS, Map.of("drop_id", id, "batch_number", 1, "drop_date", Date.valueOf(date),
        "category", category, "sku_id", "sku-" + id, "units_released", units, "hub_ids", List.of(hubs),
        "starts_at", Timestamp.valueOf(date.atTime(10, 0)), "ends_at", Timestamp.valueOf(date.atTime(14, 0))));
  }

  /** An order of {@code units} on a drop, for pickup at a hub. */
  PlanWorld order(String id, String drop, String hub, String category, LocalDate date, int units, String status) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("order_id", id);
    r.put("drop_id", drop);
    r.put("hub_id", hub);
    r.put("category", category);
    r.put("order_date", Date.valueOf(date));
    r.put("created_at", Timestamp.valueOf(date.atTime(11, 0)));
    r.put("units", units);
    r.put("status", status);
    return add(Tables.ORDERS, r);
  }

  /**
   * A forecast row of run date D for {@code target}, with the quantiles given as level -> value (for example
   * uniform demand on [0, 10] as "0.00" -> 0, "0.10" -> 1, "0.50" -> 5, "0.90" -> 9, "1.00" -> 10).
   */
  PlanWorld forecast(LocalDate target, String neighbourhood, String category, Map<String, Double> quantiles) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("run_date", Date.valueOf(D));
    r.put("target_date", Date.valueOf(target));
    r.put("horizon", (int) (target.toEpochDay() - D.toEpochDay()));
    r.put("neighbourhood", neighbourhood);
    r.put("category", category);
    r.put("mean", quantiles.get("0.50"));
    r.put("p10", quantiles.get("0.10"));
    r.put("p50", quantiles.get("0.50"));
    r.put("p90", quantiles.get("0.90"));
    r.put("quantiles", quantiles);
    r.put("cold_start", false);
    r.put("model_id", "model-1");
    return add(Tables.DEMAND_FORECAST, r);
  }

  /** Uniform demand on [0, high], given at levels 0, 0.1, 0.5, 0.9 and 1. */
  static Map<String, Double> uniform(double high) {
    Map<String, Double> q = new LinkedHashMap<>();
    q.put("0.00", 0.0);
    q.put("0.10", 0.1 * high);
    q.put("0.50", 0.5 * high);
    q.put("0.90", 0.9 * high);
    q.put("1.00", high);
    return q;
  }

  /** A row of any table: the given columns, plain valid values for the other required ones. */
  PlanWorld add(Table table, Map<String, Object> values) {
    List<Object> out = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      Object v = values.containsKey(f.name()) ? values.get(f.name()) : f.nullable() ? null : plain(f);
      out.add(v instanceof List<?> l ? scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq() : v);
    }
    rows.computeIfAbsent(table, t -> new ArrayList<>()).add(RowFactory.create(out.toArray()));
    return this;
  }

  private static Object plain(StructField f) {
    var t = f.dataType();
    if (t.equals(DataTypes.StringType)) {
      return switch (f.name()) {
        case "opens_at" -> "08:00";
        case "closes_at" -> "20:00";
        case "fulfilment_mode" -> "pickup";
        default -> f.name() + "-x";
      };
    }
    if (t.equals(DataTypes.IntegerType)) {
      return 60;
    }
    if (t.equals(DataTypes.LongType)) {
      return 0L;
    }
    if (t.equals(DataTypes.DoubleType)) {
      return 1.0;
    }
    if (t.equals(DataTypes.BooleanType)) {
      return f.name().equals("nearest") || f.name().equals("within_reach");
    }
    if (t.equals(DataTypes.DateType)) {
      return Date.valueOf(D);
    }
    if (t.equals(DataTypes.TimestampType)) {
      return Timestamp.valueOf(D.atTime(6, 0));
    }
    if (t instanceof org.apache.spark.sql.types.DecimalType) {
      return new BigDecimal("5.00");
    }
    if (t instanceof org.apache.spark.sql.types.ArrayType) {
      return scala.jdk.javaapi.CollectionConverters.asScala(List.of()).toSeq();
    }
    throw new IllegalArgumentException("no plain value for " + f);
  }

  /** Writes every table given rows, each with its declared schema. */
  PlanWorld write() {
    rows.forEach((table, list) -> {
      Dataset<Row> df = SharedSpark.get().createDataFrame(list, table.schema());
      df.write().format("delta").mode("overwrite").save(warehouse.root() + "/" + table.name());
    });
    return this;
  }
}

package io.dropcast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every data table of a warehouse, what "the same tables" means when two runs of the same input are compared (two
 * JVMs, a local run against a cluster run, a resumed night against a clean one): the same rows, id columns left
 * out, strings, integers and dates equal, doubles to a relative 1e-9. Sums and means of doubles add up in the order
 * the shuffles deliver them, which is not the same in every JVM or cluster (a covariate's mean differed in its last
 * bit); the demand model's fit itself is a function of its rows (the training rows are laid out canonically).
 */
public final class TableContents {
  /** Columns that name a run or a model instance (unique ids), not data: left out of the comparisons. */
  private static final Set<String> ID_COLUMNS = Set.of("run_id", "model_id", "plan_run_id");
  /** Tables that record runs rather than data. */
  private static final Set<String> LEDGERS = Set.of(Tables.JOB_RUNS.name(), "model_registry");
  /** Relative tolerance of a double. */
  private static final double TOLERANCE = 1e-9;

  private TableContents() {}

  /** Rows of every existing data table, id columns left out, sorted by their key columns and then their text. */
  public static Map<String, List<Row>> of(Warehouse warehouse) {
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (Table table : Tables.all()) {
      if (LEDGERS.contains(table.name()) || !warehouse.exists(table)) {
        continue;
      }
      Dataset<Row> rows = warehouse.read(table);
      Column[] kept = Arrays.stream(rows.columns()).filter(c -> !ID_COLUMNS.contains(c)).map(rows::col)
          .toArray(Column[]::new);
      // Sorted by the key columns first, so that rows whose doubles differ in the last bits still pair up.
      List<String> keys = table.keyColumns().stream().filter(c -> !ID_COLUMNS.contains(c)).toList();
      List<Row> lines = new ArrayList<>(rows.select(kept).collectAsList());
      lines.sort(Comparator.comparing((Row r) -> keys.stream().map(k -> String.valueOf((Object) r.getAs(k)))
          .collect(Collectors.joining("|"))).thenComparing(Row::toString));
      out.put(table.name(), lines);
    }
    return out;
  }

  /** Asserts the same tables with the same rows, table by table; doubles to a relative 1e-9. */
  public static void assertSame(Map<String, List<Row>> expected, Map<String, List<Row>> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what + ": the same tables exist");
    for (String table : expected.keySet()) {
      List<Row> want = expected.get(table);
      List<Row> got = actual.get(table);
      assertEquals(want.size(), got.size(), what + ": rows of " + table);
      for (int i = 0; i < want.size(); i++) {
        assertTrue(same(want.get(i), got.get(i), TOLERANCE),
            what + ": row " + i + " of " + table + ": expected " + want.get(i) + " but was " + got.get(i));
      }
    }
  }

  /** Equal values; doubles (also inside structs, arrays and maps) within a relative {@code tolerance}. */
  static boolean same(Object a, Object b, double tolerance) {
    if (a instanceof Double x && b instanceof Double y) {
      return x.equals(y) || Math.abs(x - y) <= tolerance * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
    }
    if (a instanceof Row x && b instanceof Row y) {
      return same(values(x), values(y), tolerance);
    }
    if (a instanceof scala.collection.Seq<?> x && b instanceof scala.collection.Seq<?> y) {
      return same(List.of(CollectionConverters.asJava(x).toArray()), List.of(CollectionConverters.asJava(y).toArray()),
          tolerance);
    }
    if (a instanceof scala.collection.Map<?, ?> x && b instanceof scala.collection.Map<?, ?> y) {
      Map<?, ?> mx = new TreeMap<>(CollectionConverters.asJava(x));
      Map<?, ?> my = new TreeMap<>(CollectionConverters.asJava(y));
      return mx.keySet().equals(my.keySet()) && same(new ArrayList<>(mx.values()), new ArrayList<>(my.values()),
          tolerance);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i), tolerance)) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  private static List<Object> values(Row row) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.length(); i++) {
      values.add(row.get(i));
    }
    return values;
  }
}

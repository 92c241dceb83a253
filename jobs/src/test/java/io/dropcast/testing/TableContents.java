package io.dropcast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every data table of a warehouse as sorted row strings, what "the same tables" means when two runs of the same
 * input are compared (two JVMs, a local run against a cluster run, a resumed night against a clean one).
 */
public final class TableContents {
  /** Columns that name a run or a model instance (unique ids), not data: left out of the comparisons. */
  private static final Set<String> ID_COLUMNS = Set.of("run_id", "model_id");
  /** Tables that record runs rather than data. */
  private static final Set<String> LEDGERS = Set.of(Tables.JOB_RUNS.name(), "model_registry");
  /**
   * Tables whose values come from the fitted demand model. MLlib's GBT fit is not bit-reproducible from one JVM
   * to another, so across JVMs these are compared by their keys.
   */
  private static final Set<String> MODEL_OUTPUTS = Set.of("demand_forecast", "forecast_backtest",
      "hub_prepositioning_plan");

  private TableContents() {}

  /** Rows of every existing data table; with {@code keysOnly}, the model outputs keep only their key columns. */
  public static Map<String, List<String>> of(Warehouse warehouse, boolean keysOnly) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Table table : Tables.all()) {
      if (LEDGERS.contains(table.name()) || !warehouse.exists(table)) {
        continue;
      }
      Dataset<Row> rows = warehouse.read(table);
      List<String> keys = table.keyColumns().stream().filter(c -> !ID_COLUMNS.contains(c)).toList();
      boolean onlyKeys = keysOnly && MODEL_OUTPUTS.contains(table.name());
      Column[] kept = Arrays.stream(rows.columns()).filter(c -> !ID_COLUMNS.contains(c))
          .filter(c -> !onlyKeys || keys.contains(c)).map(rows::col).toArray(Column[]::new);
      List<String> lines = new ArrayList<>();
      for (Row r : rows.select(kept).collectAsList()) {
        lines.add(r.toString());
      }
      lines.sort(null);
      out.put(table.name(), lines);
    }
    return out;
  }

  /** Asserts the same tables with the same rows, table by table. */
  public static void assertSame(Map<String, List<String>> expected, Map<String, List<String>> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what + ": the same tables exist");
    for (String table : expected.keySet()) {
      assertEquals(expected.get(table).size(), actual.get(table).size(), what + ": rows of " + table);
      assertEquals(expected.get(table), actual.get(table), what + ": content of " + table);
    }
  }
}

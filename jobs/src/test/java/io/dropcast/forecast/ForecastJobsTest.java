package io.dropcast.forecast;

import static io.dropcast.forecast.ForecastFixtures.CELL_A;
import static io.dropcast.forecast.ForecastFixtures.CELL_B;
import static io.dropcast.forecast.ForecastFixtures.CELL_C;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.cli.Dropcast;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * train --date D then forecast --date D on a tiny warehouse: 3 cells x 2 categories, 70 days of one drop a day
 * per category with a weekly pattern; cell C first orders 10 days before D (a cold start). Small GBT and a
 * 7-day horizon keep it fast; the contract of demand_forecast is checked row by row.
 */
class ForecastJobsTest {
  private static final LocalDate START = LocalDate.parse("2026-09-01");
  private static final LocalDate D = LocalDate.parse("2026-11-09");
  private static final int H = 7;

  @TempDir
  static Path warehouse;

  private static String trainOut;

  /** Units of a cell, category and day: a weekly shape, bigger in A than B, grocery twice bakery. */
  private static int units(int cell, int category, LocalDate day) {
    int dow = day.getDayOfWeek().getValue();
    // Plus one unit every fifth day: a purely weekly series has a zero seasonal-naive scale and no MASE.
    return (1 + (dow % 3) + (dow == 6 ? 3 : 0) + (day.getDayOfMonth() % 5 == 0 ? 1 : 0)) * (cell == 0 ? 2 : 1)
        * (category + 1);
  }

  @BeforeAll
  static void aTrainedModel() {
    Warehouse w = new Warehouse(SharedSpark.get(), warehouse.toString());
    List<Row> drops = new ArrayList<>();
    List<Row> orders = new ArrayList<>();
    String[] cells = {CELL_A, CELL_B, CELL_C};
    String[] categories = {"bakery", "grocery"};
    int n = 0;
    // The schedule reaches one day past D (the lookahead), with no sales after D.
    for (LocalDate day = START; !day.isAfter(D.plusDays(1)); day = day.plusDays(1)) {
      for (int c = 0; c < 2; c++) {
        String drop = "d-" + day + "-" + c;
        drops.add(ForecastFixtures.batch(drop, 1, categories[c], day, day + "T09:00:00Z", day + "T19:00:00Z", 500));
        if (day.isAfter(D)) {
          continue;
        }
        for (int cell = 0; cell < 3; cell++) {
          if (cell == 2 && day.isBefore(D.minusDays(9))) {
            continue;
          }
          orders.add(ForecastFixtures.order("o" + (n++), drop, categories[c], cells[cell], day + "T12:00:00Z",
              units(cell, c, day), "picked_up"));
        }
      }
    }
    save(w, Tables.DROPS, ForecastFixtures.drops(drops));
    save(w, Tables.ORDERS, ForecastFixtures.orders(orders));
    save(w, Tables.CATCHMENTS, ForecastFixtures.catchments(cells));
    save(w, Tables.HUBS, ForecastFixtures.hubs(D.plusDays(30)));
    String[] r = run("train", "--date", D.toString());
    assertEquals("0", r[0], r[2]);
    trainOut = r[1];
  }

  private static void save(Warehouse w, Table t, Dataset<Row> rows) {
    rows.write().format("delta").mode("overwrite").save(w.path(t));
  }

  static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(List.of("--warehouse", warehouse.toString(),
        "--set", "dropcast.forecast.horizon-days=" + H,
        "--set", "dropcast.forecast.gbt.max-iter=5", "--set", "dropcast.forecast.gbt.max-depth=3",
        "--set", "dropcast.forecast.gbt.training-origins=4", "--set", "dropcast.forecast.calibration-folds=2",
        "--set", "dropcast.forecast.backtest-folds=1", "--set", "dropcast.forecast.min-history-days=14"));
    int code = cli.execute(full.toArray(new String[0]));
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  private static Dataset<Row> table(Table t) {
    return new Warehouse(SharedSpark.get(), warehouse.toString()).read(t);
  }

  @Test
  void trainRecordsTheModelWithItsDataVersionsAndBacktestMetrics() {
    assertTrue(trainOut.contains("Trained demand-gbt-2026-11-09 on 6 series"), trainOut);
    List<Row> reg = table(Tables.MODEL_REGISTRY).collectAsList();
    assertEquals(1, reg.size());
    Row r = reg.get(0);
    assertEquals("demand-gbt-2026-11-09", r.getAs("model_id"));
    assertEquals(6L, (long) r.getAs("series"));
    assertEquals(Set.of("orders", "drops", "catchments", "hubs"), r.getJavaMap(r.fieldIndex("data_versions")).keySet());
    Map<String, Double> metrics = r.getJavaMap(r.fieldIndex("metrics"));
    for (String m : List.of("mase", "wape", "rmsse", "coverage", "pinball_0.10", "pinball_0.50", "pinball_0.90",
        "seasonal_naive_7.mase", "moving_average_28.mase")) {
      assertTrue(metrics.containsKey(m), m + " missing from " + metrics);
    }
    Set<String> forecasters = new HashSet<>();
    for (Row b : table(Tables.FORECAST_BACKTEST).filter("scope = 'overall'").collectAsList()) {
      forecasters.add(b.getAs("forecaster"));
    }
    assertEquals(Set.of("global_gbt", "seasonal_naive_7", "moving_average_28"), forecasters);
    assertEquals(6L * 3, table(Tables.FORECAST_BACKTEST).filter("scope = 'series'").count(),
        "one series row per series and forecaster");
    assertEquals(0L, table(Tables.DEMAND_HISTORY).filter("date > '" + D + "'").count(), "no history after D");
  }

  @Test
  void forecastWritesOneRowPerSeriesAndDayWithMonotoneQuantilesAndTheContractColumns() {
    String[] r = run("forecast", "--date", D.toString());
    assertEquals("0", r[0], r[2]);
    List<Row> rows = table(Tables.DEMAND_FORECAST).filter("run_date = '" + D + "'").collectAsList();
    assertEquals(6 * H, rows.size(), "3 cells x 2 categories x " + H + " days");
    Set<String> keys = new HashSet<>();
    for (Row row : rows) {
      LocalDate target = ((java.sql.Date) row.getAs("target_date")).toLocalDate();
      int h = row.getAs("horizon");
      assertEquals(D.plusDays(h), target);
      assertTrue(h >= 1 && h <= H);
      keys.add(target + " " + row.getAs("neighbourhood") + " " + row.getAs("category"));
      double p10 = row.getAs("p10");
      double p50 = row.getAs("p50");
      double p90 = row.getAs("p90");
      assertTrue(0 <= p10 && p10 <= p50 && p50 <= p90, "quantiles not monotone: " + row);
      assertTrue((double) row.getAs("mean") >= 0);
      Map<String, Double> q = row.getJavaMap(row.fieldIndex("quantiles"));
      assertEquals(Map.of("0.10", p10, "0.50", p50, "0.90", p90), q);
      assertEquals("H1", row.getAs("hub_id"), "H2 opens after D, so H1 is every cell's nearest open hub");
      assertEquals("demand-gbt-2026-11-09", row.getAs("model_id"));
      assertEquals(CELL_C.equals(row.getAs("neighbourhood")), row.getAs("cold_start"),
          "cell C, 10 days old, is the only cold start: " + row);
    }
    assertEquals(6 * H, keys.size(), "the key (run_date, target_date, neighbourhood, category) is unique");
    Row a = table(Tables.DEMAND_FORECAST).filter("neighbourhood = '" + CELL_A + "' AND category = 'grocery' AND horizon = 6")
        .first();
    Row b = table(Tables.DEMAND_FORECAST).filter("neighbourhood = '" + CELL_B + "' AND category = 'bakery' AND horizon = 6")
        .first();
    assertTrue((double) a.getAs("mean") > (double) b.getAs("mean"),
        "A's grocery demand is 4x B's bakery demand; forecasts " + a + " vs " + b);
  }

  @Test
  void aRerunOfTheSameDateReplacesItsRowsWithIdenticalValues() {
    assertEquals("0", run("forecast", "--date", D.toString())[0]);
    List<Row> first = table(Tables.DEMAND_FORECAST).orderBy("neighbourhood", "category", "horizon").collectAsList();
    assertEquals("0", run("forecast", "--date", D.toString())[0]);
    List<Row> second = table(Tables.DEMAND_FORECAST).orderBy("neighbourhood", "category", "horizon").collectAsList();
    assertEquals(first, second);
  }

  @Test
  void aForecastBeforeAnyTrainedModelFailsSayingWhichTrainToRun() {
    String[] r = run("forecast", "--date", "2026-11-01");
    assertNotEquals("0", r[0]);
    assertTrue(r[2].contains("No demand model trained on or before 2026-11-01")
        && r[2].contains("The earliest model was trained on 2026-11-09")
        && r[2].contains("dropcast train --date 2026-11-01"), r[2]);
  }
}

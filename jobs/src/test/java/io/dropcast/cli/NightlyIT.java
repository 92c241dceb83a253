package io.dropcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.Repo;
import io.dropcast.testing.SharedSpark;
import io.dropcast.testing.SparkSubmitLauncher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The nightly run on the committed sample world, end to end: once through SparkSubmit from the application jar
 * (what a cluster runs); then in this JVM a second run of the same night (every step skipped), and the same
 * night in a fresh warehouse failing at one step and resumed, which must end with the first night's tables: row
 * for row, the model outputs' doubles to a relative 1e-9. The tests run in order and share the first night.
 *
 * <p>The first night's warehouse is {@code target/sample-warehouse}, the one the notebooks read: once the second
 * run has shown it complete and stable, the test marks it prepared (as {@code notebooks/prepare} would, with the
 * same night and settings), so {@code bin/test} does not run the same night a third time for the notebooks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyIT {
  private static final String NIGHT = "2026-11-25";
  /** Columns that name a run or a model instance (unique ids), not data: left out of the comparisons. */
  private static final Set<String> ID_COLUMNS = Set.of("run_id", "model_id", "plan_run_id");
  /** Tables that record runs rather than data. */
  private static final Set<String> LEDGERS = Set.of(Tables.JOB_RUNS.name(), "model_registry");

  @TempDir
  static Path dir;

  /** The notebooks' sample warehouse (see notebooks/prepare), written by the first night. */
  private static final Path SAMPLE_WAREHOUSE = Repo.root().resolve("target/sample-warehouse");

  @BeforeAll
  static void noPreviousSampleWarehouse() throws java.io.IOException {
    if (Files.exists(SAMPLE_WAREHOUSE)) {
      try (var paths = Files.walk(SAMPLE_WAREHOUSE)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static Map<String, List<Row>> cleanNight;

  /**
   * Tables whose values come from the fitted demand model. Their doubles are compared to a relative 1e-9: the fit
   * is a function of its rows (the training rows are laid out canonically), but sums of doubles add up in the
   * order the shuffles deliver them.
   */
  private static final Set<String> MODEL_OUTPUTS = Set.of("demand_forecast", "forecast_backtest",
      "hub_prepositioning_plan", "hub_packing_lists", "push_targets");
  private static final double MODEL_TOLERANCE = 1e-9;

  private static Path landing() {
    return Repo.root().resolve("data-samples/landing");
  }

  /**
   * The sample world into the test's warehouse. The demand model is trained smaller than the nightly default
   * (10 trees on 4 training origins, 2 calibration folds) so that two nights fit in the suite's time; the
   * steps and their contracts are the same.
   */
  private static List<String> common(Path warehouse) {
    return List.of("--warehouse", warehouse.toString(), "--set", "dropcast.landing=" + landing(),
        "--set", "dropcast.report.out=" + warehouse.resolve("reports"),
        "--set", "dropcast.forecast.gbt.max-iter=10", "--set", "dropcast.forecast.gbt.training-origins=4",
        "--set", "dropcast.forecast.calibration-folds=2");
  }

  /** Every data table's rows, id columns left out, sorted by their text: what "identical tables" means here. */
  private static Map<String, List<Row>> contents(Warehouse warehouse) {
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

  private static void assertSameTables(Map<String, List<Row>> expected, Map<String, List<Row>> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what + ": the same tables exist");
    for (String table : expected.keySet()) {
      List<Row> want = expected.get(table);
      List<Row> got = actual.get(table);
      assertEquals(want.size(), got.size(), what + ": rows of " + table);
      double tolerance = MODEL_OUTPUTS.contains(table) ? MODEL_TOLERANCE : 0.0;
      for (int i = 0; i < want.size(); i++) {
        assertTrue(same(want.get(i), got.get(i), tolerance),
            what + ": row " + i + " of " + table + ": expected " + want.get(i) + " but was " + got.get(i));
      }
    }
  }

  private static List<Object> values(Row row) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.length(); i++) {
      values.add(row.get(i));
    }
    return values;
  }

  /** Equal values; doubles (also inside structs, arrays and maps) within a relative {@code tolerance}. */
  private static boolean same(Object a, Object b, double tolerance) {
    if (a instanceof Double x && b instanceof Double y) {
      return x.equals(y) || Math.abs(x - y) <= tolerance * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
    }
    if (a instanceof Row x && b instanceof Row y) {
      return same(values(x), values(y), tolerance);
    }
    if (a instanceof scala.collection.Seq<?> x && b instanceof scala.collection.Seq<?> y) {
      return same(List.of(scala.jdk.javaapi.CollectionConverters.asJava(x).toArray()),
          List.of(scala.jdk.javaapi.CollectionConverters.asJava(y).toArray()), tolerance);
    }
    if (a instanceof scala.collection.Map<?, ?> x && b instanceof scala.collection.Map<?, ?> y) {
      Map<?, ?> mx = new java.util.TreeMap<>(scala.jdk.javaapi.CollectionConverters.asJava(x));
      Map<?, ?> my = new java.util.TreeMap<>(scala.jdk.javaapi.CollectionConverters.asJava(y));
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
    return java.util.Objects.equals(a, b);
  }

  /** Runs nightly in this JVM with the given step executor; returns the exit code and what it printed. */
  private static Map.Entry<Integer, String> nightlyInProcess(io.dropcast.nightly.StepExecutor executor, String... args) {
    CommandLine cli = Dropcast.commandLine();
    NightlyCommand nightly = (NightlyCommand) cli.getSubcommands().get("nightly").getCommand();
    nightly.executor = executor;
    StringWriter out = new StringWriter();
    nightly.progress = new PrintWriter(out, true);
    List<String> line = new ArrayList<>(List.of("nightly"));
    line.addAll(List.of(args));
    int code = cli.execute(line.toArray(String[]::new));
    return Map.entry(code, out.toString());
  }

  @Test
  @Order(1)
  void theNightRunThroughSparkSubmitWritesEveryOutputTableAndTheReport() throws Exception {
    Path warehouse = SAMPLE_WAREHOUSE;
    List<String> args = new ArrayList<>(List.of("nightly", "--date", NIGHT));
    args.addAll(common(warehouse));
    // The same Spark settings as this JVM's shared session, so that the in-process nights below partition their
    // data as this one does and their tables can be compared row for row.
    SparkSubmitLauncher.Result night = SparkSubmitLauncher.submit("local[2]", dir, java.util.Map.of(
        "spark.sql.adaptive.coalescePartitions.enabled", "false", "spark.default.parallelism", "2",
        "spark.sql.shuffle.partitions", "2"), args, 1800);
    assertEquals(0, night.exitCode(), night.output());
    assertTrue(night.output().contains("nightly " + NIGHT + ": succeeded"), night.output());
    assertTrue(night.output().contains("  deliver: NOTE: no webhook endpoint is configured"),
        "with no endpoint the summary says that no delivery was attempted: " + night.output());

    Warehouse tables = new Warehouse(SharedSpark.get(), warehouse.toString());
    List<String> steps = tables.read(Tables.JOB_RUNS).where("status = 'succeeded'").select("job").distinct()
        .orderBy("job").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("cadence", "deliver", "drop-kpis", "forecast", "ingest", "nightly", "pack", "plan",
        "push-targets", "report", "train"), steps,
        "every step of the night succeeded and recorded itself, and so did the night");
    for (String t : List.of("orders", "demand_forecast", "hub_prepositioning_plan", "cadence_recommendations",
        "drop_kpis", "hub_packing_lists", "push_targets")) {
      Table table = Tables.byName(t).orElseThrow();
      assertTrue(tables.read(table).limit(1).count() == 1, t + " has rows after the night");
    }
    assertTrue(tables.read(Tables.byName("hub_prepositioning_plan").orElseThrow())
        .where("plan_date = DATE'" + NIGHT + "'").count() > 0, "the night planned the drops of the next day");
    assertTrue(tables.read(Tables.PUSH_TARGETS).where("notified").count() > 0,
        "the night chose neighbourhoods to notify");
    try (var lists = Files.list(warehouse.resolve("exports/packing-lists/date=" + NIGHT))) {
      List<String> names = lists.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
      long hubs = tables.read(Tables.HUB_PACKING_LISTS).select("hub_id").distinct().count();
      assertTrue(hubs > 0, "some hub packs for the next day");
      assertEquals(2 * hubs + 1, names.size(), "a CSV and a JSON per hub and the plan summary: " + names);
    }
    String delivered = tables.read(Tables.JOB_RUNS).where("job = 'deliver'").select("message").head().getString(0);
    assertTrue(delivered.contains("no webhook endpoint is configured") && delivered.contains("no delivery attempted"),
        delivered);
    assertTrue(!tables.exists(Tables.WEBHOOK_DELIVERIES), "no endpoint, no attempt, no deliveries table");
    try (var reports = Files.walk(warehouse.resolve("reports"))) {
      assertTrue(reports.anyMatch(p -> p.toString().endsWith(".html")), "the night rendered the ops report");
    }
    cleanNight = contents(tables);
  }

  @Test
  @Order(2)
  void aSecondRunOfTheSameNightSkipsEveryStepAndLeavesTheTablesAsTheyWere() throws java.io.IOException {
    Path warehouse = SAMPLE_WAREHOUSE;
    List<String> args = new ArrayList<>(List.of("--date", NIGHT));
    args.addAll(common(warehouse));
    var rerun = nightlyInProcess(Dropcast::run, args.toArray(String[]::new));
    assertEquals(0, rerun.getKey(), rerun.getValue());
    for (String step : List.of("ingest", "train", "forecast", "plan", "pack", "deliver", "push-targets", "cadence",
        "drop-kpis", "report")) {
      assertTrue(rerun.getValue().contains(step + ": skipped: already succeeded for " + NIGHT), rerun.getValue());
    }
    assertTrue(rerun.getValue().contains("(0 step(s) ran, 10 skipped)"), rerun.getValue());
    assertSameTables(cleanNight, contents(new Warehouse(SharedSpark.get(), warehouse.toString())),
        "a second run of " + NIGHT);
    // notebooks/prepare's marker: this warehouse is the night it would build.
    Files.writeString(warehouse.resolve(".prepared"), "nightly --date " + NIGHT + " on data-samples/, by NightlyIT\n");
  }

  @Test
  @Order(3)
  void aNightThatFailsAtPlanResumesThereAndEndsWithTheCleanNightsTables() {
    Path warehouse = dir.resolve("resumed");
    List<String> args = new ArrayList<>(List.of("--date", NIGHT));
    args.addAll(common(warehouse));
    AtomicBoolean failed = new AtomicBoolean();
    io.dropcast.nightly.StepExecutor failPlanOnce = line -> {
      if (line[0].equals("plan") && failed.compareAndSet(false, true)) {
        throw new IllegalStateException("injected: the plan step's driver lost its executors");
      }
      return Dropcast.run(line);
    };

    var first = nightlyInProcess(failPlanOnce, args.toArray(String[]::new));
    assertEquals(Dropcast.EXIT_FAILURE, first.getKey(), first.getValue());
    assertTrue(first.getValue().contains("plan: failed in"), first.getValue());
    assertTrue(first.getValue().contains("injected: the plan step's driver lost its executors"), first.getValue());

    var second = nightlyInProcess(failPlanOnce, args.toArray(String[]::new));
    assertEquals(0, second.getKey(), second.getValue());
    for (String done : List.of("ingest", "train", "forecast")) {
      assertTrue(second.getValue().contains(done + ": skipped: already succeeded for " + NIGHT), second.getValue());
    }
    assertTrue(second.getValue().contains("plan: succeeded in"), second.getValue());
    assertSameTables(cleanNight, contents(new Warehouse(SharedSpark.get(), warehouse.toString())),
        "a night resumed after a failed plan step");
  }
}

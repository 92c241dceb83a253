package io.dropcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.Repo;
import io.dropcast.testing.SharedSpark;
import io.dropcast.testing.SparkSubmitLauncher;
import io.dropcast.testing.TableContents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * for row, except the model outputs, which are compared by key across the two JVMs. The tests run in order and
 * share the first night.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyIT {
  private static final String NIGHT = "2026-11-25";

  @TempDir
  static Path dir;

  private static Map<String, List<String>> cleanNight;
  private static Map<String, List<String>> cleanNightKeys;

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

  private static Map<String, List<String>> contents(Warehouse warehouse) {
    return TableContents.of(warehouse, false);
  }

  private static Map<String, List<String>> contents(Warehouse warehouse, boolean keysOnly) {
    return TableContents.of(warehouse, keysOnly);
  }

  private static void assertSameTables(Map<String, List<String>> expected, Map<String, List<String>> actual,
      String what) {
    TableContents.assertSame(expected, actual, what);
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
    Path warehouse = dir.resolve("clean");
    List<String> args = new ArrayList<>(List.of("nightly", "--date", NIGHT));
    args.addAll(common(warehouse));
    // The same Spark settings as this JVM's shared session, so that the in-process nights below partition their
    // data as this one does and their tables can be compared row for row.
    SparkSubmitLauncher.Result night = SparkSubmitLauncher.submit("local[2]", dir, java.util.Map.of(
        "spark.sql.adaptive.coalescePartitions.enabled", "false", "spark.default.parallelism", "2"), args, 1800);
    assertEquals(0, night.exitCode(), night.output());
    assertTrue(night.output().contains("nightly " + NIGHT + ": succeeded"), night.output());

    Warehouse tables = new Warehouse(SharedSpark.get(), warehouse.toString());
    List<String> steps = tables.read(Tables.JOB_RUNS).where("status = 'succeeded'").select("job").distinct()
        .orderBy("job").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("cadence", "drop-kpis", "forecast", "ingest", "nightly", "plan", "report", "train"), steps,
        "every step of the night succeeded and recorded itself, and so did the night");
    for (String t : List.of("orders", "demand_forecast", "hub_prepositioning_plan", "cadence_recommendations",
        "drop_kpis")) {
      Table table = Tables.byName(t).orElseThrow();
      assertTrue(tables.read(table).limit(1).count() == 1, t + " has rows after the night");
    }
    assertTrue(tables.read(Tables.byName("hub_prepositioning_plan").orElseThrow())
        .where("plan_date = DATE'" + NIGHT + "'").count() > 0, "the night planned the drops of the next day");
    try (var reports = Files.walk(warehouse.resolve("reports"))) {
      assertTrue(reports.anyMatch(p -> p.toString().endsWith(".html")), "the night rendered the ops report");
    }
    cleanNight = contents(tables);
    cleanNightKeys = contents(tables, true);
  }

  @Test
  @Order(2)
  void aSecondRunOfTheSameNightSkipsEveryStepAndLeavesTheTablesAsTheyWere() {
    Path warehouse = dir.resolve("clean");
    List<String> args = new ArrayList<>(List.of("--date", NIGHT));
    args.addAll(common(warehouse));
    var rerun = nightlyInProcess(Dropcast::run, args.toArray(String[]::new));
    assertEquals(0, rerun.getKey(), rerun.getValue());
    for (String step : List.of("ingest", "train", "forecast", "plan", "cadence", "drop-kpis", "report")) {
      assertTrue(rerun.getValue().contains(step + ": skipped: already succeeded for " + NIGHT), rerun.getValue());
    }
    assertTrue(rerun.getValue().contains("(0 step(s) ran, 7 skipped)"), rerun.getValue());
    assertSameTables(cleanNight, contents(new Warehouse(SharedSpark.get(), warehouse.toString())),
        "a second run of " + NIGHT);
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
    assertSameTables(cleanNightKeys, contents(new Warehouse(SharedSpark.get(), warehouse.toString()), true),
        "a night resumed after a failed plan step");
  }
}

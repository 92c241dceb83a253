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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The nightly run on the committed sample world, end to end: once through SparkSubmit from the application jar on
 * a stock Spark classpath (what a cluster runs; it proves that the jar carries everything but Spark, that is Delta,
 * H3, parquet-avro, the config and the CLI, and needs no --packages); while that child process runs, the same night
 * in this JVM in a fresh warehouse, failing at one step and resumed; then a second run of the submitted night
 * (every step skipped). The resumed night and the second run must end with the submitted night's tables: row for
 * row, doubles to a relative 1e-9 (TableContents). The tests run in order and share the submitted night.
 *
 * <p>The two nights run at the same time rather than one after the other, so that the test JVM does not wait idle on
 * the child process. On 2 cores the gain is small (819 s to 770 s on a fresh clone, 2026-12-07): the suite keeps
 * both cores busy, and the nights then share them with the other integration tests.
 *
 * <p>The submitted night's warehouse is {@code target/sample-warehouse}, the one the notebooks read: once the second
 * run has shown it complete and stable, the test marks it prepared (as {@code notebooks/prepare} would, with the
 * same night and settings), so {@code bin/test} does not run the same night a third time for the notebooks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyIT {
  private static final String NIGHT = "2026-11-25";
  @TempDir
  static Path dir;

  /** The notebooks' sample warehouse (see notebooks/prepare), written by the submitted night. */
  private static final Path SAMPLE_WAREHOUSE = Repo.root().resolve("target/sample-warehouse");

  /** The submitted night, started before the tests and awaited by the first one that needs its tables. */
  private static Process submittedNight;
  private static Path submittedNightLog;

  @BeforeAll
  static void startTheSubmittedNight() throws java.io.IOException {
    if (Files.exists(SAMPLE_WAREHOUSE)) {
      try (var paths = Files.walk(SAMPLE_WAREHOUSE)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    List<String> args = new ArrayList<>(List.of("nightly", "--date", NIGHT));
    args.addAll(common(SAMPLE_WAREHOUSE));
    submittedNightLog = dir.resolve("spark-submit-night.log");
    // The Spark settings of this JVM's shared session, which the in-process nights run with (the jobs keep an
    // existing session's settings), so that this night partitions its data as they do and their tables can be
    // compared row for row. With 2 shuffle partitions in one night and 8 in the other, the forecasts differed in
    // the fifth digit (a GBT's training data partitioned differently).
    submittedNight = SparkSubmitLauncher.start("local[2]", dir, Map.of(
        "spark.sql.adaptive.coalescePartitions.enabled", "false", "spark.default.parallelism", "2",
        "spark.sql.shuffle.partitions", "2"), args, submittedNightLog);
    SharedSpark.get(); // the session the in-process nights run in (they keep an existing session)
  }

  @AfterAll
  static void stopTheSubmittedNight() {
    if (submittedNight != null && submittedNight.isAlive()) {
      submittedNight.destroyForcibly();
    }
  }

  /** Waits for the submitted night; its exit code and output. */
  private static SparkSubmitLauncher.Result submittedNight() throws java.io.IOException, InterruptedException {
    if (!submittedNight.waitFor(SUBMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      submittedNight.destroyForcibly();
      throw new IllegalStateException("the submitted night did not finish in " + SUBMIT_TIMEOUT_SECONDS
          + " s; its log: " + Files.readString(submittedNightLog, StandardCharsets.UTF_8));
    }
    return new SparkSubmitLauncher.Result(submittedNight.exitValue(),
        Files.readString(submittedNightLog, StandardCharsets.UTF_8));
  }

  private static final long SUBMIT_TIMEOUT_SECONDS = 1800;

  private static Map<String, List<Row>> cleanNight;
  private static Map<String, List<Row>> resumedNight;

  private static Path landing() {
    return Repo.root().resolve("data-samples/landing");
  }

  /**
   * The sample world into the test's warehouse. The demand model is trained smaller than the nightly default
   * (5 trees of depth 3 on 4 training origins, 2 calibration folds) so that two nights fit in the suite's time; the
   * steps and their contracts are the same.
   */
  private static List<String> common(Path warehouse) {
    return List.of("--warehouse", warehouse.toString(), "--set", "dropcast.landing=" + landing(),
        "--set", "dropcast.report.out=" + warehouse.resolve("reports"),
        "--set", "dropcast.forecast.gbt.max-iter=5", "--set", "dropcast.forecast.gbt.max-depth=3",
        "--set", "dropcast.forecast.gbt.training-origins=4",
        "--set", "dropcast.forecast.calibration-folds=2");
  }

  private static Map<String, List<Row>> contents(Warehouse warehouse) {
    return TableContents.of(warehouse);
  }

  private static void assertSameTables(Map<String, List<Row>> expected, Map<String, List<Row>> actual, String what) {
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
  void aNightThatFailsAtPlanResumesThere() {
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
    // Compared with the submitted night's tables once that has finished (the next test).
    resumedNight = contents(new Warehouse(SharedSpark.get(), warehouse.toString()));
  }

  @Test
  @Order(2)
  void theNightRunThroughSparkSubmitWritesEveryOutputTableAndTheResumedNightEndsWithItsTables() throws Exception {
    Path warehouse = SAMPLE_WAREHOUSE;
    SparkSubmitLauncher.Result night = submittedNight();
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
    assertTrue(resumedNight != null, "the resumed night did not finish: see the first test's failure");
    assertSameTables(cleanNight, resumedNight, "a night resumed after a failed plan step");
  }

  @Test
  @Order(3)
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
}

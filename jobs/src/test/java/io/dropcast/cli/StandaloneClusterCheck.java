package io.dropcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Warehouse;
import io.dropcast.testing.Repo;
import io.dropcast.testing.SharedSpark;
import io.dropcast.testing.SparkSubmitLauncher;
import io.dropcast.testing.TableContents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropcast on a real Spark standalone cluster: the whole night on the committed sample world submitted with
 * {@code --master spark://...} (executors in a Worker's JVMs), then the same night with {@code local[2]}, and every
 * table compared: row for row, doubles to a relative 1e-9 ({@link TableContents}). The demand
 * model is NightlyIT's smaller one. Not part of the test suite (it needs a running master and worker, and two
 * nights): run it with {@code bin/test-cluster}, which starts them, passes {@code -Ddropcast.cluster.master} and
 * stops them.
 */
class StandaloneClusterCheck {
  private static final String NIGHT = "2026-11-25";

  @TempDir
  Path dir;

  private static List<String> night(Path warehouse) {
    return List.of("nightly", "--date", NIGHT, "--warehouse", warehouse.toString(),
        "--set", "dropcast.landing=" + Repo.root().resolve("data-samples/landing"),
        "--set", "dropcast.report.out=" + warehouse.resolve("reports"),
        "--set", "dropcast.forecast.gbt.max-iter=5", "--set", "dropcast.forecast.gbt.max-depth=3",
        "--set", "dropcast.forecast.gbt.training-origins=4",
        "--set", "dropcast.forecast.calibration-folds=2");
  }

  /** The applications whose executors the Worker ran: its work folder holds one app-* folder each. */
  private static long apps(Path work) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(work)) {
      return 0;
    }
    try (var list = java.nio.file.Files.list(work)) {
      return list.filter(p -> p.getFileName().toString().startsWith("app-")).count();
    }
  }

  @Test
  void theNightSubmittedToAStandaloneClusterWritesTheTablesOfALocalRun() throws Exception {
    String master = System.getProperty("dropcast.cluster.master");
    assertTrue(master != null && master.startsWith("spark://"),
        "-Ddropcast.cluster.master=spark://HOST:PORT is not set: run this check with bin/test-cluster");
    // The same partitioning on both sides, so that the tables compare row for row.
    Map<String, String> conf = Map.of("spark.sql.adaptive.coalescePartitions.enabled", "false",
        "spark.default.parallelism", "2", "spark.sql.shuffle.partitions", "2", "spark.cores.max", "2",
        "spark.executor.memory", "2g");
    Path onCluster = dir.resolve("cluster");
    Path work = Path.of(System.getProperty("dropcast.cluster.work-dir", "missing"));
    long appsBefore = apps(work);
    var cluster = SparkSubmitLauncher.submit(master, dir, conf, night(onCluster), 2400);
    assertEquals(0, cluster.exitCode(), cluster.output());
    assertTrue(apps(work) > appsBefore, "the Worker ran executors of the night (a new app-* folder in " + work + ")");
    Path local = dir.resolve("local");
    var localRun = SparkSubmitLauncher.submit("local[2]", dir, conf, night(local), 2400);
    assertEquals(0, localRun.exitCode(), localRun.output());

    var clusterTables = TableContents.of(new Warehouse(SharedSpark.get(), onCluster.toString()));
    var localTables = TableContents.of(new Warehouse(SharedSpark.get(), local.toString()));
    assertTrue(new ArrayList<>(clusterTables.keySet()).containsAll(List.of("hubs", "drops", "orders", "catchments",
        "demand_forecast", "hub_prepositioning_plan", "hub_packing_lists", "push_targets", "cadence_recommendations",
        "drop_kpis")), "the night wrote its tables on the cluster: " + clusterTables.keySet());
    assertTrue(clusterTables.get("orders").size() > 1000, "orders ingested on the cluster: "
        + clusterTables.get("orders").size());
    TableContents.assertSame(localTables, clusterTables, "cluster night against local night");
  }
}

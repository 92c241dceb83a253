package io.dropcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import io.dropcast.testing.SparkSubmitLauncher;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar alone, on a stock Spark classpath, through SparkSubmit: what a cluster runs. Proves the
 * jar carries everything but Spark (Delta, H3, parquet-avro, config, CLI) and needs no --packages.
 */
class ApplicationJarIT {
  @TempDir
  Path dir;

  @Test
  void sparkSubmitRunsGenerateAndIngestFromTheApplicationJar() throws Exception {
    Path landing = dir.resolve("world");
    Path warehouse = dir.resolve("warehouse");

    SparkSubmitLauncher.Result generated = SparkSubmitLauncher.submit("local[2]", dir, List.of(
        "generate", "--out", landing.toString(), "--start", "2026-11-20", "--days", "3",
        "--neighbourhoods", "8", "--hubs", "2", "--seed", "3", "--orders-per-day", "40"), 300);
    assertEquals(0, generated.exitCode(), generated.output());

    SparkSubmitLauncher.Result ingested = SparkSubmitLauncher.submit("local[2]", dir, List.of(
        "ingest", "--from", "2026-11-20", "--to", "2026-11-22",
        "--warehouse", warehouse.toString(), "--set", "dropcast.landing=" + landing.resolve("landing")), 600);
    assertEquals(0, ingested.exitCode(), ingested.output());

    Warehouse tables = new Warehouse(SharedSpark.get(), warehouse.toString());
    List<Row> runs = tables.read(Tables.JOB_RUNS).select("job", "status").collectAsList();
    assertEquals("[[ingest,succeeded]]", runs.toString(), "one succeeded ingest run in the ledger");
    long orders = tables.read(Tables.ORDERS).count();
    assertTrue(orders > 50, "the ingest through spark-submit wrote orders: " + orders);
  }
}

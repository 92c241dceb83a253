package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.drop;
import static io.dropcast.ingest.Fixtures.hub;
import static io.dropcast.ingest.Fixtures.order;
import static io.dropcast.ingest.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import io.dropcast.testing.SparkSubmitLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real driver kill in the middle of an ingest's Delta writes: ingest runs through spark-submit as a child
 * process, is killed (SIGKILL) as soon as the first table's data files appear, and is then rerun in this JVM.
 * The rerun marks the killed run abandoned (its driver's process is gone), and the tables hold exactly what
 * one clean run writes: every order once, no duplicate, no partial table.
 */
class DriverKilledMidWriteIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  private static final int ORDERS = 300;

  @TempDir
  Path tmp;

  /** Whether any Parquet data file (outside the Delta log) exists under one of the tables' folders. */
  private static boolean dataFileWritten(Path warehouse) {
    for (String table : List.of("hubs", "drops", "orders")) {
      Path dir = warehouse.resolve(table);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        if (files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))) {
          return true;
        }
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        // A folder being written while walked: look again at the next poll.
      }
    }
    return false;
  }

  @Test
  void aDriverKilledWhileWritingLeavesTablesThatARerunCompletesExactlyOnce() throws Exception {
    Path landing = tmp.resolve("landing");
    Path warehouseDir = tmp.resolve("warehouse");
    Fixtures.writeParquet(landing.resolve("hubs/date=" + DAY + "/part-00000.parquet"), Source.HUBS,
        List.of(hub("H1", 38.7108, -9.1368), hub("H2", 38.7369, -9.1426)));
    Fixtures.writeCsv(landing.resolve("drops/date=" + DAY + "/part-00000.csv"), Source.DROPS, List.of(drop("D1", 1)));
    List<Map<String, String>> orders = new ArrayList<>();
    for (int i = 1; i <= ORDERS; i++) {
      orders.add(with(order("O" + i), "units", Integer.toString(1 + i % 5)));
    }
    Fixtures.writeCsv(landing.resolve("orders/date=" + DAY + "/part-00000.csv"), Source.ORDERS, orders);
    List<String> args = List.of("ingest", "--date", DAY.toString(), "--warehouse", warehouseDir.toString(),
        "--set", "dropcast.landing=" + landing);

    Path log = tmp.resolve("killed.log");
    Process driver = SparkSubmitLauncher.start("local[2]", tmp, Map.of(), args, log);
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (!dataFileWritten(warehouseDir)) {
      assertTrue(driver.isAlive(), "the driver ended before writing: " + Files.readString(log, StandardCharsets.UTF_8));
      assertTrue(System.nanoTime() < deadline, "no table data after 180 s: " + Files.readString(log, StandardCharsets.UTF_8));
      Thread.sleep(10);
    }
    driver.destroyForcibly();
    driver.waitFor();

    Warehouse warehouse = new Warehouse(SharedSpark.get(), warehouseDir.toString());
    List<Row> killed = warehouse.read(Tables.JOB_RUNS).select("run_id", "status", "message").collectAsList();
    assertEquals(1, killed.size(), killed.toString());
    assertEquals("running", killed.get(0).getString(1), "the killed run is left running");
    assertTrue(!warehouse.exists(Tables.QUARANTINE), "killed before its last write (quarantine is created last)");
    String killedRun = killed.get(0).getString(0);

    Fixtures.CliRun rerun = Fixtures.cli(args.toArray(String[]::new));
    assertEquals(0, rerun.code(), "rerun; stderr: " + rerun.err());

    List<Row> ledger = warehouse.read(Tables.JOB_RUNS).orderBy("started_at").select("run_id", "status", "message")
        .collectAsList();
    assertEquals(2, ledger.size(), ledger.toString());
    assertEquals(killedRun, ledger.get(0).getString(0));
    assertEquals("abandoned", ledger.get(0).getString(1), "the killed run is marked abandoned by the rerun");
    assertTrue(ledger.get(0).getString(2).matches("driver \\S+ pid " + driver.pid() + "; abandoned by run "
        + ledger.get(1).getString(0) + ": its driver \\S+ pid " + driver.pid() + " is no longer running .*"),
        ledger.get(0).getString(2));
    assertEquals("succeeded", ledger.get(1).getString(1));
    assertTrue(!Files.exists(warehouseDir.resolve("_ingest_stage")), "the killed run's staging folder is removed");

    assertEquals(ORDERS, warehouse.read(Tables.ORDERS).count(), "every order once");
    assertEquals(ORDERS, warehouse.read(Tables.ORDERS).select("order_id").distinct().count(), "no duplicate order");
    assertEquals(2L, warehouse.read(Tables.HUBS).count(), "hubs");
    assertEquals(1L, warehouse.read(Tables.DROPS).count(), "drops");
    assertEquals(0L, warehouse.read(Tables.QUARANTINE).count(), "nothing quarantined");
    long units = warehouse.read(Tables.ORDERS).selectExpr("sum(units)").head().getLong(0);
    long expected = 0;
    for (int i = 1; i <= ORDERS; i++) {
      expected += 1 + i % 5;
    }
    assertEquals(expected, units, "units of every order, as a clean run writes them");
  }
}

package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.drop;
import static io.dropcast.ingest.Fixtures.hub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run date whose orders never landed (hubs and drops did): with dropcast.ingest.missing-landing = fail (the
 * default) the ingest fails naming the date and folder and writes nothing; with empty-night the nightly ingests
 * what landed, reports an EMPTY NIGHT and runs no later step, so no forecast or plan exists.
 */
class MissingLandingTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

  @TempDir
  Path tmp;

  /** Hubs and a drop for DAY, no orders folder at all. */
  private Path landingWithoutOrders() {
    Path landing = tmp.resolve("landing");
    Fixtures.writeParquet(landing.resolve("hubs/date=" + DAY + "/part-00000.parquet"), Source.HUBS,
        List.of(hub("H1", 38.7108, -9.1368)));
    Fixtures.writeCsv(landing.resolve("drops/date=" + DAY + "/part-00000.csv"), Source.DROPS,
        List.of(Fixtures.with(drop("D1", 1), "hub_ids", "H1")));
    return landing;
  }

  @Test
  void byDefaultIngestOfADateWithoutOrdersFailsNamingTheDateAndFolderAndWritesNothing() {
    Path landing = landingWithoutOrders();
    Warehouse warehouse = new Warehouse(SharedSpark.get(), tmp.resolve("warehouse").toString());
    Fixtures.CliRun run = Fixtures.cli("ingest", "--date", DAY.toString(), "--set",
        "dropcast.warehouse=" + warehouse.root(), "--set", "dropcast.landing=" + landing);

    assertEquals(1, run.code(), "exit code; stdout: " + run.out());
    String expected = "dropcast ingest: Ingest found no orders landing file for 2026-11-25 (looked in " + landing
        + "/orders/date=2026-11-25). A night without orders would give a forecast and plan built on nothing, so the"
        + " run stops before reading or writing anything (dropcast.ingest.missing-landing = fail). Fix: land the"
        + " orders files (orders/date=YYYY-MM-DD/*.parquet|csv|jsonl) and rerun; or, if the date truly has no orders,"
        + " rerun with --set dropcast.ingest.missing-landing=empty-night to record an empty night";
    assertEquals(expected, run.err().strip());
    for (var t : IngestJob.OUTPUTS) {
      assertFalse(warehouse.exists(t), t.name() + " must not be created by a refused run");
    }
    String ledger = warehouse.read(Tables.JOB_RUNS).selectExpr("concat(job, ' ', status, ' ', message)").head()
        .getString(0);
    assertTrue(ledger.startsWith("ingest failed DropcastException: Ingest found no orders landing file for 2026-11-25"),
        ledger);
  }

  @Test
  void withEmptyNightTheNightlyIngestsWhatLandedReportsAnEmptyNightAndBuildsNoPlan() {
    Path landing = landingWithoutOrders();
    Warehouse warehouse = new Warehouse(SharedSpark.get(), tmp.resolve("warehouse").toString());
    Fixtures.CliRun run = Fixtures.cli("nightly", "--date", DAY.toString(), "--set",
        "dropcast.warehouse=" + warehouse.root(), "--set", "dropcast.landing=" + landing,
        "--set", "dropcast.ingest.missing-landing=empty-night");

    assertEquals(0, run.code(), "exit code; stderr: " + run.err() + "\nstdout: " + run.out());
    String reason = "EMPTY NIGHT: no orders landed for 2026-11-25 in " + landing + "/orders/date=2026-11-25"
        + " (dropcast.ingest.missing-landing = empty-night), so nothing is forecast or planned on it; when the orders"
        + " land later, rerun with --force";
    for (String step : List.of("train", "forecast", "plan", "cadence", "drop-kpis", "report")) {
      assertTrue(run.out().contains("] " + step + ": skipped: " + reason), step + " skipped as empty night: " + run.out());
    }
    assertTrue(run.out().contains("nightly 2026-11-25: " + reason), run.out());
    List<String> ledger = warehouse.read(Tables.JOB_RUNS).orderBy("job")
        .selectExpr("concat(job, ' ', status)").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("ingest succeeded", "nightly succeeded"), ledger, "only ingest ran under the nightly");
    String ingestMessage = warehouse.read(Tables.JOB_RUNS).where("job = 'ingest'").select("message").head().getString(0);
    assertTrue(ingestMessage.startsWith("EMPTY NIGHT: no orders landed for 2026-11-25 (dropcast.ingest.missing-landing"
        + " = empty-night). Ingested 2026-11-25: read 2 records (hubs 1, drops 1, orders 0)"), ingestMessage);
    String nightlyMessage = warehouse.read(Tables.JOB_RUNS).where("job = 'nightly'").select("message").head()
        .getString(0);
    assertTrue(nightlyMessage.endsWith("2026-11-25 succeeded (EMPTY NIGHT)"), nightlyMessage);
    assertEquals(1L, warehouse.read(Tables.DROPS).count(), "the drop that landed is ingested");
    assertEquals(0L, warehouse.read(Tables.ORDERS).count(), "no orders");
    for (var t : List.of(Tables.HUB_PREPOSITIONING_PLAN, Tables.DEMAND_FORECAST, Tables.MODEL_REGISTRY)) {
      assertFalse(warehouse.exists(t), t.name() + " must not exist after an empty night");
    }
  }
}

package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.drop;
import static io.dropcast.ingest.Fixtures.hub;
import static io.dropcast.ingest.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingests of the same date started at the same instant, from two threads on the shared session: one
 * runs, the other refuses to start with RUN_IN_PROGRESS before touching any table, the ledger records both, and
 * the tables are exactly those of one run (no order twice).
 */
class ConcurrentIngestTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

  @TempDir
  Path tmp;

  @Test
  void twoRunsOfTheSameDateAtOnceGiveOneSuccessOneClearFailureAndUncorruptedTables() throws Exception {
    SharedSpark.get();
    Path landing = tmp.resolve("landing");
    Warehouse warehouse = new Warehouse(SharedSpark.get(), tmp.resolve("warehouse").toString());
    Fixtures.writeParquet(landing.resolve("hubs/date=" + DAY + "/part-00000.parquet"), Source.HUBS,
        List.of(hub("H1", 38.7108, -9.1368), hub("H2", 38.7369, -9.1426)));
    Fixtures.writeCsv(landing.resolve("drops/date=" + DAY + "/part-00000.csv"), Source.DROPS, List.of(drop("D1", 1)));
    Fixtures.writeCsv(landing.resolve("orders/date=" + DAY + "/part-00000.csv"), Source.ORDERS,
        List.of(order("O1"), order("O2"), order("O3")));

    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Fixtures.CliRun>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(pool.submit(() -> {
        go.await();
        return Fixtures.cli("ingest", "--date", DAY.toString(), "--set", "dropcast.warehouse=" + warehouse.root(),
            "--set", "dropcast.landing=" + landing);
      }));
    }
    go.countDown();
    List<Fixtures.CliRun> done = new ArrayList<>();
    for (Future<Fixtures.CliRun> f : runs) {
      done.add(f.get(300, TimeUnit.SECONDS));
    }
    pool.shutdown();

    List<Fixtures.CliRun> ok = done.stream().filter(r -> r.code() == 0).toList();
    List<Fixtures.CliRun> failed = done.stream().filter(r -> r.code() != 0).toList();
    assertEquals(1, ok.size(), "exactly one run succeeds; stderr: " + done.stream().map(Fixtures.CliRun::err).toList());
    assertEquals(1, failed.size(), "the other fails");
    String err = failed.get(0).err();
    assertTrue(err.matches("(?s)dropcast ingest: dropcast ingest for 2026-11-25 did not start: run ingest-2026-11-25-"
        + "[0-9a-f]{8} of the same job and date\\(s\\) is running .*"), "readable error: " + err);

    List<String> ledger = warehouse.read(Tables.JOB_RUNS).orderBy("status").selectExpr("status").collectAsList()
        .stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("failed", "succeeded"), ledger, "job_runs records the loser as failed and the winner");
    List<Row> orders = warehouse.read(Tables.ORDERS).groupBy("order_id").count().orderBy("order_id").collectAsList();
    assertEquals("[[O1,1], [O2,1], [O3,1]]", orders.toString(), "each order once");
    assertEquals(1L, warehouse.read(Tables.DROPS).count(), "one drop batch");
    assertEquals(2L, warehouse.read(Tables.HUBS).count(), "two hubs");
  }
}

package io.dropcast.ingest.bench;

import io.dropcast.cli.Dropcast;
import io.dropcast.config.DropcastConfig;
import io.dropcast.contract.RawSchemas;
import io.dropcast.generate.Generator;
import io.dropcast.generate.LandingLayout;
import io.dropcast.generate.WorldParams;
import io.dropcast.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput benchmark, not a test: generates a world (unless it exists), then in ONE JVM measures (a) a bare
 * Spark copy of the orders Parquet into a Delta table (contract schema, no validation) and (b) the ingest of
 * the same date range as one batch; prints rows/s of both, their ratio and the peak heap used (sampled).
 *
 * <p>Arguments: OUT START DAYS NEIGHBOURHOODS HUBS ORDERS_PER_DAY SEED [ROUNDS], e.g.
 * {@code /tmp/big 2025-01-01 20 300 30 100000 7 3}. With ROUNDS (default 1) the copy and the ingest alternate that
 * many times, each into fresh tables, and the median of the rounds' ratios is printed: a single pair of runs moves
 * by 10 % or more on a 2-core machine (the first copy also pays the JVM's warm-up). Run with the launcher's JVM flags and
 * {@code -cp jobs/target/dropcast-jobs.jar:$(cat spark-runtime/target/spark-classpath.txt):jobs/target/test-classes}.
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    LocalDate start = LocalDate.parse(args[1]);
    int days = Integer.parseInt(args[2]);
    WorldParams params = WorldParams.builder(start, days, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
        Long.parseLong(args[6])).ordersPerDay(Integer.parseInt(args[5])).build();
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      Runtime rt = Runtime.getRuntime();
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long orderRows;
    if (!Files.exists(LandingLayout.worldJson(out))) {
      long t0 = System.nanoTime();
      Generator.Summary s = Generator.run(params, out, 2, false);
      orderRows = s.orderRows();
      System.out.printf(Locale.ROOT, "generated %d order rows in %.1f s%n", orderRows, (System.nanoTime() - t0) / 1e9);
    } else {
      orderRows = -1;
    }
    int rounds = args.length > 7 ? Integer.parseInt(args[7]) : 1;
    SparkSession spark = Sessions.getOrCreate(DropcastConfig.defaults(), "ingest-bench");
    String landing = LandingLayout.landing(out).toString();
    Path benchRoot = out.resolve("bench-warehouse");
    deleteRecursively(benchRoot);
    double[] ratios = new double[rounds];
    int code = 0;
    for (int round = 1; round <= rounds && code == 0; round++) {
      // A fresh folder per round (Delta caches a table's log by path), the previous round's deleted.
      deleteRecursively(benchRoot.resolve("round-" + (round - 1)));
      String warehouse = benchRoot.resolve("round-" + round).toString();
      long t1 = System.nanoTime();
      spark.read().schema(RawSchemas.ORDERS).parquet(landing + "/orders/date=*/*.parquet")
          .write().format("delta").mode("overwrite").save(warehouse + "/bare_copy");
      double copySeconds = (System.nanoTime() - t1) / 1e9;
      long copied = spark.read().format("delta").load(warehouse + "/bare_copy").count();
      if (orderRows < 0) {
        orderRows = copied;
      }

      long t2 = System.nanoTime();
      code = Dropcast.commandLine().execute("ingest", "--from", start.toString(), "--to",
          start.plusDays(days - 1L).toString(), "--set", "dropcast.warehouse=" + warehouse + "/ingest",
          "--set", "dropcast.landing=" + landing);
      double ingestSeconds = (System.nanoTime() - t2) / 1e9;
      ratios[round - 1] = ingestSeconds / copySeconds;
      System.out.printf(Locale.ROOT, "round %d of %d: orders rows: %d (copied %d); ingest exit code %d%n", round,
          rounds, orderRows, copied, code);
      System.out.printf(Locale.ROOT, "(a) bare copy : %.1f s, %.0f rows/s%n", copySeconds, orderRows / copySeconds);
      System.out.printf(Locale.ROOT, "(b) ingest    : %.1f s, %.0f order rows/s (hubs and drops too)%n",
          ingestSeconds, orderRows / ingestSeconds);
      System.out.printf(Locale.ROOT, "ratio ingest/copy: %.2f; peak heap used (sampled): %d MiB; max heap %d MiB%n",
          ratios[round - 1], peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
    sampler.interrupt();
    if (code == 0 && rounds > 1) {
      double[] sorted = ratios.clone();
      java.util.Arrays.sort(sorted);
      double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
      System.out.printf(Locale.ROOT, "ratios of %d rounds: %s; median %.2f%n", rounds,
          java.util.Arrays.toString(ratios), median);
    }
    spark.stop();
    System.exit(code);
  }

  private static void deleteRecursively(Path p) throws java.io.IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}

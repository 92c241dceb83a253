package io.dropcast.nightly.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import io.dropcast.config.DropcastConfig;
import io.dropcast.contract.RawSchemas;
import io.dropcast.spark.Sessions;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The floor of bench/scale, not a test: a bare Spark scan and aggregate of a generated world's landing orders
 * (every date's Parquet, read with the contract schema), order records and units per day and category, with no
 * validation, no enrichment and no write. Any job that reads all the orders costs at least this much; bench/scale
 * runs it in its own JVM, timed like the jobs, on each world.
 *
 * <pre>ScanFloor LANDING_DIR</pre>
 *
 * <p>The aggregate has one row per day and category (a few thousand), the only rows that reach the driver.
 */
public final class ScanFloor {
  private ScanFloor() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ScanFloor LANDING_DIR");
    }
    SparkSession spark = Sessions.getOrCreate(DropcastConfig.defaults(), "scan-floor");
    long t0 = System.nanoTime();
    List<Row> perDay = spark.read().schema(RawSchemas.ORDERS).parquet(args[0] + "/orders/date=*/*.parquet")
        .groupBy(to_date(col("created_at")).as("day"), col("category"))
        .agg(count("*").as("records"), sum("units").as("units"))
        .collectAsList();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long records = perDay.stream().mapToLong(r -> r.getLong(2)).sum();
    System.out.printf(Locale.ROOT, "scan-floor: %d order records in %d day x category groups, %.1f s, %.0f rows/s%n",
        records, perDay.size(), seconds, records / seconds);
    spark.stop();
  }
}

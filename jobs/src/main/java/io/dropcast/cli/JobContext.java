package io.dropcast.cli;

import io.dropcast.config.DropcastConfig;
import io.dropcast.spark.Steps;
import io.dropcast.tables.Warehouse;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/** What a running job gets: its validated config, the session, the warehouse, its run id and a clock. */
public record JobContext(String job, String runId, DropcastConfig config, SparkSession spark, Warehouse warehouse,
    Clock clock) {

  /** Runs one named step (visible as such in the Spark UI). */
  public <T> T step(String description, Supplier<T> body) {
    return Steps.named(spark, job, runId, description, body);
  }

  public void step(String description, Runnable body) {
    Steps.named(spark, job, runId, description, body);
  }
}

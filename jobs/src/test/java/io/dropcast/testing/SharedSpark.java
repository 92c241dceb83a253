package io.dropcast.testing;

import io.dropcast.config.DropcastConfig;
import io.dropcast.spark.Sessions;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM: local[2], two shuffle partitions, no adaptive execution, no code
 * generation (expressions are interpreted), no UI, Delta's extensions on.
 * Built on first use and stopped by Spark's shutdown hook; tests never build their own. Every test keeps
 * its tables under its own {@code @TempDir}.
 */
public final class SharedSpark {
  private static volatile SparkSession session;

  private SharedSpark() {}

  public static SparkSession get() {
    SparkSession s = session;
    if (s == null) {
      synchronized (SharedSpark.class) {
        s = session;
        if (s == null) {
          SparkSession.Builder builder = SparkSession.builder().appName("dropcast-tests").master("local[2]");
          // The settings production sessions get (Delta extensions, session time zone, dropcast.spark), then the
          // tests' own, which win: the jobs keep an existing session's settings (Sessions), so every test runs
          // with these, whichever ran first.
          for (Map.Entry<String, String> e : Sessions.sessionSettings(DropcastConfig.defaults()).entrySet()) {
            builder.config(e.getKey(), e.getValue());
          }
          // Adaptive query execution off: the tests' tables hold a few rows to a few thousand, where AQE's
          // re-planning at every shuffle costs time and changes nothing. Measured on IngestScenarioTest, PlanJobTest,
          // ReportJobTest and CadenceJobsTest in one JVM (2026-12-07): 382 CPU-s against 459 with it on, 231 s
          // against 270 s. Every run through bin/dropcast or spark-submit (NightlyIT, the Airflow DAG test, the
          // notebooks) keeps Spark's default, on.
          // No code generation either: on tiny tables compiling each query's generated classes (Janino) costs
          // more than interpreting its expressions. Same four classes (2026-12-08): 323 CPU-s against 363, 196 s
          // against 218 s. Runs outside the tests' JVM (above) generate code as Spark does by default.
          builder.config("spark.sql.adaptive.enabled", "false")
              .config("spark.sql.codegen.wholeStage", "false")
              .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              .config("spark.ui.showConsoleProgress", "false");
          s = builder.getOrCreate();
          session = s;
        }
      }
    }
    return s;
  }

  /** Runs {@code body} with a SQL setting changed, restoring the previous value afterwards. */
  public static <T> T withSqlConf(String key, String value, Supplier<T> body) {
    var conf = get().conf();
    String previous = conf.contains(key) ? conf.get(key) : null;
    conf.set(key, value);
    try {
      return body.get();
    } finally {
      if (previous == null) {
        conf.unset(key);
      } else {
        conf.set(key, previous);
      }
    }
  }
}

package io.dropcast.models.testing;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the models module's test JVM: local[2], two shuffle partitions, no UI,
 * session time zone UTC, adaptive execution and code generation off (on tiny data they only add planning and
 * compiling time: without code generation ForecastFeaturesTest, GlobalGbtForecasterTest and PersistenceTest took 65,
 * 78 and 89 s against 80, 89 and 102 s, 2026-12-08). Built on first use and stopped by Spark's shutdown hook;
 * tests never build their own.
 */
public final class TestSpark {
  private static volatile SparkSession session;

  private TestSpark() {}

  public static SparkSession get() {
    SparkSession s = session;
    if (s == null) {
      synchronized (TestSpark.class) {
        s = session;
        if (s == null) {
          s = SparkSession.builder()
              .appName("dropcast-models-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.session.timeZone", "UTC")
              // Tiny data: adaptive re-planning of every stage costs more than it saves.
              .config("spark.sql.adaptive.enabled", "false")
              // Expressions interpreted, not compiled (Janino) query by query.
              .config("spark.sql.codegen.wholeStage", "false")
              .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
              .getOrCreate();
          s.sparkContext().setLogLevel("WARN");
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

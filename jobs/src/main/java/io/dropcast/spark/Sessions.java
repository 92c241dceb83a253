package io.dropcast.spark;

import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the SparkSession a job runs in. The master and the cluster's settings come from spark-submit (or,
 * locally, from bin/dropcast's -Dspark.master); Dropcast only adds Delta's extensions, the session time
 * zone and the {@code dropcast.spark} settings that spark-submit did not already set. In a JVM that already has
 * a session (a notebook's, a test's), that session's own settings win too: a job never changes how the session
 * it was handed partitions its data, and Spark would apply only the runtime SQL settings to it anyway.
 */
public final class Sessions {
  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

  private Sessions() {}

  public static SparkSession getOrCreate(DropcastConfig config, String appName) {
    SparkConf submitted = new SparkConf(true);
    scala.Option<SparkSession> existing = SparkSession.getActiveSession();
    if (existing.isEmpty()) {
      existing = SparkSession.getDefaultSession();
    }
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    for (Map.Entry<String, String> e : sessionSettings(config).entrySet()) {
      boolean setByExisting = existing.isDefined() && existing.get().conf().contains(e.getKey());
      if (!submitted.contains(e.getKey()) && !setByExisting) {
        builder.config(e.getKey(), e.getValue());
      }
    }
    SparkSession spark = builder.getOrCreate();
    LOG.info("Spark {} session '{}' on {}", spark.version(), appName, spark.sparkContext().master());
    return spark;
  }

  /** Every setting Dropcast wants on its session; spark-submit's and an existing session's own settings win. */
  public static Map<String, String> sessionSettings(DropcastConfig config) {
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    settings.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    settings.put("spark.sql.session.timeZone", config.get(Keys.TIME_ZONE).getId());
    settings.putAll(config.get(Keys.SPARK));
    return settings;
  }
}

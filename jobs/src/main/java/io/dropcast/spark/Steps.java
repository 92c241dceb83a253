package io.dropcast.spark;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Names each step of a job in the Spark UI and event log, so a slow stage says which step of which job and
 * date it belongs to (the pattern of Iceberg's actions).
 */
public final class Steps {
  private Steps() {}

  /** Runs {@code body} under job group "dropcast-JOB-RUNID" with description "JOB DATE: STEP". */
  public static <T> T named(SparkSession spark, String job, String runId, String step, Supplier<T> body) {
    var sc = spark.sparkContext();
    String previousGroup = sc.getLocalProperty("spark.jobGroup.id");
    String previousDescription = sc.getLocalProperty("spark.job.description");
    spark.sparkContext().setJobGroup("dropcast-" + job + "-" + runId, job + ": " + step, false);
    try {
      return body.get();
    } finally {
      sc.setLocalProperty("spark.jobGroup.id", previousGroup);
      sc.setLocalProperty("spark.job.description", previousDescription);
    }
  }

  public static void named(SparkSession spark, String job, String runId, String step, Runnable body) {
    named(spark, job, runId, step, () -> {
      body.run();
      return null;
    });
  }
}

package io.dropcast.maintain;

import io.delta.tables.DeltaTable;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.tables.Table;
import io.dropcast.tables.Warehouse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/**
 * Table maintenance of one Delta table: OPTIMIZE (compacts the small files of each partition into larger ones,
 * in a new version; the data is unchanged) then VACUUM (deletes the data files that no version younger than the
 * retention uses). Reports the table's files in its latest version and its data files on storage, before and
 * after.
 */
public final class Maintenance {
  private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
  private static final String RETENTION_WINDOW_IGNORE = "spark.databricks.delta.vacuum.retentionWindowIgnore.enabled";
  private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
  /** Listing tasks per core of the cluster (Delta's VACUUM otherwise lists in 10,000 tasks, whatever the size). */
  private static final int LISTING_TASKS_PER_CORE = 4;

  private Maintenance() {}

  /**
   * What maintenance did to a table: files of its latest version before and after OPTIMIZE, data files on
   * storage before OPTIMIZE and after VACUUM, and its version at the end.
   */
  public record TableResult(String table, long filesBefore, long filesAfter, long storedBefore, long storedAfter,
      long version) {
    public String line(int retentionHours) {
      return String.format(Locale.ROOT, "%-28s files %d -> %d (OPTIMIZE), files on storage %d -> %d (VACUUM,"
          + " retention %d h), version %d", table, filesBefore, filesAfter, storedBefore, storedAfter, retentionHours,
          version);
    }
  }

  /**
   * The retention to VACUUM with: refused below Delta's safety limit ({@value Keys#DELTA_MIN_VACUUM_RETENTION_HOURS}
   * hours) unless short retention is explicitly allowed.
   */
  public static int checkedRetention(int hours, boolean allowShort) {
    if (hours < Keys.DELTA_MIN_VACUUM_RETENTION_HOURS && !allowShort) {
      throw Errors.maintainRetentionTooShort(hours, Keys.DELTA_MIN_VACUUM_RETENTION_HOURS);
    }
    return hours;
  }

  /** OPTIMIZE then VACUUM one existing table. */
  public static TableResult maintain(Warehouse warehouse, Table table, int retentionHours) {
    SparkSession spark = warehouse.spark();
    String path = warehouse.path(table);
    long filesBefore = filesInLatestVersion(spark, path);
    long storedBefore = storedDataFiles(spark, path);
    DeltaTable delta = DeltaTable.forPath(spark, path);
    delta.optimize().executeCompaction();
    long filesAfter = filesInLatestVersion(spark, path);
    // Delta 4 ignores VACUUM's retention argument (using the table's delta.deletedFileRetentionDuration) unless
    // told otherwise; the configured retention is what must apply. Below Delta's limit (only when allowed, see
    // checkedRetention) Delta's own safety check is lifted for this call.
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put(RETENTION_WINDOW_IGNORE, "false");
    // VACUUM lists the table's files in parallelPartitionDiscovery.parallelism tasks, 10,000 by default: on two
    // cores that was over a minute of empty tasks for a table of three files. A few tasks per core of the cluster
    // keep a large table's listing parallel; a setting given to the session explicitly is kept.
    if (!spark.conf().contains(LISTING_PARALLELISM)) {
      settings.put(LISTING_PARALLELISM,
          Integer.toString(LISTING_TASKS_PER_CORE * Math.max(1, spark.sparkContext().defaultParallelism())));
    }
    if (retentionHours < Keys.DELTA_MIN_VACUUM_RETENTION_HOURS) {
      settings.put(RETENTION_CHECK, "false");
    }
    withSettings(spark, settings, () -> delta.vacuum(retentionHours));
    return new TableResult(table.name(), filesBefore, filesAfter, storedBefore, storedDataFiles(spark, path),
        warehouse.version(table).orElseThrow());
  }

  /** Runs {@code body} with the session settings changed, restoring each previous value (or its absence). */
  private static void withSettings(SparkSession spark, Map<String, String> settings, Runnable body) {
    Map<String, String> previous = new java.util.HashMap<>();
    settings.forEach((k, v) -> {
      previous.put(k, spark.conf().contains(k) ? spark.conf().get(k) : null);
      spark.conf().set(k, v);
    });
    try {
      body.run();
    } finally {
      previous.forEach((k, v) -> {
        if (v == null) {
          spark.conf().unset(k);
        } else {
          spark.conf().set(k, v);
        }
      });
    }
  }

  /** Files of the table's latest version (from the Delta log; no data is read). */
  static long filesInLatestVersion(SparkSession spark, String path) {
    return spark.sql("DESCRIBE DETAIL delta.`" + path + "`").select("numFiles").head().getLong(0);
  }

  /** Parquet data files under the table's folder, whichever versions use them (what VACUUM can delete). */
  static long storedDataFiles(SparkSession spark, String path) {
    Path root = new Path(path);
    try {
      FileSystem fs = root.getFileSystem(spark.sessionState().newHadoopConf());
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      long n = 0;
      while (it.hasNext()) {
        Path p = it.next().getPath();
        if (p.getName().endsWith(".parquet") && !p.toString().contains("/_delta_log/")) {
          n++;
        }
      }
      return n;
    } catch (FileNotFoundException e) {
      return 0;
    } catch (IOException e) {
      throw Errors.ioFailure("list the data files of the table", path, e);
    }
  }
}

package io.dropcast.ingest;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames an ingest run materialises once and reads several times (validated hubs and drops, the checked
 * orders' narrow projection, order marks), as
 * plain Parquet under {@code <warehouse>/_ingest_stage/<run id>/<name>}: not a table (no reader ever looks
 * there), written before any table is, and deleted when the run ends, whether it succeeded or failed. Reading
 * a staged frame costs a Parquet scan of the columns asked for, where a cached frame holds every column of every
 * record in memory (and spills when it does not fit).
 */
final class Stage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
  static final String FOLDER = "_ingest_stage";

  private final SparkSession spark;
  private final String root;
  private final Map<String, StructType> schemas = new HashMap<>();

  Stage(SparkSession spark, String warehouseRoot, String runId) {
    this.spark = spark;
    this.root = warehouseRoot + "/" + FOLDER + "/" + runId;
  }

  /** Writes a frame (one Spark job; a rewrite replaces it) and returns it read back from the stage. */
  Dataset<Row> write(String name, Dataset<Row> frame) {
    frame.write().mode("overwrite").parquet(path(name));
    schemas.put(name, frame.schema());
    return read(name);
  }

  /** A staged frame, with the schema it was written with. */
  Dataset<Row> read(String name) {
    StructType schema = schemas.get(name);
    if (schema == null) {
      throw io.dropcast.errors.Errors.internal("ingest: frame '" + name + "' was read before it was staged", null);
    }
    return spark.read().schema(schema).parquet(path(name));
  }

  private String path(String name) {
    return root + "/" + name;
  }

  /**
   * Deletes the stages that killed runs left behind: every run folder under {@code <warehouse>/_ingest_stage}
   * whose run is not in {@code live} (the runs job_runs records as running). Returns the run ids removed.
   */
  static java.util.List<String> removeLeftovers(SparkSession spark, String warehouseRoot, java.util.Set<String> live) {
    Path parent = new Path(warehouseRoot + "/" + FOLDER);
    java.util.List<String> removed = new java.util.ArrayList<>();
    try {
      FileSystem fs = parent.getFileSystem(spark.sessionState().newHadoopConf());
      if (!fs.exists(parent)) {
        return removed;
      }
      for (FileStatus st : fs.listStatus(parent)) {
        String run = st.getPath().getName();
        if (st.isDirectory() && !live.contains(run)) {
          fs.delete(st.getPath(), true);
          removed.add(run);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not clean the ingest stages under {}; delete the folders of dead runs by hand: {}", parent,
          e.toString());
    }
    return removed;
  }

  /** Deletes the run's stage; a failure is logged, not thrown, so that it never hides the run's own outcome. */
  @Override
  public void close() {
    Path path = new Path(root);
    try {
      FileSystem fs = path.getFileSystem(spark.sessionState().newHadoopConf());
      fs.delete(path, true);
      Path parent = path.getParent();
      FileStatus[] left = fs.exists(parent) ? fs.listStatus(parent) : null;
      if (left != null && left.length == 0) {
        fs.delete(parent, false);
      }
    } catch (IOException e) {
      LOG.warn("could not delete the ingest stage {}; delete it by hand: {}", root, e.toString());
    }
  }
}

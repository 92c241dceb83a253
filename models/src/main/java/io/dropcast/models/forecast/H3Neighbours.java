package io.dropcast.models.forecast;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Neighbour cells of H3 addresses, computed on the driver for a bounded set of cells (one per
 * neighbourhood), so Spark plans join a small mapping instead of calling a UDF.
 */
public final class H3Neighbours {
  public static final String CELL = "cell";
  public static final String NEIGHBOUR = "neighbour";
  public static final StructType SCHEMA = new StructType()
      .add(CELL, DataTypes.StringType, false)
      .add(NEIGHBOUR, DataTypes.StringType, false);

  private static volatile H3Core h3;

  private H3Neighbours() {}

  static H3Core h3() {
    H3Core h = h3;
    if (h == null) {
      synchronized (H3Neighbours.class) {
        if (h3 == null) {
          try {
            h3 = H3Core.newInstance();
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot load H3's native library for neighbour lookups; "
                + "it ships inside com.uber:h3 for linux-x86-64: check the platform and the jar on the classpath", e);
          }
        }
        h = h3;
      }
    }
    return h;
  }

  /** Pairs (cell, neighbour) for every cell within grid distance k of each valid cell, the cell itself excluded. */
  public static List<Row> pairs(Collection<String> cells, int k) {
    H3Core core = h3();
    List<Row> rows = new ArrayList<>();
    for (String cell : cells) {
      if (cell == null || !core.isValidCell(cell)) {
        continue; // an invalid address has no neighbours: its cold starts fall back to the category mean
      }
      for (String n : core.gridDisk(cell, k)) {
        if (!n.equals(cell)) {
          rows.add(RowFactory.create(cell, n));
        }
      }
    }
    return rows;
  }

  /** The pairs as a Dataset with columns {@code cell}, {@code neighbour}. */
  public static Dataset<Row> mapping(SparkSession spark, Collection<String> cells, int k) {
    return spark.createDataFrame(pairs(cells, k), SCHEMA);
  }
}

package io.dropcast.ingest;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * H3 cells as Spark column functions. Spark has no built-in H3 function, so these are small UDFs; the H3Core
 * (which loads a native library) is created once per JVM, lazily, on first use on each executor.
 */
public final class H3Cells {
  private H3Cells() {}

  /** Lazy, per-JVM holder: the class (and the native library) loads on the first call in an executor. */
  private static final class Holder {
    static final H3Core H3 = create();

    private static H3Core create() {
      try {
        return H3Core.newInstance();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the H3 native library", e);
      }
    }
  }

  public static H3Core h3() {
    return Holder.H3;
  }

  private static final UserDefinedFunction CELL = functions.udf(
      (UDF3<Double, Double, Integer, String>) (lat, lng, res) -> lat == null || lng == null || res == null
          || lat.isNaN() || lng.isNaN() || Math.abs(lat) > 90 || Math.abs(lng) > 180
          ? null : Holder.H3.latLngToCellAddress(lat, lng, res), DataTypes.StringType);

  private static final UserDefinedFunction CENTRE_LAT = functions.udf(
      (UDF1<String, Double>) cell -> cell == null || !Holder.H3.isValidCell(cell) ? null
          : Holder.H3.cellToLatLng(cell).lat, DataTypes.DoubleType);

  private static final UserDefinedFunction CENTRE_LNG = functions.udf(
      (UDF1<String, Double>) cell -> cell == null || !Holder.H3.isValidCell(cell) ? null
          : Holder.H3.cellToLatLng(cell).lng, DataTypes.DoubleType);

  /** The H3 cell address of a WGS84 position at a resolution; null for a missing or invalid position. */
  public static Column cell(Column latitude, Column longitude, int resolution) {
    return CELL.apply(latitude.cast(DataTypes.DoubleType), longitude.cast(DataTypes.DoubleType),
        functions.lit(resolution));
  }

  /** Latitude of a cell's centre; null for a string that is not a cell address. */
  public static Column centreLatitude(Column cell) {
    return CENTRE_LAT.apply(cell);
  }

  /** Longitude of a cell's centre. */
  public static Column centreLongitude(Column cell) {
    return CENTRE_LNG.apply(cell);
  }

  /** Whether a string is an H3 cell address (driver-side check). */
  public static boolean isCell(String address) {
    return address != null && Holder.H3.isValidCell(address);
  }

  static LatLng centre(String cell) {
    return Holder.H3.cellToLatLng(cell);
  }
}

package io.dropcast.models.forecast;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema checks shared by the estimators and models of this package; they never touch data. */
final class Schemas {
  private Schemas() {}

  static StructField require(StructType schema, String column, String role, String param) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    throw ForecastErrors.missingColumn(column, role, param, schema);
  }

  static void requireType(StructType schema, String column, String role, String param, DataType type) {
    DataType actual = require(schema, column, role, param).dataType();
    if (!actual.equals(type)) {
      throw ForecastErrors.wrongType(column, param, actual, type.simpleString());
    }
  }

  static void requireNumeric(StructType schema, String column, String role, String param) {
    DataType actual = require(schema, column, role, param).dataType();
    if (!(actual instanceof NumericType)) {
      throw ForecastErrors.wrongType(column, param, actual, "a numeric type (double)");
    }
  }

  /** Checks a demand history: string keys, a date column, numeric units and covariates. */
  static void requireHistory(HasForecastParams p, StructType schema) {
    requireType(schema, p.getNeighbourhoodCol(), "the series' H3 cell", "neighbourhoodCol", DataTypes.StringType);
    requireType(schema, p.getCategoryCol(), "the series' category", "categoryCol", DataTypes.StringType);
    requireType(schema, p.getDateCol(), "the day", "dateCol", DataTypes.DateType);
    requireNumeric(schema, p.getUnitsCol(), "the demand to learn", "unitsCol");
    for (String c : p.getCovariateCols()) {
      requireNumeric(schema, c, "a covariate known in advance", "covariateCols");
    }
  }

  /** Output schema of a forecast; {@code quantiles} null when the model is not calibrated. */
  static StructType forecastOutput(HasForecastParams p, double[] quantiles) {
    StructType out = new StructType()
        .add(p.getNeighbourhoodCol(), DataTypes.StringType, true)
        .add(p.getCategoryCol(), DataTypes.StringType, true)
        .add(p.getOriginCol(), DataTypes.DateType, false)
        .add(p.getTargetDateCol(), DataTypes.DateType, true)
        .add(p.getHorizonCol(), DataTypes.IntegerType, false)
        .add(p.getPredictionCol(), DataTypes.DoubleType, false)
        .add(p.getLevelCol(), DataTypes.DoubleType, false)
        .add(p.getColdStartCol(), DataTypes.BooleanType, false);
    if (quantiles != null) {
      for (String q : QuantileColumns.names(p.getQuantileColPrefix(), quantiles)) {
        out = out.add(q, DataTypes.DoubleType, false);
      }
    }
    requireDistinct(List.of(out.fieldNames()));
    return out;
  }

  static void requireDistinct(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw ForecastErrors.outputClash(n, new ArrayList<>(names));
      }
    }
  }

  /** Fails when a column that will be added is already in the input. */
  static void requireAbsent(StructType schema, String column, String param) {
    for (String n : schema.fieldNames()) {
      if (n.equals(column)) {
        throw new IllegalArgumentException(String.format(
            "Output column '%s' (Param %s) already exists in the input. Drop it first or set %s to another name.",
            column, param, param));
      }
    }
  }
}

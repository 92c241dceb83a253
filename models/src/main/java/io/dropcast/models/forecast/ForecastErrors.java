package io.dropcast.models.forecast;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/** Builds the user-facing errors of this package: what is wrong, why, and how to fix it. */
public final class ForecastErrors {
  private ForecastErrors() {}

  public static IllegalArgumentException missingColumn(String column, String role, String param, StructType schema) {
    return new IllegalArgumentException(String.format(
        "Column '%s' (%s, Param %s) is missing from the input. Available columns: %s. "
            + "Add the column or set %s to the column that holds it.",
        column, role, param, Arrays.toString(schema.fieldNames()), param));
  }

  public static IllegalArgumentException wrongType(String column, String param, DataType actual, String expected) {
    return new IllegalArgumentException(String.format(
        "Column '%s' (Param %s) has type %s but %s is required. Cast it before calling "
            + "(for example to_date(...) or .cast(\"double\")), or set %s to a column of the right type.",
        column, param, actual.simpleString(), expected, param));
  }

  public static IllegalArgumentException outputClash(String column, List<String> outputs) {
    return new IllegalArgumentException(String.format(
        "Output column '%s' is produced twice or clashes with a key column; output columns are %s. "
            + "Give it a distinct name with the corresponding *Col Param.",
        column, outputs));
  }

  public static IllegalArgumentException historyTooShort(String what, LocalDate first, LocalDate needed) {
    return new IllegalArgumentException(String.format(
        "Cannot %s: the history starts on %s but at least one origin on or after %s is needed. "
            + "Provide a longer history, or lower the folds, horizon or minHistoryDays.",
        what, first, needed));
  }

  public static IllegalArgumentException noData(String what, String fix) {
    return new IllegalArgumentException(String.format("Cannot %s: the input has no rows with demand. %s", what, fix));
  }
}

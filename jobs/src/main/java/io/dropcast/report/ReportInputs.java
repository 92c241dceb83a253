package io.dropcast.report;

import io.dropcast.errors.Errors;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The two tables the report reads that other jobs write, {@code demand_forecast} and
 * {@code hub_prepositioning_plan} (declared in {@link Tables}), and the check, made before reading any data,
 * that every column the report uses is there with its declared type.
 */
public final class ReportInputs {
  private ReportInputs() {}

  public static Table demandForecast() {
    return Tables.DEMAND_FORECAST;
  }

  public static Table plan() {
    return Tables.HUB_PREPOSITIONING_PLAN;
  }

  /**
   * Checks that {@code data} has every column of {@code contract} the report reads, with the contract's type
   * (extra columns are fine). Fails with the table, the column and both types, before any Spark action.
   */
  static Dataset<Row> requireContract(Dataset<Row> data, Table contract, List<String> used) {
    StructType actual = data.schema();
    for (String column : used) {
      StructField expected = contract.schema().apply(column);
      StructField found = actual.getFieldIndex(column).isDefined() ? actual.apply(column) : null;
      if (found == null || !found.dataType().sameType(expected.dataType())) {
        throw Errors.reportInputMismatch(contract.name(), column, expected.dataType().simpleString(),
            found == null ? null : found.dataType().simpleString());
      }
    }
    return data;
  }
}

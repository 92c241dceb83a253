package io.dropcast.report;

import static io.dropcast.tables.Columns.optional;
import static io.dropcast.tables.Columns.required;
import static io.dropcast.tables.Columns.struct;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import io.dropcast.errors.Errors;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The two tables the report reads that other areas write: {@code demand_forecast} and
 * {@code hub_prepositioning_plan}, exactly as notes/CONTRACTS.md fixes them. When {@link Tables} declares
 * a table of that name (once the forecast and plan jobs are merged) the declared one is used; until then the
 * contract's schema below is, so that the report and its fixtures follow the same columns. Either way the
 * report checks, before reading data, that every column it uses is there with the contract's type.
 */
public final class ReportInputs {
  private ReportInputs() {}

  static final String DEMAND_FORECAST_NAME = "demand_forecast";
  static final String PLAN_NAME = "hub_prepositioning_plan";

  /** {@code demand_forecast} as fixed by the contract (used only when Tables does not declare it). */
  static final Table CONTRACT_DEMAND_FORECAST = new Table(DEMAND_FORECAST_NAME, struct(
      required("run_date", DateType, "Run date D of the forecast; data up to and including D was used. Partition column."),
      required("target_date", DateType, "Day forecast: D+1 .. D+H."),
      required("horizon", IntegerType, "target_date - run_date, 1..H."),
      required("neighbourhood", StringType, "H3 cell (orders.neighbourhood)."),
      required("category", StringType, "Directory category."),
      optional("hub_id", StringType, "Nearest catchment hub of the neighbourhood, null if none."),
      required("mean", DoubleType, "Point forecast of the day's (unconstrained) demand in units, >= 0."),
      required("p10", DoubleType, "10% quantile, >= 0."),
      required("p50", DoubleType, "Median, >= p10."),
      required("p90", DoubleType, "90% quantile, >= p50."),
      required("quantiles", createMapType(StringType, DoubleType), "Every configured quantile level, keyed \"0.10\", \"0.50\", ..."),
      required("cold_start", BooleanType, "The series had too little history and was pooled from H3 neighbours and its category."),
      required("model_id", StringType, "model_registry id of the model that produced the row.")),
      List.of("run_date"), List.of("run_date", "target_date", "neighbourhood", "category"),
      "Daily demand forecasts per neighbourhood and category (contract; declared by the forecast job).");

  /** {@code hub_prepositioning_plan} as fixed by the contract (used only when Tables does not declare it). */
  static final Table CONTRACT_PLAN = new Table(PLAN_NAME, struct(
      required("plan_date", DateType, "Run date D of the plan. Partition column."),
      required("drop_date", DateType, "Local date the drop starts."),
      required("drop_id", StringType, "The drop."),
      required("sku_id", StringType, "SKU of the drop."),
      required("category", StringType, "Category of the drop."),
      required("hub_id", StringType, "Hub to place units at."),
      required("units", IntegerType, "Units to place at the hub before the drop opens, >= 0."),
      required("expected_demand", DoubleType, "P50 of the demand this hub will see for this drop."),
      required("demand_p10", DoubleType, "P10 of that demand."),
      required("demand_p90", DoubleType, "P90 of that demand."),
      required("expected_fill_rate", DoubleType, "Expected sales / expected demand at this hub, in [0, 1]."),
      required("expected_leftover", DoubleType, "Expected units left unsold at this hub."),
      required("expected_within_sla", DoubleType, "Expected share of this hub's orders served within the pickup SLA."),
      required("reason", StringType, "capacity_bound, stock_bound or demand_bound."),
      required("model_id", StringType, "model_registry id of the forecast used."),
      required("run_id", StringType, "job_runs id of the plan run.")),
      List.of("plan_date"), List.of("plan_date", "drop_id", "hub_id"),
      "Hub prepositioning plans (contract; declared by the plan job).");

  public static Table demandForecast() {
    return Tables.byName(DEMAND_FORECAST_NAME).orElse(CONTRACT_DEMAND_FORECAST);
  }

  public static Table plan() {
    return Tables.byName(PLAN_NAME).orElse(CONTRACT_PLAN);
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

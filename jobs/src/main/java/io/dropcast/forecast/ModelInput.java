package io.dropcast.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.sequence;

import io.dropcast.models.forecast.QuantileColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The forecasters' input for a run date D: one row per series and day up to D with the demand to learn
 * ({@code units}) and the drop covariates of that day, plus one row per series and day D+1..D+H with the
 * covariates only ({@code units} null), as the models' package doc asks. Pure.
 */
public final class ModelInput {
  private ModelInput() {}

  /**
   * @param daily output of {@link DemandHistory#daily}
   * @param covariates output of {@link DropCovariates#daily}
   * @param censoring learn the estimated unconstrained demand (true) or the raw sales (false)
   */
  public static Dataset<Row> build(Dataset<Row> daily, Dataset<Row> covariates, LocalDate runDate, int horizon,
      boolean censoring) {
    String[] key = {DemandHistory.NEIGHBOURHOOD, DemandHistory.CATEGORY, DemandHistory.DATE};
    Dataset<Row> past = daily.select(col(DemandHistory.NEIGHBOURHOOD), col(DemandHistory.CATEGORY),
        col(DemandHistory.DATE),
        col(censoring ? DemandHistory.UNITS : DemandHistory.OBSERVED_UNITS).as(ForecastSettings.UNITS));
    Date first = Date.valueOf(runDate.plusDays(1));
    Dataset<Row> future = daily.select(DemandHistory.NEIGHBOURHOOD, DemandHistory.CATEGORY).distinct()
        .select(col(DemandHistory.NEIGHBOURHOOD), col(DemandHistory.CATEGORY),
            explode(sequence(lit(first), date_add(lit(first), horizon - 1))).as(DemandHistory.DATE),
            lit(null).cast(DataTypes.DoubleType).as(ForecastSettings.UNITS));
    List<Column> cols = new ArrayList<>();
    for (String k : key) {
      cols.add(col(k));
    }
    cols.add(col(ForecastSettings.UNITS));
    for (String c : DropCovariates.NAMES) {
      cols.add(functions.coalesce(col(c), lit(0.0)).as(c));
    }
    return past.unionByName(future).join(covariates, key, "left").select(cols.toArray(new Column[0]));
  }

  /** The covariates of a row as a map (for demand_history.covariates), zero entries left out. */
  static Column covariateMap() {
    List<Column> names = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (String c : DropCovariates.NAMES) {
      names.add(lit(c));
      values.add(col(c));
    }
    return map_filter(map_from_arrays(functions.array(names.toArray(new Column[0])),
        functions.array(values.toArray(new Column[0]))), (k, v) -> v.notEqual(0.0));
  }

  /** Label of a quantile level in demand_forecast.quantiles: at least two decimals, "0.10", "0.975". */
  public static String levelLabel(double q) {
    return QuantileColumns.name("", q).replace('_', '.');
  }
}

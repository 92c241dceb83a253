package io.dropcast.forecast;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The drop schedule as covariates known in advance, per neighbourhood x category x day: the drops of the
 * category that day whose hubs serve the neighbourhood (a hub in its catchment). Only the schedule is read
 * (units released, price, channels, hubs), never a drop's sales, so the days after the run date may be
 * covered as far as the schedule is known.
 *
 * <ul>
 *   <li>{@code drops}: number of such drops;</li>
 *   <li>{@code planned_units}: units they release, all batches;</li>
 *   <li>{@code discount_depth}: the deepest discount among them, 1 - price / list_price;</li>
 *   <li>{@code push}, {@code sms}: how many of them are announced by push, by SMS;</li>
 *   <li>{@code proximity}: the sum over them of exp(-km to the drop's nearest hub serving the neighbourhood).</li>
 * </ul>
 * A day without such a drop has no row (the features read it as 0).
 */
public final class DropCovariates {
  public static final List<String> NAMES = List.of("drops", "planned_units", "discount_depth", "push", "sms",
      "proximity");

  private DropCovariates() {}

  /** Covariates for the drops dated from {@code from} to {@code to} inclusive. */
  public static Dataset<Row> daily(Dataset<Row> drops, Dataset<Row> catchments, LocalDate from, LocalDate to) {
    Dataset<Row> perDrop = drops
        .filter(col("drop_date").between(lit(Date.valueOf(from)), lit(Date.valueOf(to))))
        .groupBy("drop_id")
        .agg(first(col("category")).as("category"), first(col("drop_date")).as("drop_date"),
            first(col("hub_ids")).as("hub_ids"), sum(col("units_released")).cast("double").as("units"),
            max(lit(1.0).minus(col("price").cast("double").divide(col("list_price").cast("double")))).as("discount"),
            max(array_contains(col("channels"), "push").cast("double")).as("is_push"),
            max(array_contains(col("channels"), "sms").cast("double")).as("is_sms"));
    Dataset<Row> reach = perDrop.select(col("*"), explode(col("hub_ids")).as("hub_id"))
        .join(catchments.select("neighbourhood", "hub_id", "distance_km"), "hub_id")
        .groupBy("drop_id", "neighbourhood", "category", "drop_date", "units", "discount", "is_push", "is_sms")
        .agg(min("distance_km").as("km"));
    return reach.groupBy(col("neighbourhood"), col("category"), col("drop_date").as("date"))
        .agg(count(lit(1)).cast("double").as("drops"), sum("units").as("planned_units"),
            max("discount").as("discount_depth"), sum("is_push").as("push"), sum("is_sms").as("sms"),
            sum(exp(col("km").multiply(-1.0))).as("proximity"));
  }
}

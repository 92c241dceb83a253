package io.dropcast.act;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;

import io.dropcast.tables.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The pure transformation from a plan to per-hub packing lists: no I/O, testable on a few rows.
 *
 * <p>A hub packs what the plan places there (units > 0), in the order a picker works: by the drop's first release
 * ({@code window_start}), then drop_id, then sku_id, numbered 1.. per hub. Local times are formatted in the
 * session time zone, which Dropcast sets to {@code dropcast.time-zone}.
 */
public final class PackingLists {
  static final String LOCAL_FORMAT = "yyyy-MM-dd HH:mm";

  private PackingLists() {}

  /**
   * The packing lists of plan date {@code planDate}, in the columns of hub_packing_lists.
   *
   * @param plan hub_prepositioning_plan rows (any dates; only {@code planDate} is used)
   * @param drops drops batches covering the plan's drop dates (title, merchant, window)
   * @param hubs hub_id, pickup_sla_hours
   * @param planVersion the Delta version of hub_prepositioning_plan that {@code plan} was read at
   */
  public static Dataset<Row> build(Dataset<Row> plan, Dataset<Row> drops, Dataset<Row> hubs, LocalDate planDate,
      long planVersion, String runId) {
    Dataset<Row> placed = plan.filter(col("plan_date").equalTo(lit(Date.valueOf(planDate))).and(col("units").gt(0)))
        .select(col("plan_date"), col("hub_id"), col("drop_date"), col("drop_id"), col("sku_id"), col("category"),
            col("units"), col("run_id").as("plan_run_id"));
    Dataset<Row> windows = drops.groupBy("drop_id")
        .agg(min("merchant_id").as("merchant_id"), min("title").as("title"),
            min("starts_at").as("window_start"), max("ends_at").as("window_end"));
    Column order = row_number().over(Window.partitionBy("hub_id").orderBy(col("window_start"), col("drop_id"),
        col("sku_id")));
    Dataset<Row> rows = placed.join(windows, "drop_id")
        .join(broadcast(hubs.select("hub_id", "pickup_sla_hours")), "hub_id")
        .withColumn("pick_order", order)
        .withColumn("window_start_local", date_format(col("window_start"), LOCAL_FORMAT))
        .withColumn("window_end_local", date_format(col("window_end"), LOCAL_FORMAT))
        .withColumn("plan_version", lit(planVersion))
        .withColumn("run_id", lit(runId));
    return rows.select(Arrays.stream(Tables.HUB_PACKING_LISTS.schema().fieldNames()).map(c -> col(c))
        .toArray(Column[]::new));
  }
}

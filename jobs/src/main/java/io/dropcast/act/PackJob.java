package io.dropcast.act;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import io.dropcast.cli.JobContext;
import io.dropcast.config.Keys;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code dropcast pack --date D}: the plan of D as per-hub packing lists, into {@code hub_packing_lists}
 * (replaceWhere plan_date = D) and one CSV and one JSON file per hub under
 * {@code <warehouse>/exports/packing-lists/date=D/}, published atomically after the table is written. The plan is
 * read at a pinned Delta version, the version every list records.
 */
public final class PackJob {
  private PackJob() {}

  /** What a pack run wrote. */
  public record Result(long tableVersion, long planVersion, int hubs, long rows, long units, String folder) {}

  public static Result run(JobContext context, LocalDate date) {
    Warehouse warehouse = context.warehouse();
    PlanOfDate.Pinned plan = PlanOfDate.read(context, date);
    long planVersion = plan.version();
    int horizon = context.config().get(Keys.PLAN_HORIZON_DAYS);
    Dataset<Row> drops = warehouse.read(Tables.DROPS).filter(col("drop_date")
        .between(lit(Date.valueOf(date.plusDays(1))), lit(Date.valueOf(date.plusDays(horizon)))));
    Dataset<Row> lists = PackingLists.build(plan.rows(), drops, warehouse.read(Tables.HUBS), date, planVersion,
        context.runId());
    PlanOfDate.Pinned table = PlanOfDate.replace(context, Tables.HUB_PACKING_LISTS, lists, date);
    long tableVersion = table.version();
    Dataset<Row> written = table.rows();
    // One row per hub: small, whatever the plan's size.
    List<Row> perHub = context.step("pack " + date + ": count per hub", () -> written.groupBy("hub_id")
        .agg(countDistinct("drop_id").as("drops"), sum("units").cast("long").as("units"))
        .orderBy("hub_id").collectAsList());
    // An empty plan (no drops scheduled) names its run in the ledger only.
    String planRunId = context.step("pack " + date + ": plan run", () -> Optional.ofNullable(
        plan.rows().agg(min("run_id")).head().getString(0)).or(() -> PlanOfDate.planRun(warehouse, date))
        .orElse(null));
    Map<String, String> files = new LinkedHashMap<>();
    String zone = context.config().get(Keys.TIME_ZONE).getId();
    long rows = 0;
    long units = 0;
    for (Row hub : perHub) {
      String hubId = hub.getString(0);
      // One hub's list at a time on the driver: a few dozen rows.
      List<Row> items = context.step("pack " + date + ": list of " + hubId, () ->
          written.filter(col("hub_id").equalTo(hubId)).orderBy("pick_order").collectAsList());
      files.put(hubId + ".csv", PackingListFiles.csv(items));
      files.put(hubId + ".json", PackingListFiles.json(hubId, date, zone, items));
      rows += items.size();
      units += hub.getLong(2);
    }
    files.put(PackingListFiles.SUMMARY_FILE, PackingListFiles.summaryJson(date, planVersion, planRunId, perHub));
    org.apache.hadoop.fs.Path folder = PackingListFiles.folder(warehouse.root(), date);
    PackingListFiles.publish(warehouse.spark().sessionState().newHadoopConf(), folder, context.runId(), files);
    return new Result(tableVersion, planVersion, perHub.size(), rows, units, folder.toString());
  }
}

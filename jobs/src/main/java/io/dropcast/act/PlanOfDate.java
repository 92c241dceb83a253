package io.dropcast.act;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.dropcast.cli.JobContext;
import io.dropcast.errors.Errors;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the acting steps share: the plan of a date read at a pinned Delta version (failing clearly when the plan
 * has no rows for the date), and a date's rows written with replaceWhere and read back at the version written.
 */
final class PlanOfDate {
  private PlanOfDate() {}

  /** Rows of a table at one Delta version. */
  record Pinned(long version, Dataset<Row> rows) {}

  /** The plan rows of {@code date} at the plan table's latest version; fails when there are none. */
  static Pinned read(JobContext context, LocalDate date) {
    Warehouse warehouse = context.warehouse();
    Table table = Tables.HUB_PREPOSITIONING_PLAN;
    long version = warehouse.version(table).orElseThrow(() -> Errors.tableMissing(table.name(),
        warehouse.path(table), warehouse.existingNames()));
    Dataset<Row> rows = warehouse.spark().read().format("delta").option("versionAsOf", version)
        .load(warehouse.path(table)).filter(col("plan_date").equalTo(lit(Date.valueOf(date))));
    long count = context.step(context.job() + " " + date + ": check the plan", () -> rows.count());
    if (count == 0) {
      throw Errors.badArgument("--date", date.toString(), table.name() + " (v" + version
          + ") has no rows for plan_date " + date, "run 'dropcast plan --date " + date + "' first");
    }
    return new Pinned(version, rows);
  }

  /** Replaces the rows of plan_date {@code date} of {@code table} with {@code rows}; the rows as written. */
  static Pinned replace(JobContext context, Table table, Dataset<Row> rows, LocalDate date) {
    Warehouse warehouse = context.warehouse();
    String where = "plan_date = DATE'" + date + "'";
    context.step(context.job() + " " + date + ": write " + table.name(), () -> {
      warehouse.ensureCreated(table);
      rows.write().format("delta").mode("overwrite").option("replaceWhere", where).save(warehouse.path(table));
    });
    long version = warehouse.version(table).orElseThrow();
    return new Pinned(version, warehouse.spark().read().format("delta").option("versionAsOf", version)
        .load(warehouse.path(table)).filter(where));
  }
}

package io.dropcast.act;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.dropcast.cli.JobContext;
import io.dropcast.errors.Errors;
import io.dropcast.ledger.RunStatus;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the acting steps share: the plan of a date read at a pinned Delta version (failing clearly when no plan was
 * made for the date; a plan made for a date without drops is empty, and acting on it writes empty outputs), and a
 * date's rows written with replaceWhere and read back at the version written.
 */
final class PlanOfDate {
  private PlanOfDate() {}

  /** Rows of a table at one Delta version. */
  record Pinned(long version, Dataset<Row> rows) {}

  /**
   * The plan rows of {@code date} at the plan table's latest version. When there are none, the run ledger tells
   * the two cases apart: a succeeded {@code plan} run covered the date and wrote the plan table (no drops were
   * scheduled, so the plan is empty and is returned as such), or none did (fails, naming the command to run).
   */
  static Pinned read(JobContext context, LocalDate date) {
    Warehouse warehouse = context.warehouse();
    Table table = Tables.HUB_PREPOSITIONING_PLAN;
    long version = warehouse.version(table).orElseThrow(() -> Errors.tableMissing(table.name(),
        warehouse.path(table), warehouse.existingNames()));
    Dataset<Row> rows = warehouse.spark().read().format("delta").option("versionAsOf", version)
        .load(warehouse.path(table)).filter(col("plan_date").equalTo(lit(Date.valueOf(date))));
    long count = context.step(context.job() + " " + date + ": check the plan", () -> rows.count());
    if (count == 0 && planRun(warehouse, date).isEmpty()) {
      throw Errors.badArgument("--date", date.toString(), "the plan table " + table.name()
          + " (v" + version + ") has no rows for plan_date " + date + " and no succeeded plan run covered the date",
          "run 'dropcast plan --date " + date + "' first");
    }
    return new Pinned(version, rows);
  }

  /**
   * The id of the latest succeeded production {@code plan} run (one that wrote the plan table) that covered
   * {@code date}; empty when none did.
   */
  static Optional<String> planRun(Warehouse warehouse, LocalDate date) {
    if (!warehouse.exists(Tables.JOB_RUNS)) {
      return Optional.empty();
    }
    Column d = lit(Date.valueOf(date));
    List<Row> latest = warehouse.read(Tables.JOB_RUNS).filter(col("job").equalTo("plan")
            .and(col("status").equalTo(RunStatus.SUCCEEDED.value()))
            .and(col("date_from").leq(d)).and(col("date_to").geq(d))
            .and(col("table_versions").getItem(Tables.HUB_PREPOSITIONING_PLAN.name()).isNotNull()))
        .orderBy(col("ended_at").desc()).select("run_id").limit(1).collectAsList();
    return latest.stream().map(r -> r.getString(0)).findFirst();
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

package io.dropcast.tables;

import static io.dropcast.tables.Columns.optional;
import static io.dropcast.tables.Columns.required;
import static io.dropcast.tables.Columns.struct;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every Delta table Dropcast writes, declared once. Jobs, {@code dropcast sql}, the notebooks and
 * docs/tables.md all take table names, schemas and keys from here.
 */
public final class Tables {
  private Tables() {}

  private static final List<Table> ALL = new ArrayList<>();

  private static Table register(Table table) {
    if (ALL.stream().anyMatch(t -> t.name().equals(table.name()))) {
      throw new IllegalStateException("table declared twice: " + table.name());
    }
    ALL.add(table);
    return table;
  }

  /** The run ledger: one row per job run, written when the run starts and completed when it ends. */
  public static final Table JOB_RUNS = register(new Table("job_runs", struct(
      required("run_id", StringType, "Unique id of this run (job, date and a random suffix)."),
      required("job", StringType, "Command that ran, as registered in dropcast --help."),
      optional("date_from", DateType, "First run date covered (local to dropcast.time-zone)."),
      optional("date_to", DateType, "Last run date covered; equals date_from for a one-day run."),
      required("started_at", TimestampType, "When the run started."),
      optional("ended_at", TimestampType, "When the run ended; null while running or if the driver died."),
      required("status", StringType, "running, succeeded or failed; a run left 'running' died without recording its end."),
      optional("rows_read", createMapType(StringType, LongType), "Rows read per source."),
      optional("rows_accepted", createMapType(StringType, LongType), "Rows accepted per source."),
      optional("rows_quarantined", createMapType(StringType, LongType), "Rows quarantined per 'source/rule'."),
      optional("table_versions", createMapType(StringType, LongType), "Delta version written per output table."),
      optional("message", StringType, "The error of a failed run, or a one-paragraph summary of a successful one."),
      optional("arguments", StringType, "The command line of the run (no secrets are ever on it).")),
      List.of(), List.of("run_id"),
      "Run ledger of every Dropcast job: status, counts (read = accepted + quarantined) and table versions written. Read by ops, the nightly orchestrator and the notebooks."));

  /** Tables in declaration order. */
  public static List<Table> all() {
    return Collections.unmodifiableList(ALL);
  }

  public static Optional<Table> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}

package io.dropcast.ledger;

import io.delta.tables.DeltaTable;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.delta.ConcurrentWriteException;

/**
 * The run ledger ({@code job_runs}). A run is recorded as 'running' before it touches any table and
 * completed as 'succeeded' or 'failed' at its end; a driver that dies leaves its row 'running', which is
 * how a killed night shows up.
 */
public final class RunLedger {
  private static final int MERGE_ATTEMPTS = 5;

  private final Warehouse warehouse;
  private final Clock clock;

  public RunLedger(Warehouse warehouse, Clock clock) {
    this.warehouse = warehouse;
    this.clock = clock;
  }

  /** A new run id: job, first date and a random suffix (ids are unique; dates in tables come from arguments). */
  public static String newRunId(String job, LocalDate date) {
    return job + "-" + (date == null ? "nodate" : date.toString()) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Records the start of a run (appends; concurrent runs never conflict on this). */
  public void started(String runId, String job, LocalDate from, LocalDate to, String arguments) {
    warehouse.ensureCreated(Tables.JOB_RUNS);
    Row row = RowFactory.create(runId, job, date(from), date(to), now(), null, RunStatus.RUNNING.value(),
        null, null, null, null, null, arguments);
    warehouse.spark().createDataFrame(List.of(row), Tables.JOB_RUNS.schema())
        .write().format("delta").mode("append").save(warehouse.path(Tables.JOB_RUNS));
  }

  /** Completes a run's row with its outcome and counts. */
  public void finished(String runId, RunOutcome outcome) {
    Row row = RowFactory.create(runId, now(), outcome.status().value(),
        scala(outcome.rowsRead()), scala(outcome.rowsAccepted()), scala(outcome.rowsQuarantined()),
        scala(outcome.tableVersions()), outcome.message());
    var schema = Tables.JOB_RUNS.schema();
    var update = warehouse.spark().createDataFrame(List.of(row), new org.apache.spark.sql.types.StructType(
        new org.apache.spark.sql.types.StructField[] {
            schema.apply("run_id"), schema.apply("ended_at"), schema.apply("status"), schema.apply("rows_read"),
            schema.apply("rows_accepted"), schema.apply("rows_quarantined"), schema.apply("table_versions"),
            schema.apply("message")}));
    Map<String, String> set = Map.of(
        "ended_at", "u.ended_at", "status", "u.status", "rows_read", "u.rows_read",
        "rows_accepted", "u.rows_accepted", "rows_quarantined", "u.rows_quarantined",
        "table_versions", "u.table_versions", "message", "u.message");
    for (int attempt = 1; ; attempt++) {
      try {
        DeltaTable.forPath(warehouse.spark(), warehouse.path(Tables.JOB_RUNS)).as("r")
            .merge(update.as("u"), "r.run_id = u.run_id")
            .whenMatched().updateExpr(set)
            .execute();
        return;
      } catch (ConcurrentWriteException e) {
        if (attempt >= MERGE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static java.sql.Date date(LocalDate d) {
    return d == null ? null : java.sql.Date.valueOf(d);
  }

  private static scala.collection.immutable.Map<String, Long> scala(Map<String, Long> map) {
    if (map == null) {
      return null;
    }
    return scala.jdk.javaapi.CollectionConverters.asScala(map).toMap(scala.$less$colon$less$.MODULE$.refl());
  }
}

package io.dropcast.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.dropcast.errors.Errors;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.delta.ConcurrentWriteException;

/**
 * The run ledger ({@code job_runs}). A run is recorded as 'running' before it touches any table and
 * completed as 'succeeded' or 'failed' at its end; a driver that dies leaves its row 'running', which is
 * how a killed night shows up, until the next run of the same job and dates marks it 'abandoned'.
 *
 * <p>{@link #start} also keeps two runs of one job on overlapping dates from running at once: the 'running' row
 * is inserted by a MERGE that inserts only when no other run of the job on those dates is running. Two such
 * MERGEs racing both read the ledger, so Delta's optimistic concurrency lets only the first commit; the second
 * retries, sees the first, and its run fails (recorded as failed) before it touches any table.
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

  /** "driver HOST pid PID": who runs a run, kept in the message of its 'running' row. */
  public static String driverId() {
    return "driver " + host() + " pid " + ProcessHandle.current().pid();
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown-host";
    }
  }

  /** A run of the job on overlapping dates that is recorded as running (and is not {@code runId}). */
  public record Running(String runId, Timestamp startedAt, String driver) {}

  /**
   * Records the start of a run unless another run of the same job on overlapping dates is running: then the
   * run is recorded as failed and {@link Errors#runInProgress} is thrown. A 'running' row whose driver is dead
   * (same host, its process gone) or that started more than {@code abandonAfterMinutes} ago is first marked
   * abandoned.
   */
  public void start(String runId, String job, LocalDate from, LocalDate to, String arguments,
      int abandonAfterMinutes) {
    Row row = RowFactory.create(runId, job, date(from), date(to), now(), null, RunStatus.RUNNING.value(),
        null, null, null, null, driverId(), arguments);
    Dataset<Row> mine = warehouse.spark().createDataFrame(List.of(row), Tables.JOB_RUNS.schema());
    for (int attempt = 1; ; attempt++) {
      try {
        warehouse.ensureCreated(Tables.JOB_RUNS);
        for (Running other : running(job, from, to, runId)) {
          String dead = deadBecause(other, abandonAfterMinutes);
          if (dead == null) {
            var error = Errors.runInProgress(job, dates(from, to), other.runId(), other.startedAt().toInstant()
                .toString(), other.driver() == null ? "driver unknown" : other.driver(), abandonAfterMinutes);
            started(runId, job, from, to, arguments);
            finished(runId, RunOutcome.failed(error));
            throw error;
          }
          abandon(other.runId(), "abandoned by run " + runId + ": " + dead);
        }
        DeltaTable.forPath(warehouse.spark(), warehouse.path(Tables.JOB_RUNS)).as("t")
            .merge(mine.as("s"), "t.job = s.job AND t.status = '" + RunStatus.RUNNING.value() + "' AND "
                + "((t.date_from IS NULL AND s.date_from IS NULL) OR (t.date_from <= s.date_to AND s.date_from <= t.date_to))")
            .whenNotMatched().insertAll()
            .execute();
        if (!warehouse.read(Tables.JOB_RUNS).where(col("run_id").equalTo(runId)).isEmpty()) {
          return;
        }
        // Not inserted: a run committed its 'running' row between the check and the MERGE; check again.
      } catch (Exception e) { // Delta's AnalysisException is checked but thrown undeclared from Scala
        if (!(e instanceof ConcurrentModificationException || e instanceof AnalysisException)) {
          throw RunLedger.<RuntimeException>rethrow(e);
        }
        // A racing start (or a racing creation of the ledger) committed first: check again.
        if (attempt >= MERGE_ATTEMPTS) {
          throw Errors.internal("job_runs: could not record the start of run " + runId + " after " + attempt
              + " attempts against concurrent writers", e);
        }
      }
    }
  }

  /** The runs of {@code job} on dates overlapping from..to (both null: undated) recorded as running. */
  List<Running> running(String job, LocalDate from, LocalDate to, String except) {
    Column overlap = from == null ? col("date_from").isNull()
        : col("date_from").leq(lit(date(to))).and(col("date_to").geq(lit(date(from))));
    return warehouse.read(Tables.JOB_RUNS)
        .where(col("job").equalTo(job).and(col("status").equalTo(RunStatus.RUNNING.value())).and(overlap)
            .and(col("run_id").notEqual(except)))
        .select("run_id", "started_at", "message").orderBy("started_at").collectAsList().stream()
        .map(r -> new Running(r.getString(0), r.getTimestamp(1), r.getString(2))).toList();
  }

  /**
   * Why a running run is known dead, or null when it may still be running: its driver was on this host and its
   * process is gone, or it started more than {@code abandonAfterMinutes} ago.
   */
  String deadBecause(Running other, int abandonAfterMinutes) {
    String thisHost = "driver " + host() + " pid ";
    if (other.driver() != null && other.driver().startsWith(thisHost)) {
      try {
        long pid = Long.parseLong(other.driver().substring(thisHost.length()).trim());
        if (pid != ProcessHandle.current().pid()
            && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
          return "its " + other.driver() + " is no longer running (the driver died without recording its end)";
        }
      } catch (NumberFormatException ignored) {
        // Not a driver id this ledger wrote: decide by age alone.
      }
    }
    long minutes = java.time.Duration.between(other.startedAt().toInstant(), clock.instant()).toMinutes();
    if (minutes >= abandonAfterMinutes) {
      return "still 'running' " + minutes + " minutes after it started (dropcast.runs.abandon-after-minutes = "
          + abandonAfterMinutes + ")";
    }
    return null;
  }

  /** Marks a run left 'running' as abandoned, keeping who ran it and saying why. */
  void abandon(String runId, String why) {
    DeltaTable.forPath(warehouse.spark(), warehouse.path(Tables.JOB_RUNS)).as("r")
        .update(col("r.run_id").equalTo(runId).and(col("r.status").equalTo(RunStatus.RUNNING.value())),
            Map.of("status", lit(RunStatus.ABANDONED.value()),
                "message", org.apache.spark.sql.functions.concat_ws("; ", col("r.message"), lit(why))));
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }

  private static String dates(LocalDate from, LocalDate to) {
    return from == null ? "(no date)" : from.equals(to) ? from.toString() : from + " to " + to;
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

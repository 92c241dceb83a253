package io.dropcast.cli;

import io.dropcast.config.DropcastConfig;
import io.dropcast.errors.Errors;
import io.dropcast.ledger.RunLedger;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.spark.Sessions;
import io.dropcast.tables.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The thin wrapper every Spark job shares: resolve and validate the configuration (before any data is
 * read), log it, get the session, record the run in the ledger, call the job's {@link #execute}, record how
 * it ended. The job itself only reads, calls pure transformations and writes.
 */
public abstract class SparkJobCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SparkJobCommand.class);
  private static final java.util.concurrent.atomic.AtomicReference<String> LAST_LOGGED_CONFIGURATION =
      new java.util.concurrent.atomic.AtomicReference<>();

  @Mixin
  protected CommonOptions common;

  @CommandLine.Spec
  protected CommandLine.Model.CommandSpec spec;

  /** Checks the job's own arguments against the configuration; throws a DropcastException if wrong. */
  protected void validate(DropcastConfig config) {}

  /** First run date, for the ledger; null (the default) for an undated job. */
  protected LocalDate firstDate() {
    return null;
  }

  /** Last run date, for the ledger; null (the default) for an undated job. */
  protected LocalDate lastDate() {
    return null;
  }

  /** Whether runs of this command are recorded in job_runs (false for read-only commands). */
  protected boolean recordsRuns() {
    return true;
  }

  /** The job's work. Throw to fail the run; the ledger records the failure and the exception propagates. */
  protected abstract RunOutcome execute(JobContext context) throws Exception;

  /**
   * The resolved configuration, at INFO once per JVM and configuration: the steps of a night run in the night's JVM
   * with the night's configuration, and repeating it seven times buries the log.
   */
  private static void logConfiguration(String job, DropcastConfig config) {
    String described = config.describe();
    if (!described.equals(LAST_LOGGED_CONFIGURATION.getAndSet(described))) {
      LOG.info("dropcast {}: resolved configuration\n{}", job, described);
    } else {
      LOG.info("dropcast {}: the resolved configuration logged above", job);
    }
  }

  /**
   * The error a failed run reports: a commit refused by Delta's optimistic concurrency (anywhere in the cause
   * chain of an error that is not already a Dropcast one) becomes {@link Errors#concurrentWrite}; anything else
   * is reported as it is.
   */
  static Throwable userFacing(String job, LocalDate first, LocalDate last, Throwable e) {
    if (e instanceof io.dropcast.errors.DropcastException) {
      return e;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.util.ConcurrentModificationException) {
        String dates = first == null ? "(no date)" : first.equals(last) ? first.toString() : first + " to " + last;
        return Errors.concurrentWrite(job, dates, t, e);
      }
    }
    return e;
  }

  @Override
  public final Integer call() throws Exception {
    String job = spec.name();
    DropcastConfig config = common.config();
    validate(config);
    LocalDate first = firstDate();
    logConfiguration(job, config);
    SparkSession spark = Sessions.getOrCreate(config, "dropcast " + job);
    Warehouse warehouse = new Warehouse(spark, config);
    String runId = RunLedger.newRunId(job, first);
    Clock clock = Clock.systemUTC();
    JobContext context = new JobContext(job, runId, config, spark, warehouse, clock);
    if (!recordsRuns()) {
      execute(context);
      return 0;
    }
    RunLedger ledger = new RunLedger(warehouse, clock);
    // Refuses to start (recorded as failed) while another run of the job on overlapping dates is running.
    ledger.start(runId, job, first, lastDate(), String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        config.get(io.dropcast.config.Keys.RUNS_ABANDON_AFTER_MINUTES));
    RunOutcome outcome;
    try {
      outcome = execute(context);
    } catch (Exception | Error e) {
      Throwable reported = userFacing(job, first, lastDate(), e);
      try {
        ledger.finished(runId, RunOutcome.failed(reported));
      } catch (RuntimeException ledgerError) {
        reported.addSuppressed(ledgerError);
      }
      if (reported != e) {
        throw (RuntimeException) reported;
      }
      throw e;
    }
    ledger.finished(runId, outcome);
    return 0;
  }
}

package io.dropcast.errors;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The one place user-facing errors are built. Each message reads "what. why. Fix: how." and quotes the
 * offending value, so that whoever reads a failed night's log can act without opening the code.
 */
public final class Errors {
  private Errors() {}

  static DropcastException error(String code, String what, String why, String fix, Throwable cause) {
    Objects.requireNonNull(what, "what");
    StringBuilder message = new StringBuilder(what);
    if (why != null && !why.isEmpty()) {
      message.append(". ").append(Character.toUpperCase(why.charAt(0))).append(why.substring(1));
    }
    if (fix != null && !fix.isEmpty()) {
      message.append(". Fix: ").append(fix);
    }
    return new DropcastException(code, message.toString(), cause);
  }

  // ---- configuration ----------------------------------------------------------------------------

  public static DropcastException configUnknownKey(String key, String origin, String suggestion) {
    return error("CONFIG_UNKNOWN_KEY",
        "Unknown configuration key '" + key + "' (set in " + origin + ")",
        "Dropcast only accepts the keys declared in io.dropcast.config.Keys and listed in conf/dropcast.conf",
        suggestion == null
            ? "remove the key, or correct its spelling against conf/dropcast.conf"
            : "did you mean '" + suggestion + "'? Rename it, or remove it",
        null);
  }

  public static DropcastException configWrongType(String key, String value, String origin, String expected) {
    return error("CONFIG_WRONG_TYPE",
        "Configuration key '" + key + "' has value '" + value + "' (set in " + origin + ")",
        "it must be " + expected,
        "set '" + key + "' to " + expected + ", or remove it to use the default",
        null);
  }

  public static DropcastException configOutOfRange(String key, String value, String origin, String rule) {
    return error("CONFIG_OUT_OF_RANGE",
        "Configuration key '" + key + "' has value '" + value + "' (set in " + origin + ")",
        "the value breaks the rule: " + rule,
        "set '" + key + "' to a value where " + rule + ", or remove it to use the default",
        null);
  }

  public static DropcastException configFileUnreadable(String file, String reason, Throwable cause) {
    return error("CONFIG_FILE_UNREADABLE",
        "Cannot read configuration file '" + file + "'",
        reason,
        "check that the file exists and is valid HOCON (see the comments in conf/dropcast.conf)",
        cause);
  }

  public static DropcastException configBadOverride(String override) {
    return error("CONFIG_BAD_OVERRIDE",
        "Cannot understand the override '" + override + "'",
        "an override given with --set must have the form key=value",
        "write it as, for example, --set dropcast.h3-resolution=9",
        null);
  }

  public static DropcastException missingSecret(String envVariable, String purpose) {
    return error("SECRET_MISSING",
        "The environment variable " + envVariable + " is not set",
        "it holds the " + purpose + ", which a cluster run must not take from a built-in default",
        "export " + envVariable + " in the driver's environment (for example from your secret store) and run again",
        null);
  }

  // ---- arguments ------------------------------------------------------------------------------

  public static DropcastException badArgument(String option, String value, String rule, String fix) {
    return error("BAD_ARGUMENT", "Option " + option + " has value '" + value + "'", rule, fix, null);
  }

  // ---- tables and files -----------------------------------------------------------------------

  public static DropcastException tableMissing(String table, String path, Collection<String> existing) {
    return error("TABLE_MISSING",
        "Table '" + table + "' does not exist at " + path,
        existing.isEmpty()
            ? "the warehouse holds no Dropcast table yet"
            : "the warehouse holds only: " + String.join(", ", existing),
        "run the job that writes '" + table + "' first (bin/dropcast --help lists them), or check dropcast.warehouse",
        null);
  }

  public static DropcastException ioFailure(String action, String path, Throwable cause) {
    return error("IO_FAILURE",
        "Could not " + action + " '" + path + "'",
        cause.getClass().getSimpleName() + ": " + cause.getMessage(),
        "check that the path exists, is writable and has free space",
        cause);
  }

  // ---- ingest ---------------------------------------------------------------------------------

  /** Too many records of a run date broke a rule; nothing was written. */
  public static DropcastException ingestTooManyBadRows(String runDate, long bad, long read, double maxRatio,
      String worstRules, String worstFiles) {
    return error("INGEST_TOO_MANY_BAD_ROWS",
        String.format(java.util.Locale.ROOT,
            "Ingest of %s rejected: %d of %d records (%.1f%%) broke a rule, above dropcast.ingest.max-bad-ratio = %s",
            runDate, bad, read, read == 0 ? 0.0 : 100.0 * bad / read, maxRatio),
        "worst rules: " + worstRules + "; worst files: " + worstFiles
            + ". Nothing was written: every table is still at its previous version",
        "correct or replace those landing files and rerun 'dropcast ingest --date " + runDate + "', or, if the data"
            + " is acceptable, raise dropcast.ingest.max-bad-ratio for this run with --set",
        null);
  }

  /**
   * One or more run dates of an ingest batch had too many records breaking a rule; nothing of the batch was
   * written. {@code details}: one line per rejected date (counts, worst rules, worst files).
   */
  public static DropcastException ingestBatchRejected(String batch, int batchDates, List<String> rejectedDates,
      List<String> details, long bad, long read, double maxRatio) {
    String what = batchDates == 1
        ? String.format(java.util.Locale.ROOT,
            "Ingest of %s rejected: %d of %d records (%.1f%%) broke a rule, above dropcast.ingest.max-bad-ratio = %s",
            batch, bad, read, read == 0 ? 0.0 : 100.0 * bad / read, maxRatio)
        : String.format(java.util.Locale.ROOT,
            "Ingest of %s rejected: %d of its %d run dates (%s) have a share of records breaking a rule above"
                + " dropcast.ingest.max-bad-ratio = %s", batch, rejectedDates.size(), batchDates,
            String.join(", ", rejectedDates), maxRatio);
    return error("INGEST_TOO_MANY_BAD_ROWS", what,
        "rejected: " + String.join(" | ", details)
            + ". Nothing was written: every table is still at its previous version (a batch is written whole or"
            + " not at all)",
        "correct or replace those landing files and rerun the same command; or ingest the other dates with"
            + " narrower ranges that leave the rejected date(s) out (--from/--to); or, if the data is acceptable,"
            + " raise the ratio for this run with --set dropcast.ingest.max-bad-ratio=<ratio>",
        null);
  }

  /** A table write failed midway; the tables already changed by the run were restored. */
  public static DropcastException ingestWriteFailed(String runDate, String table, String restored, Throwable cause) {
    return error("INGEST_WRITE_FAILED",
        "Ingest of " + runDate + " failed while writing table '" + table + "'",
        cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()) + ". " + restored,
        "fix the cause above (storage, permissions, concurrent writer) and rerun 'dropcast ingest --date " + runDate
            + "': reruns are idempotent",
        cause);
  }

  /** The history file given to import-history cannot be used at all. */
  public static DropcastException historyUnusable(String file, String why, String fix, Throwable cause) {
    return error("HISTORY_UNUSABLE", "Cannot import the demand history '" + file + "'", why, fix, cause);
  }

  // ---- ops report -----------------------------------------------------------------------------

  /** The report was asked for a date whose plan does not exist (or is empty). */
  public static DropcastException reportNoPlan(String planDate, String table, String latestPlanDate) {
    return error("REPORT_NO_PLAN",
        "No prepositioning plan for " + planDate + " in table '" + table + "'; the report was not written",
        latestPlanDate == null
            ? "the table holds no plan for any date"
            : "the latest plan in the table is for " + latestPlanDate,
        "run the plan job for " + planDate + " first (the nightly run does it after ingest and forecast), or ask"
            + " for the report of a date that has a plan",
        null);
  }

  /** An input table of the report lacks a column the contract (docs/tables.md) promises. */
  public static DropcastException reportInputMismatch(String table, String column, String expected, String found) {
    return error("REPORT_INPUT_MISMATCH",
        "Table '" + table + "' has " + (found == null ? "no column '" + column + "'" : "column '" + column + "' of type " + found),
        "the report reads '" + column + "' as " + expected + ", as the table contract in docs/tables.md says",
        "rewrite the table with the job of the current version (its schema is declared in io.dropcast.tables.Tables)",
        null);
  }

  /** The plan of a date has more rows than one report shows. */
  public static DropcastException reportPlanTooLarge(String planDate, long rows, int max) {
    return error("REPORT_PLAN_TOO_LARGE",
        "The plan for " + planDate + " has " + rows + " rows (drop x hub), more than dropcast.report.max-plan-rows = " + max,
        "a page with that many rows is not readable, and the report does not silently cut rows",
        "raise the limit for this run with --set dropcast.report.max-plan-rows=" + rows
            + ", or query the plan with bin/dropcast sql",
        null);
  }

  // ---- demand forecasting ---------------------------------------------------------------------

  /** The demand history holds no demand to learn from or forecast. */
  public static DropcastException forecastNoHistory(String action, String where, String fix) {
    return error("FORECAST_NO_HISTORY", "Cannot " + action + ": " + where + " holds no demand", null, fix, null);
  }

  /** No model in the registry may serve a run date. */
  public static DropcastException forecastNoModel(String runDate, String registry, String latest) {
    return error("FORECAST_NO_MODEL",
        "No demand model trained on or before " + runDate + " in " + registry,
        latest == null ? "the model registry is empty" : "the earliest model was trained on " + latest
            + " (a forecast for a date may only use a model trained at or before it)",
        "run 'dropcast train --date " + runDate + "' first", null);
  }

  /** A file given to the analyst commands cannot be used. */
  public static DropcastException forecastBadFile(String file, String why, String fix) {
    return error("FORECAST_BAD_FILE", "Cannot use '" + file + "'", why, fix, null);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "(no message)";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  public static DropcastException outputExists(String path, String overwriteOption) {
    return error("OUTPUT_EXISTS",
        "The output '" + path + "' already exists",
        "writing over it would mix files of two runs",
        "choose another output folder, or rerun with " + overwriteOption + " to delete it first",
        null);
  }

  // ---- nightly -------------------------------------------------------------------------------------

  public static DropcastException nightlyStepUnavailable(String step, List<String> steps, List<String> commands) {
    return error("CONFIG_NIGHTLY_STEP_UNAVAILABLE",
        "The nightly step '" + step + "' needs the command '" + step + "', which this build of Dropcast does not have",
        "the steps a night can run are " + steps + " and this build registers the commands "
            + new java.util.TreeSet<>(commands),
        "remove '" + step + "' from dropcast.nightly.steps (or from --step), or run a build that has the command",
        null);
  }

  public static DropcastException nightlyStepFailed(String date, String step, String runId, String detail,
      boolean backfill) {
    return error("NIGHTLY_STEP_FAILED",
        "The night of " + date + " stopped at step '" + step + "'" + (runId == null ? "" : " (run " + runId + ")")
            + (backfill ? "; later nights of the backfill were not run" : ""),
        detail == null ? "the step failed" : detail,
        "fix the cause named above, then rerun the same command: the steps that already succeeded for " + date
            + " are skipped and the night resumes at '" + step + "'",
        null);
  }

  // ---- drop cadence (io.dropcast.cadence) -------------------------------------------------------

  /** A cadence run found no drop to learn from (or to replay) in its dates. */
  public static DropcastException cadenceNoDrops(String job, String dates, String fix) {
    return error("CADENCE_NO_DROPS",
        "dropcast " + job + " found no drop dated " + dates + " in the drops table",
        "the cadence is learnt from past drops and their orders, and a replay needs drops to replay",
        fix, null);
  }

  /** The generated world's truth folder named by --truth has no latent demand. */
  public static DropcastException cadenceTruthMissing(String path, Throwable cause) {
    return error("CADENCE_TRUTH_MISSING",
        "No latent demand was found at '" + path + "'",
        "--truth names the truth folder of a generated world (it holds latent_demand/date=.../*.parquet)",
        "pass the folder 'dropcast generate' wrote next to landing/, e.g. --truth data-samples/truth, or leave "
            + "--truth out to replay against the realized orders only", cause);
  }

  // ---- table maintenance and fault handling (io.dropcast.maintain) ----------------------------------

  /** Run dates whose orders never landed, with dropcast.ingest.missing-landing = fail. */
  public static DropcastException ingestLandingMissing(List<String> dates, List<String> folders) {
    return error("INGEST_LANDING_MISSING",
        "Ingest found no orders landing file for " + String.join(", ", dates) + " (looked in "
            + String.join(", ", folders) + ")",
        "a night without orders would give a forecast and plan built on nothing, so the run stops before reading"
            + " or writing anything (dropcast.ingest.missing-landing = fail)",
        "land the orders files (orders/date=YYYY-MM-DD/*.parquet|csv|jsonl) and rerun; or, if the date truly has no"
            + " orders, rerun with --set dropcast.ingest.missing-landing=empty-night to record an empty night",
        null);
  }

  /** Another run of the same job and overlapping dates is running. */
  public static DropcastException runInProgress(String job, String dates, String otherRunId, String otherStarted,
      String otherDriver, int abandonAfterMinutes) {
    return error("RUN_IN_PROGRESS",
        "dropcast " + job + " for " + dates + " did not start: run " + otherRunId + " of the same job and date(s) is"
            + " running (started " + otherStarted + ", " + otherDriver + ")",
        "two runs writing the same tables and dates at once could interleave their writes, so the later one stops"
            + " before touching any table (this run is recorded in job_runs as failed)",
        "wait for run " + otherRunId + " to finish and rerun if needed; if its driver is dead on another machine,"
            + " its run is marked abandoned " + abandonAfterMinutes + " minutes after it started"
            + " (dropcast.runs.abandon-after-minutes), or at once by a rerun on the same machine",
        null);
  }

  /** A job's Delta commit lost to another writer's (optimistic concurrency); nothing of the losing commit is kept. */
  public static DropcastException concurrentWrite(String job, String dates, Throwable refusal, Throwable cause) {
    return error("CONCURRENT_WRITE",
        "dropcast " + job + " for " + dates + " failed: another writer committed to the same table first",
        "Delta's optimistic concurrency refused this run's commit (" + refusal.getClass().getSimpleName() + ": "
            + firstLine(refusal.getMessage()) + "); the refused commit left nothing in the table",
        "let the other job (another Dropcast run, or maintain) finish, then rerun the same command: reruns of a date"
            + " replace or MERGE what they wrote, so they are safe",
        cause);
  }

  /** VACUUM asked to keep less history than Delta's safety check allows. */
  public static DropcastException maintainRetentionTooShort(int hours, int minimum) {
    return error("MAINTAIN_RETENTION_TOO_SHORT",
        "dropcast maintain refuses to VACUUM with a retention of " + hours + " hours",
        "Delta's safety check allows no less than " + minimum + " hours: a job still reading or writing an older"
            + " version could lose files it needs",
        "keep dropcast.maintain.vacuum-retention-hours >= " + minimum + ", or set dropcast.maintain."
            + "allow-short-retention=true when no other job runs against the warehouse during maintenance",
        null);
  }

  /** A broken internal expectation rather than bad input; the message still says where to look. */
  public static DropcastException internal(String what, Throwable cause) {
    return error("INTERNAL", what, "this is a bug in Dropcast",
        "report it with the log of this run", cause);
  }
}

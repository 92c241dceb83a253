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

  /** A broken internal expectation rather than bad input; the message still says where to look. */
  public static DropcastException internal(String what, Throwable cause) {
    return error("INTERNAL", what, "this is a bug in Dropcast",
        "report it with the log of this run", cause);
  }
}

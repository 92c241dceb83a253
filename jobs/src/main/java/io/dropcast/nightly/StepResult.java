package io.dropcast.nightly;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one step of a night went: ran (with its ledger run id, exit code, status, table versions and time),
 * or skipped with the reason.
 */
public record StepResult(NightlyStep step, String arguments, String status, String runId, double seconds,
    Map<String, Long> tableVersions, String detail) {

  public static final String SKIPPED = "skipped";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  public boolean failed() {
    return FAILED.equals(status);
  }

  /** A step that succeeded and left a warning or note (for example webhook deliveries that failed). */
  public boolean hasNotice() {
    return SUCCEEDED.equals(status) && detail != null;
  }

  /** "drops v3, orders v5" or "-". */
  public String tablesText() {
    if (tableVersions == null || tableVersions.isEmpty()) {
      return "-";
    }
    return tableVersions.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " v" + e.getValue()).collect(Collectors.joining(", "));
  }

  /** One line of the night's summary table. */
  public String line() {
    String time = SKIPPED.equals(status) ? "-" : String.format(Locale.ROOT, "%.1f s", seconds);
    String what = SKIPPED.equals(status) ? detail : tablesText() + (failed() && detail != null ? "; " + detail : "");
    return String.format(Locale.ROOT, "  %-12s %-10s %9s  %s", step.command(), status, time, what);
  }
}

package io.dropcast.ledger;

import java.util.Map;

/**
 * How a run ended, as recorded in {@code job_runs}.
 *
 * @param rowsQuarantined keyed "source/rule"
 * @param tableVersions Delta version written per table name
 */
public record RunOutcome(RunStatus status, Map<String, Long> rowsRead, Map<String, Long> rowsAccepted,
    Map<String, Long> rowsQuarantined, Map<String, Long> tableVersions, String message) {

  /**
   * Marks a warning in a succeeded run's message: what follows it (up to the next marker) is something the run
   * could not do that someone must act on; the nightly summary repeats it.
   */
  public static final String WARNING = "WARNING: ";
  /** Marks a note in a run's message: something the run deliberately did not do; the nightly summary repeats it. */
  public static final String NOTE = "NOTE: ";

  private static final java.util.regex.Pattern NOTICE = java.util.regex.Pattern.compile("(?:WARNING|NOTE): ");

  /** The notices of a run's message, each with its marker ("WARNING: ..." or "NOTE: ..."), in order. */
  public static java.util.List<String> notices(String message) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (message == null) {
      return out;
    }
    java.util.regex.Matcher m = NOTICE.matcher(message);
    java.util.List<Integer> starts = new java.util.ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
    }
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) : message.length();
      out.add(message.substring(starts.get(i), end).trim());
    }
    return out;
  }

  public static RunOutcome failed(Throwable error) {
    return new RunOutcome(RunStatus.FAILED, null, null, null, null,
        error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  public static RunOutcome succeeded(String summary) {
    return new RunOutcome(RunStatus.SUCCEEDED, null, null, null, null, summary);
  }
}

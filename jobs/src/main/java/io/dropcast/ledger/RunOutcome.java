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

  public static RunOutcome failed(Throwable error) {
    return new RunOutcome(RunStatus.FAILED, null, null, null, null,
        error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  public static RunOutcome succeeded(String summary) {
    return new RunOutcome(RunStatus.SUCCEEDED, null, null, null, null, summary);
  }
}

package io.dropcast.ledger;

/** The status of a run in {@code job_runs}. */
public enum RunStatus {
  RUNNING("running"),
  SUCCEEDED("succeeded"),
  FAILED("failed"),
  /** A run left 'running' by a driver that died, so marked by a later run of the same job and dates. */
  ABANDONED("abandoned");

  private final String value;

  RunStatus(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}

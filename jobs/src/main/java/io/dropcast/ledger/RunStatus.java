package io.dropcast.ledger;

/** The status of a run in {@code job_runs}. */
public enum RunStatus {
  RUNNING("running"),
  SUCCEEDED("succeeded"),
  FAILED("failed");

  private final String value;

  RunStatus(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}

package io.dropcast.directory;

/**
 * What went wrong reading Dropcast's tables, why, and how to fix it, in one message, e.g. "No Dropcast table
 * 'hub_prepositioning_plan' at /data/warehouse/hub_prepositioning_plan. The nightly plan step has not written
 * it yet. Fix: run 'dropcast nightly' for a date, or point the client at the right warehouse".
 */
public final class DirectoryClientException extends RuntimeException {
  DirectoryClientException(String what, String why, String fix, Throwable cause) {
    super(what + ". " + why + ". Fix: " + fix, cause);
  }
}

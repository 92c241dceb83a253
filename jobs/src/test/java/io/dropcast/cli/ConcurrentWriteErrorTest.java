package io.dropcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.exceptions.ConcurrentAppendException;
import io.dropcast.errors.DropcastException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A job whose Delta commit loses to another writer's reports a readable CONCURRENT_WRITE error, not a bug. */
class ConcurrentWriteErrorTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-25");

  @Test
  void aCommitRefusedByDeltaAnywhereInTheCauseChainBecomesAConcurrentWriteError() {
    // Delta's own exception, as its conflict checker throws it (its one-string constructor takes the error class).
    var delta = new ConcurrentAppendException("DELTA_CONCURRENT_APPEND.WITHOUT_HINT");
    Throwable reported = SparkJobCommand.userFacing("plan", DAY, DAY, new RuntimeException("job failed", delta));
    DropcastException e = (DropcastException) reported;
    assertEquals("CONCURRENT_WRITE", e.code());
    assertTrue(e.getMessage().startsWith("dropcast plan for 2026-11-25 failed: another writer committed to the same"
        + " table first. Delta's optimistic concurrency refused this run's commit (ConcurrentAppendException: "
        + "DELTA_CONCURRENT_APPEND"), e.getMessage());
    assertTrue(e.getMessage().endsWith("); the refused commit left nothing in the table. Fix: let the other job"
        + " (another Dropcast run, or maintain) finish, then rerun the same command: reruns of a date replace or MERGE"
        + " what they wrote, so they are safe"), e.getMessage());
    assertSame(delta, e.getCause().getCause(), "the cause chain is kept");
  }

  @Test
  void otherFailuresAndDropcastErrorsAreReportedAsTheyAre() {
    RuntimeException other = new IllegalStateException("disk full");
    assertSame(other, SparkJobCommand.userFacing("plan", DAY, DAY, other));
    var delta = new ConcurrentAppendException("DELTA_CONCURRENT_APPEND.WITHOUT_HINT");
    assertSame(delta, ((DropcastException) SparkJobCommand.userFacing("ingest", null, null, delta)).getCause());
  }
}

package io.dropcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.ledger.RunOutcome;
import io.dropcast.nightly.NightlyStep;
import io.dropcast.nightly.StepResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The night's summary repeats what a succeeded step could not do (warnings) or chose not to do (notes). */
class NightlySummaryTest {
  @Test
  void aRunMessagesWarningsAndNotesAreFoundWithTheirMarkers() {
    assertEquals(List.of("NOTE: no endpoint.", "WARNING: 2 webhook deliveries failed; retry with x"),
        RunOutcome.notices("deliver D: 1 delivered. NOTE: no endpoint. WARNING: 2 webhook deliveries failed; retry with x"));
    assertEquals(List.of(), RunOutcome.notices("plan D: 12 drops."));
    assertEquals(List.of(), RunOutcome.notices(null));
  }

  @Test
  void theSummaryEndsWithEachSucceededStepsNoticeAndShowsTheFailureOfAFailedStepInItsLine() {
    List<StepResult> results = List.of(
        new StepResult(NightlyStep.PACK, "--date 2026-11-25", StepResult.SUCCEEDED, "r1", 2.0,
            Map.of("hub_packing_lists", 3L), null),
        new StepResult(NightlyStep.DELIVER, "--date 2026-11-25", StepResult.SUCCEEDED, "r2", 1.5,
            Map.of("webhook_deliveries", 4L),
            "WARNING: 2 webhook deliveries failed; retry with bin/dropcast deliver --date 2026-11-25"));
    String summary = NightlyCommand.summary(LocalDate.parse("2026-11-25"), results, 3.5, false);
    assertEquals(String.join(System.lineSeparator(),
        "nightly 2026-11-25: succeeded in 3.5 s (2 step(s) ran, 0 skipped)",
        "  step         status          time  tables written / reason",
        "  pack         succeeded      2.0 s  hub_packing_lists v3",
        "  deliver      succeeded      1.5 s  webhook_deliveries v4",
        "  deliver: WARNING: 2 webhook deliveries failed; retry with bin/dropcast deliver --date 2026-11-25"), summary);
  }
}

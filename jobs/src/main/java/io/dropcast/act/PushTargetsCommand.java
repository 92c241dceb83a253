package io.dropcast.act;

import io.dropcast.cli.DatedJobCommand;
import io.dropcast.cli.JobContext;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.tables.Tables;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code dropcast push-targets --date D}: who to notify of each drop of the plan of D. */
@Command(name = "push-targets", mixinStandardHelpOptions = true,
    description = "For each drop of the date's plan, rank the neighbourhoods within reach of a hub holding its units by expected demand times the push/SMS uplift learnt from past drops, and cap the audience so that its expected demand stays within the units placed. Writes push_targets.",
    footer = {"", "Example: dropcast push-targets --date 2026-11-25"})
public final class PushTargetsCommand extends DatedJobCommand {
  @Override
  protected RunOutcome execute(JobContext context) {
    return eachDate(Tables.PUSH_TARGETS.name(), date -> {
      PushTargetsJob.Result r = PushTargetsJob.run(context, date);
      return new DateRun(String.format(Locale.ROOT, "push-targets %s: %d drop(s), %d neighbourhood candidates, %d "
              + "notified (expected demand %.1f units); written to push_targets v%d.", date, r.drops(),
          r.candidates(), r.notified(), r.notifiedDemand(), r.version()), r.version());
    });
  }
}

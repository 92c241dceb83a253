package io.dropcast.cli;

import io.dropcast.cadence.CadenceJob;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code dropcast cadence --date D} (or {@code --from D1 --to D2}, one run date after the other). */
@Command(name = "cadence", mixinStandardHelpOptions = true,
    description = "Recommend drop cadences per category x hub (and per merchant with enough history): weekdays, release window, interval, micro-release batches against the hub's pick/pack capacity, with the evidence. Learns from orders and drops dated <= D and replaces D's rows of cadence_recommendations.",
    footer = {"", "Example: dropcast cadence --date 2026-11-26", "         dropcast cadence --from 2026-11-01 --to 2026-11-26"})
public final class CadenceCommand extends DatedJobCommand {
  @Override
  protected void validate(io.dropcast.config.DropcastConfig config) {
    super.validate(config);
    io.dropcast.cadence.CadenceSettings.from(config);
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    CadenceJob job = new CadenceJob(context);
    List<String> messages = new ArrayList<>();
    Map<String, Long> versions = null;
    for (LocalDate date : dates.dates()) {
      RunOutcome one = job.run(date);
      messages.add(one.message());
      versions = one.tableVersions();
      spec.commandLine().getOut().println(one.message());
      spec.commandLine().getOut().flush();
    }
    return new RunOutcome(RunStatus.SUCCEEDED, null, null, null, versions, String.join("\n", messages));
  }
}

package io.dropcast.cli;

import io.dropcast.cadence.EvaluateCadenceJob;
import io.dropcast.errors.Errors;
import io.dropcast.ledger.RunOutcome;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dropcast evaluate-cadence --from D1 --to D2 [--truth DIR]}. */
@Command(name = "evaluate-cadence", mixinStandardHelpOptions = true,
    description = "Replay the drops dated D1..D2 with the recommended micro-release batching (planned on data before each drop) and with the batching actually used: sell-through, unmet demand, pickups over the hub's capacity. Replaces the (D1, D2) rows of cadence_evaluation.",
    footer = {"", "Example: dropcast evaluate-cadence --from 2026-07-01 --to 2026-11-26",
        "         dropcast evaluate-cadence --from 2026-07-01 --to 2026-11-26 --truth data-samples/truth"})
public final class EvaluateCadenceCommand extends SparkJobCommand {
  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First drop date replayed.")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last drop date replayed, inclusive.")
  LocalDate to;

  @Option(names = "--truth", paramLabel = "DIR",
      description = "The truth folder of a generated world (holding latent_demand/): also replay against the latent demand. Scoring only; never for a real directory.")
  String truth;

  @Override
  protected LocalDate firstDate() {
    return from;
  }

  @Override
  protected LocalDate lastDate() {
    return to;
  }

  @Override
  protected void validate(io.dropcast.config.DropcastConfig config) {
    if (to.isBefore(from)) {
      throw Errors.badArgument("--to", to.toString(), "--to is before --from (" + from + ")",
          "give --to on or after --from");
    }
    io.dropcast.cadence.CadenceSettings.from(config);
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    RunOutcome outcome = new EvaluateCadenceJob(context).run(from, to, truth);
    spec.commandLine().getOut().println(outcome.message());
    spec.commandLine().getOut().flush();
    return outcome;
  }
}

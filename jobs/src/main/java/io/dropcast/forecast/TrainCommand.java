package io.dropcast.forecast;

import io.dropcast.cli.DatedJobCommand;
import io.dropcast.cli.JobContext;
import io.dropcast.config.DropcastConfig;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code dropcast train --date D}: demand history, backtest, model fit, registry. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Build the demand history from orders up to the date (censored sell-outs estimated), backtest the global GBT and the baselines on rolling origins, fit and save the model and record it in model_registry.",
    footer = {"", "Example: dropcast train --date 2026-11-26"})
public final class TrainCommand extends DatedJobCommand {
  @Override
  protected void validate(DropcastConfig config) {
    super.validate(config);
    requireOneDate();
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    long started = System.nanoTime();
    LocalDate d = dates.first();
    TrainJob.Result r = new TrainJob(context).run(d);
    String summary = String.format(Locale.ROOT,
        "Trained %s on %d series (%d history rows up to %s): backtest MASE %.3f (seasonal naive %.3f), WAPE %.3f, "
            + "P10-P90 coverage %.3f. Read %s; wrote %s. %.1f s.",
        r.modelId(), r.series(), r.historyRows(), d, r.metrics().getOrDefault("mase", Double.NaN),
        r.metrics().getOrDefault(ForecastSettings.SEASONAL_NAIVE + ".mase", Double.NaN),
        r.metrics().getOrDefault("wape", Double.NaN), r.metrics().getOrDefault("coverage", Double.NaN),
        r.versionsRead(), r.versionsWritten(), (System.nanoTime() - started) / 1e9);
    spec.commandLine().getOut().println(summary);
    spec.commandLine().getOut().flush();
    return new RunOutcome(RunStatus.SUCCEEDED, Map.of("demand_history", r.historyRows()),
        Map.of("demand_history", r.historyRows()), Map.of(), r.versionsWritten(), summary);
  }
}

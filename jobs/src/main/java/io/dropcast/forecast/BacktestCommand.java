package io.dropcast.forecast;

import io.dropcast.cli.JobContext;
import io.dropcast.cli.SparkJobCommand;
import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dropcast backtest --history FILE --horizon H --folds K --out DIR}: rolling-origin evaluation of a file. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Rolling-origin evaluation of the global GBT and the baselines on a history file (import-history format): DIR/metrics.json and DIR/series_metrics.csv.",
    footer = {"", "Example: dropcast backtest --history demand.csv --horizon 14 --folds 2 --out /tmp/bt"})
public final class BacktestCommand extends SparkJobCommand {
  @Option(names = "--history", required = true, paramLabel = "FILE", description = "History file in the import-history format (CSV or Parquet).")
  String history;

  @Option(names = "--horizon", paramLabel = "H", description = "Days forecast from each origin (default dropcast.forecast.horizon-days).")
  Integer horizon;

  @Option(names = "--folds", paramLabel = "K", description = "Scored folds at the end of the history (default dropcast.forecast.backtest-folds); their origins step back by dropcast.forecast.fold-step-days.")
  Integer folds;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Override
  protected void validate(DropcastConfig config) {
    if (horizon != null && (horizon < 1 || horizon > 366)) {
      throw Errors.badArgument("--horizon", horizon.toString(), "the horizon is 1..366 days", "give --horizon 14");
    }
    if (folds != null && (folds < 1 || folds > 52)) {
      throw Errors.badArgument("--folds", folds.toString(), "the folds are 1..52", "give --folds 2");
    }
  }

  /** Reads and writes files only: no ledger row in a warehouse. */
  @Override
  protected boolean recordsRuns() {
    return false;
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    long started = System.nanoTime();
    HistoryFiles.History h = context.step("read history", () -> HistoryFiles.read(context.spark(), history));
    int hz = horizon != null ? horizon : context.config().get(Keys.FORECAST_HORIZON_DAYS);
    int k = folds != null ? folds : context.config().get(Keys.FORECAST_BACKTEST_FOLDS);
    ForecastSettings s = ForecastSettings.of(context.config(), HistoryFiles.LOCATION, h.covariates(), hz)
        .withHorizon(hz).withBacktestFolds(k);
    String dir = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    FileModes.Backtest b = context.step("backtest", () -> FileModes.backtest(h.rows(), s));
    String json = FileModes.metricsJson(b, s, history);
    FileModes.writeText(context.spark(), dir + "/metrics.json", json);
    HistoryFiles.writeCsv(FileModes.seriesRows(b, HistoryFiles.LOCATION), dir + "/series_metrics.csv");
    String summary = String.format(Locale.ROOT, "Backtest of %s (%d folds, horizon %d, origins %s): wrote %s/metrics.json"
        + " and %s/series_metrics.csv. %.1f s.", history, k, hz, b.origins(), dir, dir, (System.nanoTime() - started) / 1e9);
    spec.commandLine().getOut().println(summary);
    spec.commandLine().getOut().println(json);
    spec.commandLine().getOut().flush();
    return new RunOutcome(RunStatus.SUCCEEDED, Map.of(), Map.of(), Map.of(), Map.of(), summary);
  }
}

package io.dropcast.forecast;

import io.dropcast.cli.DateOptions;
import io.dropcast.cli.JobContext;
import io.dropcast.cli.SparkJobCommand;
import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dropcast forecast --date D} writes demand_forecast from the registered model;
 * {@code dropcast forecast --history FILE --horizon H --out DIR [--future FILE]} trains on a history file and
 * writes DIR/forecast.csv, without touching the warehouse.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = "Forecast daily demand per neighbourhood x category for the days after the date into demand_forecast (the latest model trained on or before the date), or, with --history, train on a history file and write DIR/forecast.csv.",
    footer = {"", "Example: dropcast forecast --date 2026-11-26",
        "         dropcast forecast --history demand.csv --horizon 14 --out /tmp/fc [--future covariates.csv]"})
public final class ForecastCommand extends SparkJobCommand {
  @ArgGroup(exclusive = false)
  DateOptions dates;

  @Option(names = "--history", paramLabel = "FILE", description = "History file in the import-history format (CSV or Parquet); every row is history.")
  String history;

  @Option(names = "--future", paramLabel = "FILE", description = "Known covariates for the forecast days: date, location_id, [category], covariate columns of the history.")
  String future;

  @Option(names = "--horizon", paramLabel = "H", description = "Days to forecast after each series' last day (file mode; default dropcast.forecast.horizon-days).")
  Integer horizon;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder of forecast.csv (file mode).")
  String out;

  private boolean fileMode() {
    return history != null;
  }

  @Override
  protected void validate(DropcastConfig config) {
    if (fileMode()) {
      if (dates != null) {
        throw Errors.badArgument("--date", "given", "--date and --history are two different modes",
            "give --date D for the warehouse, or --history FILE --out DIR for a file");
      }
      if (out == null) {
        throw Errors.badArgument("--out", "(missing)", "--history needs an output folder", "add --out DIR");
      }
      if (horizon != null && (horizon < 1 || horizon > 366)) {
        throw Errors.badArgument("--horizon", horizon.toString(), "the horizon is 1..366 days", "give --horizon 14");
      }
    } else {
      if (dates == null) {
        throw Errors.badArgument("--date", "(missing)", "forecast needs --date D, or --history FILE --out DIR",
            "add --date YYYY-MM-DD");
      }
      if (future != null || out != null || horizon != null) {
        throw Errors.badArgument(future != null ? "--future" : out != null ? "--out" : "--horizon", "given",
            "--future, --horizon and --out belong to the file mode (--history)",
            "drop them, or add --history FILE (the horizon of --date runs is dropcast.forecast.horizon-days)");
      }
      dates.requireOne("forecast");
    }
  }

  /** The file mode reads and writes files only: no ledger row in a warehouse. */
  @Override
  protected boolean recordsRuns() {
    return !fileMode();
  }

  @Override
  protected LocalDate firstDate() {
    return fileMode() ? null : dates.first();
  }

  @Override
  protected LocalDate lastDate() {
    return fileMode() ? null : dates.last();
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    return fileMode() ? fromFile(context) : fromWarehouse(context);
  }

  private RunOutcome fromWarehouse(JobContext context) {
    long started = System.nanoTime();
    LocalDate d = dates.first();
    ForecastJob.Result r = new ForecastJob(context).run(d);
    String summary = String.format(Locale.ROOT,
        "Forecast %s: %d rows for %d series (%d cold starts) with model %s (trained %s). Read %s; wrote %s. %.1f s.",
        d, r.rows(), r.series(), r.coldSeries(), r.modelId(), r.modelTrainDate(), r.versionsRead(),
        r.versionsWritten(), (System.nanoTime() - started) / 1e9);
    print(summary);
    return new RunOutcome(RunStatus.SUCCEEDED, Map.of(), Map.of(), Map.of(), r.versionsWritten(), summary);
  }

  private RunOutcome fromFile(JobContext context) {
    long started = System.nanoTime();
    HistoryFiles.History h = context.step("read history", () -> HistoryFiles.read(context.spark(), history));
    int hz = horizon != null ? horizon : context.config().get(Keys.FORECAST_HORIZON_DAYS);
    ForecastSettings s = ForecastSettings.of(context.config(), HistoryFiles.LOCATION, h.covariates(),
        future == null ? 0 : hz).withHorizon(hz);
    Dataset<Row> fut = future == null ? null
        : context.step("read future covariates", () -> HistoryFiles.readFuture(context.spark(), future, h.covariates()));
    String dir = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    Dataset<Row> rows = context.step("train and forecast", () -> FileModes.forecast(h.rows(), fut, s));
    context.step("write forecast.csv", () -> HistoryFiles.writeCsv(rows, dir + "/forecast.csv"));
    if (h.rejectedCount() > 0) {
      HistoryFiles.writeCsv(h.rejected(), dir + "/rejected_rows.csv");
    }
    long n = context.spark().read().option("header", "true").csv(dir + "/forecast.csv").count();
    String summary = String.format(Locale.ROOT,
        "Wrote %s/forecast.csv: %d rows (%d days after each series' last day)%s. %.1f s.", dir, n, hz,
        h.rejectedCount() > 0 ? "; " + h.rejectedCount() + " history rows broke a rule and were left out (see "
            + dir + "/rejected_rows.csv)" : "", (System.nanoTime() - started) / 1e9);
    print(summary);
    return new RunOutcome(RunStatus.SUCCEEDED, Map.of(), Map.of(), Map.of(), Map.of(), summary);
  }

  private void print(String summary) {
    spec.commandLine().getOut().println(summary);
    spec.commandLine().getOut().flush();
  }
}

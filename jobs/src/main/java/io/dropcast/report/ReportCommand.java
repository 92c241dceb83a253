package io.dropcast.report;

import io.dropcast.cli.JobContext;
import io.dropcast.cli.SparkJobCommand;
import io.dropcast.config.Keys;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dropcast report --date D}: the ops prepositioning report of run date D, as HTML and CSV files. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the ops prepositioning report of a run date: one self-contained HTML page (plan per hub,"
        + " hub load by hour, forecast against actuals, a map of neighbourhood demand, warnings) and the same"
        + " figures as CSV, under dropcast.report.out/date=D/. Fails when the plan of D does not exist.",
    footer = {"", "Example: dropcast report --date 2026-11-26",
        "         dropcast report --date 2026-11-26 --set dropcast.report.out=/tmp/reports"})
public final class ReportCommand extends SparkJobCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ReportCommand.class);

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
      description = "The run date whose plan (plan_date = D) the report shows.")
  LocalDate date;

  @Override
  protected LocalDate firstDate() {
    return date;
  }

  @Override
  protected LocalDate lastDate() {
    return date;
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    // Drop windows and hours are shown local to the city, as ingest computes local dates.
    String zone = context.config().get(Keys.TIME_ZONE).getId();
    if (!zone.equals(context.spark().conf().get("spark.sql.session.timeZone"))) {
      LOG.warn("spark.sql.session.timeZone set to dropcast.time-zone {} for the report", zone);
      context.spark().conf().set("spark.sql.session.timeZone", zone);
    }
    ReportJob.Result result = new ReportJob(context).run(date);
    String summary = String.format(Locale.ROOT,
        "report %s: %d plan rows, %d warning(s), rendered in %.1f s: %s", date, result.planRows(), result.warnings(),
        result.seconds(), result.page());
    spec.commandLine().getOut().println(summary);
    spec.commandLine().getOut().flush();
    return new RunOutcome(RunStatus.SUCCEEDED, Map.of("hub_prepositioning_plan", result.planRows()), null, null, null,
        summary);
  }
}

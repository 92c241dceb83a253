package io.dropcast.cli;

import io.dropcast.config.Keys;
import io.dropcast.config.Secrets;
import io.dropcast.ingest.IngestJob;
import io.dropcast.ingest.IngestSummary;
import io.dropcast.ledger.RunOutcome;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code dropcast ingest --date D} (or {@code --from D1 --to D2}, all dates as one batch: written whole, or not at
 * all when any date has too many bad records): landing files to Delta tables.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Validate the landing files of hubs, drops and orders for a date (or a range, as one batch) and MERGE them into Delta tables; bad records go to quarantine. If any date has too many bad records, nothing is written.",
    footer = {"", "Example: dropcast ingest --date 2026-11-26", "         dropcast ingest --from 2026-06-01 --to 2026-06-30"})
public final class IngestCommand extends DatedJobCommand {
  private static final Logger LOG = LoggerFactory.getLogger(IngestCommand.class);

  @Override
  protected void validate(io.dropcast.config.DropcastConfig config) {
    super.validate(config);
    // Fail before Spark starts when a cluster run has no salt (the value itself is read again, never kept).
    Secrets.customerSalt(config, System.getenv());
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    long started = System.nanoTime();
    // Local dates (order_date, drop_date) are computed in the session time zone: make it the city's.
    String zone = context.config().get(Keys.TIME_ZONE).getId();
    String sessionZone = context.spark().conf().get("spark.sql.session.timeZone");
    if (!zone.equals(sessionZone)) {
      LOG.warn("spark.sql.session.timeZone was {}; ingest sets it to dropcast.time-zone {}", sessionZone, zone);
      context.spark().conf().set("spark.sql.session.timeZone", zone);
    }
    String salt = Secrets.customerSalt(context.config(), System.getenv());
    IngestJob job = new IngestJob(context, salt);
    IngestJob.BatchResult batch = job.run(dates.dates());
    IngestSummary summary = IngestSummary.of(batch, (System.nanoTime() - started) / 1e9);
    spec.commandLine().getOut().println(summary.paragraph());
    spec.commandLine().getOut().flush();
    return summary.outcome();
  }
}

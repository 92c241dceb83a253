package io.dropcast.act;

import io.dropcast.cli.DatedJobCommand;
import io.dropcast.cli.JobContext;
import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.tables.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code dropcast deliver --date D}: signed webhooks of the date's packing lists and plan summary. */
@Command(name = "deliver", mixinStandardHelpOptions = true,
    description = "POST the date's published packing lists (and plan summary) to the webhook endpoints of dropcast.act.webhooks, signed with HMAC-SHA256, with retries; every attempt goes to webhook_deliveries. Deliveries not yet delivered are retried with the same idempotency key and body. A failed delivery does not fail the run; the run's message says so.",
    footer = {"", "Example: dropcast deliver --date 2026-11-25   (after pack; again to retry what failed)"})
public final class DeliverCommand extends DatedJobCommand {
  /** The environment the secret is read from; tests set their own. */
  Map<String, String> environment = System.getenv();

  private WebhookSettings settings;

  @Override
  protected void validate(DropcastConfig config) {
    super.validate(config);
    settings = WebhookSettings.from(config, environment);
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    List<String> lines = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Long version = null;
    for (LocalDate date : dates.dates()) {
      if (settings.none()) {
        lines.add("deliver " + date + ": " + RunOutcome.NOTE + "no webhook endpoint is configured ("
            + Keys.ACT_WEBHOOK_ENDPOINTS.path() + "): no delivery attempted.");
        continue;
      }
      DeliverJob.Result r = DeliverJob.run(context, date, settings, new WebhookClient(settings, context.clock()));
      version = r.tableVersion();
      lines.add(String.format(Locale.ROOT, "deliver %s: %d delivered, %d failed (%d attempt(s)); %d already "
              + "delivered before; %d document(s) with no endpoint for their hub.", date, r.delivered(), r.failed(),
          r.attempts(), r.alreadyDelivered(), r.unrouted()));
      if (r.failed() > 0) {
        warnings.add(failureWarning(r.failed(), date));
      }
    }
    lines.forEach(spec.commandLine().getOut()::println);
    warnings.forEach(w -> spec.commandLine().getOut().println(RunOutcome.WARNING + w));
    spec.commandLine().getOut().flush();
    StringBuilder message = new StringBuilder(String.join(" ", lines));
    warnings.forEach(w -> message.append(' ').append(RunOutcome.WARNING).append(w));
    return new RunOutcome(RunStatus.SUCCEEDED, null, null, null,
        version == null ? Map.of() : Map.of(Tables.WEBHOOK_DELIVERIES.name(), version), message.toString());
  }

  /** "N webhook deliveries failed; retry with bin/dropcast deliver --date D". */
  static String failureWarning(int failed, LocalDate date) {
    return failed + " webhook deliver" + (failed == 1 ? "y" : "ies") + " failed; retry with bin/dropcast deliver --date "
        + date;
  }
}

package io.dropcast.act;

import io.dropcast.cli.DatedJobCommand;
import io.dropcast.cli.JobContext;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.tables.Tables;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code dropcast pack --date D}: per-hub packing lists of the plan of D. */
@Command(name = "pack", mixinStandardHelpOptions = true,
    description = "Turn the plan of the date into per-hub packing lists (units per drop and SKU in picking order, drop window in local time, pickup SLA, plan version): hub_packing_lists and one CSV and one JSON file per hub under <warehouse>/exports/packing-lists/date=D/.",
    footer = {"", "Example: dropcast pack --date 2026-11-25"})
public final class PackCommand extends DatedJobCommand {
  @Override
  protected RunOutcome execute(JobContext context) {
    return eachDate(Tables.HUB_PACKING_LISTS.name(), date -> {
      PackJob.Result r = PackJob.run(context, date);
      String empty = r.hubs() == 0 ? " (the plan of " + date + " places no units)" : "";
      return new DateRun(String.format(Locale.ROOT, "pack %s: %d hub(s), %d list rows, %d units from "
              + "hub_prepositioning_plan v%d%s; written to hub_packing_lists v%d and %s.", date, r.hubs(), r.rows(),
          r.units(), r.planVersion(), empty, r.tableVersion(), r.folder()), r.tableVersion());
    });
  }
}

package io.dropcast.cli;

import io.dropcast.config.Keys;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.plan.DropKpis;
import io.dropcast.tables.Tables;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code dropcast drop-kpis --date D}: per-drop test-plan measures of the drops of D - kpi-settle-days. */
@Command(name = "drop-kpis", mixinStandardHelpOptions = true,
    description = "Measure the drops that started dropcast.plan.kpi-settle-days before the run date: pickup rate vs units shipped, sell-through, time to sell out, no-show rate, next-drop opt-in and repeat rates. Writes drop_kpis.",
    footer = {"", "Example: dropcast drop-kpis --date 2026-11-26   (measures the drops of 2026-11-25)"})
public final class DropKpisCommand extends DatedJobCommand {
  @Override
  protected RunOutcome execute(JobContext context) {
    int settle = context.config().get(Keys.PLAN_KPI_SETTLE_DAYS);
    return eachDate(Tables.DROP_KPIS.name(), date -> {
      long rows = DropKpis.run(context, date, settle, context.config().get(Keys.TIME_ZONE));
      return new DateRun(String.format(Locale.ROOT, "drop-kpis %s: %d drops of %s measured.", date, rows,
          date.minusDays(settle)), context.warehouse().version(Tables.DROP_KPIS).orElseThrow());
    });
  }
}

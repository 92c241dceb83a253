package io.dropcast.cli;

import io.dropcast.config.DropcastConfig;
import io.dropcast.errors.Errors;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.plan.PlanJob;
import io.dropcast.plan.PlanParams;
import io.dropcast.plan.Scenario;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dropcast plan --date D [--scenario NAME overrides...]}: hub prepositioning plans. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Plan how many units of each upcoming drop to place at each eligible hub (newsvendor targets from the forecast quantiles, then one OR-Tools min-cost flow per drop date over stock and shared hub capacity) into hub_prepositioning_plan; with --scenario, a what-if into hub_prepositioning_scenario, printed against the production plan.",
    footer = {"", "Example: dropcast plan --date 2026-11-26",
        "         dropcast plan --date 2026-11-26 --scenario low-stock --stock-factor 0.8"})
public final class PlanCommand extends DatedJobCommand {
  @Option(names = "--scenario", paramLabel = "NAME",
      description = "Write a what-if under this name to hub_prepositioning_scenario (never over the production plan).")
  String scenario;

  @Option(names = "--capacity", paramLabel = "HUB=UNITS", description = "Scenario: capacity of one hub; repeatable.")
  List<String> capacities = new ArrayList<>();

  @Option(names = "--capacity-factor", paramLabel = "F", description = "Scenario: multiply every hub's capacity.")
  Double capacityFactor;

  @Option(names = "--stock-factor", paramLabel = "F", description = "Scenario: multiply every drop's units.")
  Double stockFactor;

  @Option(names = "--shortage-cost", paramLabel = "P", description = "Scenario: shortage cost p of every category.")
  Double shortageCost;

  @Option(names = "--leftover-cost", paramLabel = "H", description = "Scenario: leftover cost h of every category.")
  Double leftoverCost;

  @Override
  protected void validate(DropcastConfig config) {
    super.validate(config);
    scenario();
  }

  Scenario scenario() {
    Map<String, Integer> byHub = new LinkedHashMap<>();
    for (String c : capacities) {
      int eq = c.indexOf('=');
      try {
        if (eq <= 0) {
          throw new NumberFormatException();
        }
        byHub.put(c.substring(0, eq).trim(), Integer.parseInt(c.substring(eq + 1).trim()));
      } catch (NumberFormatException e) {
        throw Errors.badArgument("--capacity", c, "the value is HUB=UNITS with a whole number of units",
            "write for example --capacity hub-01=250");
      }
    }
    return new Scenario(scenario, byHub, capacityFactor, stockFactor, shortageCost, leftoverCost);
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    long started = System.nanoTime();
    Scenario s = scenario();
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Long> versions = new LinkedHashMap<>();
    List<String> paragraphs = new ArrayList<>();
    for (LocalDate date : dates.dates()) {
      PlanParams params = PlanParams.from(context.config(), date, s);
      PlanJob.Result r = PlanJob.run(context, params);
      versions.put(r.table(), r.version());
      String paragraph = String.format(Locale.ROOT, "Plan %s%s: %d drops, %d (drop, hub) rows, %d units placed; "
              + "reasons %s. Written to %s v%d.", date,
          s.isProduction() ? "" : " (scenario " + s.name() + ": " + s.describe() + ")", r.drops(), r.rows(),
          r.units(), r.byReason(), r.table(), r.version());
      out.println(paragraph);
      r.diff().forEach(out::println);
      paragraphs.add(paragraph);
    }
    String summary = String.join(" ", paragraphs)
        + String.format(Locale.ROOT, " %.1f s.", (System.nanoTime() - started) / 1e9);
    out.flush();
    return new RunOutcome(RunStatus.SUCCEEDED, null, null, null, versions, summary);
  }
}

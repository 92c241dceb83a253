package io.dropcast.cli;

import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.ingest.Landing;
import io.dropcast.ingest.Source;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.nightly.LandingDates;
import io.dropcast.nightly.LedgerFacts;
import io.dropcast.nightly.NightlyRunner;
import io.dropcast.nightly.NightlySchedule;
import io.dropcast.nightly.NightlyStep;
import io.dropcast.nightly.StepExecutor;
import io.dropcast.nightly.StepResult;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dropcast nightly --date D}: the whole night in dependency order (ingest, train on retrain days,
 * forecast, plan, cadence, drop KPIs, report), each step a registered command run in this driver and recorded
 * in job_runs. A rerun skips the steps that already succeeded for the date and resumes at the one that failed;
 * {@code --from/--to} backfills night by night and stops at the first failure.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Run the night's steps for a date in dependency order (ingest, train on retrain days, forecast, plan, pack, deliver, push-targets, cadence, drop-kpis, report). Steps that already succeeded for the date are skipped, so a rerun resumes where a failed night stopped. Exit code 0 only if every step succeeded.",
    footer = {"", "Example: dropcast nightly --date 2026-11-25",
        "         dropcast nightly --from 2026-11-01 --to 2026-11-25     (backfill, night by night)",
        "         dropcast nightly --date 2026-11-25 --step forecast       (one step, as an Airflow task runs it)"})
public final class NightlyCommand extends DatedJobCommand {
  @Option(names = "--force", description = "Run every step again, even those that already succeeded for the date.")
  boolean force;

  @Option(names = "--step", paramLabel = "STEP",
      description = "Run only this step (repeatable): ingest, train, forecast, plan, pack, deliver, push-targets, cadence, drop-kpis or report. Default: the steps of dropcast.nightly.steps.")
  List<String> only = new ArrayList<>();

  /** The executor of the steps; tests replace it to make a step fail. */
  StepExecutor executor = Dropcast::run;

  /** Where progress and the summary go; null for the command line's output. Tests capture it. */
  PrintWriter progress;

  @Override
  protected void validate(DropcastConfig config) {
    super.validate(config);
    for (String s : only) {
      if (NightlyStep.byCommand(s).isEmpty()) {
        throw Errors.badArgument("--step", s, "a step is one of " + NightlyStep.names(),
            "give --step with one of those names, or leave it out to run every step of dropcast.nightly.steps");
      }
    }
    Set<String> registered = Commands.ALL.stream().map(Commands.Entry::name).collect(Collectors.toSet());
    for (NightlyStep step : steps(config)) {
      if (!registered.contains(step.command())) {
        throw Errors.nightlyStepUnavailable(step.command(), NightlyStep.names(), List.copyOf(registered));
      }
    }
  }

  /** The steps of this run, in dependency order. */
  List<NightlyStep> steps(DropcastConfig config) {
    Set<NightlyStep> chosen = EnumSet.noneOf(NightlyStep.class);
    if (only.isEmpty()) {
      config.get(Keys.NIGHTLY_STEPS).forEach(s -> chosen.add(NightlyStep.byCommand(s).orElseThrow()));
    } else {
      only.forEach(s -> chosen.add(NightlyStep.byCommand(s).orElseThrow()));
    }
    return List.copyOf(chosen);
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    DropcastConfig config = context.config();
    PrintWriter out = progress != null ? progress : spec.commandLine().getOut();
    Set<DayOfWeek> retrain = config.get(Keys.NIGHTLY_RETRAIN_WEEKDAYS).stream()
        .map(d -> DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT))).collect(Collectors.toCollection(
            () -> EnumSet.noneOf(DayOfWeek.class)));
    NightlySchedule.Settings settings = new NightlySchedule.Settings(steps(config), retrain,
        config.get(Keys.NIGHTLY_INGEST_CATCH_UP), force);
    List<String> jobs = settings.steps().stream().map(NightlyStep::command).toList();
    NightlyRunner runner = new NightlyRunner(context.warehouse(), executor, common.asArguments(), out);
    Optional<LocalDate> firstLanding = Optional.empty();
    boolean landingListed = false;

    Map<String, Long> versions = new TreeMap<>();
    List<String> nights = new ArrayList<>();
    long started = System.nanoTime();
    for (LocalDate date : dates.dates()) {
      LedgerFacts facts = LedgerFacts.read(context.warehouse(), date, jobs);
      if (!landingListed && settings.ingestCatchUp() && facts.of(NightlyStep.INGEST.command()).lastBefore().isEmpty()) {
        firstLanding = LandingDates.first(context.spark(), config.location(Keys.LANDING));
        landingListed = true;
      }
      String empty = emptyNight(context, date);
      List<NightlySchedule.Planned> scheduled = NightlySchedule.plan(date, settings, facts, firstLanding);
      List<NightlySchedule.Planned> planned = empty == null ? scheduled : NightlySchedule.emptyNight(scheduled, empty);
      long t0 = System.nanoTime();
      List<StepResult> results = context.step("nightly " + date, () -> runner.run(date, planned));
      double seconds = (System.nanoTime() - t0) / 1e9;
      results.forEach(r -> versions.putAll(r.tableVersions()));
      boolean failed = results.stream().anyMatch(StepResult::failed);
      String summary = summary(date, results, seconds, failed);
      out.println(summary);
      out.flush();
      nights.add(date + " " + (failed ? "failed" : "succeeded") + (empty == null ? "" : " (EMPTY NIGHT)"));
      if (empty != null) {
        out.println("nightly " + date + ": " + empty);
        out.flush();
      }
      if (failed) {
        StepResult bad = results.get(results.size() - 1);
        throw Errors.nightlyStepFailed(date.toString(), bad.step().command(), bad.runId(), bad.detail(),
            dates.dates().size() > 1);
      }
    }
    String message = String.format(Locale.ROOT, "%d night(s) succeeded in %.1f s: %s", nights.size(),
        (System.nanoTime() - started) / 1e9, String.join(", ", nights));
    return new RunOutcome(RunStatus.SUCCEEDED, null, null, null, versions, message);
  }

  /**
   * Why the night of {@code date} is empty, or null: with dropcast.ingest.missing-landing = empty-night, a date
   * with no orders landing file is an empty night (with = fail, the ingest step itself fails and stops the night).
   */
  private static String emptyNight(JobContext context, LocalDate date) {
    if (!Keys.MISSING_LANDING_EMPTY_NIGHT.equals(context.config().get(Keys.INGEST_MISSING_LANDING))) {
      return null;
    }
    String landing = context.config().location(Keys.LANDING);
    if (!Landing.listFiles(context.spark(), landing, Source.ORDERS, List.of(date)).isEmpty()) {
      return null;
    }
    return "EMPTY NIGHT: no orders landed for " + date + " in " + Landing.folder(landing, Source.ORDERS, date)
        + " (dropcast.ingest.missing-landing = empty-night), so nothing is forecast or planned on it; when the orders"
        + " land later, rerun with --force";
  }

  /** The summary of one night: a line per step (status, time, tables written or why skipped). */
  static String summary(LocalDate date, List<StepResult> results, double seconds, boolean failed) {
    long ran = results.stream().filter(r -> !StepResult.SKIPPED.equals(r.status())).count();
    long skipped = results.size() - ran;
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "nightly %s: %s in %.1f s (%d step(s) ran, %d skipped)%n", date, failed ? "FAILED" : "succeeded",
        seconds, ran, skipped));
    b.append(String.format(Locale.ROOT, "  %-12s %-10s %9s  %s%n", "step", "status", "time", "tables written / reason"));
    results.forEach(r -> b.append(r.line()).append(System.lineSeparator()));
    results.stream().filter(StepResult::hasNotice).forEach(r -> b.append("  ").append(r.step().command())
        .append(": ").append(r.detail()).append(System.lineSeparator()));
    return b.toString().stripTrailing();
  }
}

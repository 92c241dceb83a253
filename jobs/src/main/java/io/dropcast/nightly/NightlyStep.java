package io.dropcast.nightly;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The steps of a night, in dependency order: each step is one registered command run for the night's date.
 * The order here is the order they run in; {@code dropcast.nightly.steps} chooses which of them run.
 */
public enum NightlyStep {
  /** Landing files of the date (and, with catch-up, of every date not yet ingested) into the tables. */
  INGEST("ingest"),
  /** Demand model training, on the retrain weekdays and whenever no model exists yet. */
  TRAIN("train"),
  /** Demand forecast for the days after the date, from the latest model. */
  FORECAST("forecast"),
  /** Hub prepositioning plan for the drops that start after the date. */
  PLAN("plan"),
  /** Per-hub packing lists of the plan (table and exported files). */
  PACK("pack"),
  /** Signed webhooks of the packing lists and plan summary, to the configured endpoints (none by default). */
  DELIVER("deliver"),
  /** Who to notify of each upcoming drop of the plan. */
  PUSH_TARGETS("push-targets"),
  /** Drop cadence recommendations per category and hub. */
  CADENCE("cadence"),
  /** Per-drop KPIs of the drops that ended by the date. */
  DROP_KPIS("drop-kpis"),
  /** The ops prepositioning report of the date's plan. */
  REPORT("report");

  private final String command;

  NightlyStep(String command) {
    this.command = command;
  }

  /** The registered command the step runs; also its name in configuration and in job_runs. */
  public String command() {
    return command;
  }

  public static Optional<NightlyStep> byCommand(String name) {
    return Arrays.stream(values()).filter(s -> s.command.equals(name.toLowerCase(Locale.ROOT))).findFirst();
  }

  /** Every step's name, in order, for help texts and error messages. */
  public static List<String> names() {
    return Arrays.stream(values()).map(NightlyStep::command).toList();
  }
}

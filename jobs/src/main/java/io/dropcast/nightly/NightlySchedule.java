package io.dropcast.nightly;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which steps a night runs, with which arguments, and why a step is skipped. Pure: it decides from the
 * ledger facts of the date and the settings, so the decisions are tested without running anything.
 *
 * <ul>
 *   <li>A step that already succeeded for the date is skipped (a rerun resumes after the last step that
 *       succeeded), unless {@code force}.</li>
 *   <li>{@code ingest} catches up: with catch-up on, it ingests every date after the last date a succeeded
 *       ingest covered (or, on an empty warehouse, from the first landing date) up to the night's date, as one
 *       batch; ingest is idempotent, so a wider batch than needed gives the same tables.</li>
 *   <li>{@code train} runs on the retrain weekdays, and on any night when no model was trained on or before
 *       the date (the forecast needs one); otherwise it is skipped.</li>
 *   <li>Every other step runs every night.</li>
 * </ul>
 */
public final class NightlySchedule {
  private NightlySchedule() {}

  /** The settings that shape a night. */
  public record Settings(List<NightlyStep> steps, Set<DayOfWeek> retrainWeekdays, boolean ingestCatchUp,
      boolean force) {}

  /** One step of the night: its arguments (after the command name), or why it does not run. */
  public record Planned(NightlyStep step, List<String> arguments, String skipReason) {
    public boolean runs() {
      return skipReason == null;
    }
  }

  /**
   * The night of {@code date}. {@code firstLandingDate} is the earliest date folder in the landing area, or
   * empty if there is none (then ingest runs for the date alone and reports what is missing).
   */
  public static List<Planned> plan(LocalDate date, Settings settings, LedgerFacts facts,
      Optional<LocalDate> firstLandingDate) {
    List<Planned> out = new ArrayList<>();
    for (NightlyStep step : NightlyStep.values()) {
      if (!settings.steps().contains(step)) {
        continue;
      }
      LedgerFacts.JobFacts f = facts.of(step.command());
      List<String> dated = List.of("--date", date.toString());
      if (f.coversDate() && !settings.force()) {
        out.add(new Planned(step, dated, "already succeeded for " + date + " (rerun with --force to run it again)"));
        continue;
      }
      switch (step) {
        case INGEST -> out.add(new Planned(step, ingestArguments(date, settings, f, firstLandingDate), null));
        case TRAIN -> {
          boolean retrainDay = settings.retrainWeekdays().contains(date.getDayOfWeek());
          Optional<LocalDate> lastModel = f.lastUpTo();
          if (retrainDay || lastModel.isEmpty()) {
            out.add(new Planned(step, dated, null));
          } else {
            out.add(new Planned(step, dated, date.getDayOfWeek() + " is not a retrain day (dropcast.nightly."
                + "retrain-weekdays = " + settings.retrainWeekdays() + ") and a model trained on " + lastModel.get()
                + " exists"));
          }
        }
        default -> out.add(new Planned(step, dated, null));
      }
    }
    return out;
  }

  /**
   * An empty night (no orders landed for the date, dropcast.ingest.missing-landing = empty-night): ingest still
   * runs as planned (it records the empty night, and the hubs and drops that did land), every later step is
   * skipped with {@code reason}, so no forecast or plan is built on a day without data.
   */
  public static List<Planned> emptyNight(List<Planned> planned, String reason) {
    return planned.stream().map(p -> p.step() == NightlyStep.INGEST || !p.runs() ? p
        : new Planned(p.step(), p.arguments(), reason)).toList();
  }

  private static List<String> ingestArguments(LocalDate date, Settings settings, LedgerFacts.JobFacts f,
      Optional<LocalDate> firstLandingDate) {
    if (!settings.ingestCatchUp()) {
      return List.of("--date", date.toString());
    }
    LocalDate from = f.lastBefore().map(d -> d.plusDays(1))
        .or(() -> firstLandingDate.filter(d -> d.isBefore(date)))
        .orElse(date);
    return from.equals(date) ? List.of("--date", date.toString())
        : List.of("--from", from.toString(), "--to", date.toString());
  }
}

package io.dropcast.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which steps a night runs and why it skips the others, decided from ledger facts alone. */
class NightlyScheduleTest {
  private static final LocalDate WEDNESDAY = LocalDate.parse("2026-11-25");
  private static final LocalDate SUNDAY = LocalDate.parse("2026-11-22");
  private static final Optional<LocalDate> FIRST_LANDING = Optional.of(LocalDate.parse("2026-05-29"));
  private static final List<NightlyStep> ALL = List.of(NightlyStep.values());

  private static NightlySchedule.Settings settings(List<NightlyStep> steps, boolean catchUp, boolean force) {
    return new NightlySchedule.Settings(steps, EnumSet.of(DayOfWeek.SUNDAY), catchUp, force);
  }

  private static LedgerFacts.JobFacts ran(boolean coversDate, String lastBefore, String lastUpTo) {
    return new LedgerFacts.JobFacts(coversDate, Optional.ofNullable(lastBefore).map(LocalDate::parse),
        Optional.ofNullable(lastUpTo).map(LocalDate::parse));
  }

  private static NightlySchedule.Planned step(List<NightlySchedule.Planned> plan, NightlyStep step) {
    return plan.stream().filter(p -> p.step() == step).findFirst().orElseThrow(
        () -> new AssertionError(step + " is not in the plan " + plan));
  }

  @Test
  void aFirstNightOnAnEmptyWarehouseIngestsEveryLandingDateAndTrainsBeforeForecasting() {
    var plan = NightlySchedule.plan(WEDNESDAY, settings(ALL, true, false), new LedgerFacts(WEDNESDAY, Map.of()),
        FIRST_LANDING);
    assertEquals(ALL, plan.stream().map(NightlySchedule.Planned::step).toList(), "every step, in dependency order");
    assertEquals(List.of("--from", "2026-05-29", "--to", "2026-11-25"), step(plan, NightlyStep.INGEST).arguments());
    assertTrue(plan.stream().allMatch(NightlySchedule.Planned::runs), "nothing is skipped on a first night: " + plan);
    assertEquals(List.of("--date", "2026-11-25"), step(plan, NightlyStep.TRAIN).arguments(),
        "with no model yet, train runs even on a Wednesday");
  }

  @Test
  void anOrdinaryWeeknightIngestsOnlyItsDateAndSkipsTrainingWithTheReason() {
    var facts = new LedgerFacts(WEDNESDAY, Map.of(
        "ingest", ran(false, "2026-11-24", "2026-11-24"),
        "train", ran(false, "2026-11-22", "2026-11-22")));
    var plan = NightlySchedule.plan(WEDNESDAY, settings(ALL, true, false), facts, FIRST_LANDING);
    assertEquals(List.of("--date", "2026-11-25"), step(plan, NightlyStep.INGEST).arguments());
    NightlySchedule.Planned train = step(plan, NightlyStep.TRAIN);
    assertEquals("WEDNESDAY is not a retrain day (dropcast.nightly.retrain-weekdays = [SUNDAY]) and a model trained"
        + " on 2026-11-22 exists", train.skipReason());
    assertTrue(step(plan, NightlyStep.FORECAST).runs(), "forecast runs every night");
  }

  @Test
  void missedNightsAreCaughtUpInOneIngestBatch() {
    var facts = new LedgerFacts(WEDNESDAY, Map.of("ingest", ran(false, "2026-11-20", "2026-11-20")));
    var plan = NightlySchedule.plan(WEDNESDAY, settings(ALL, true, false), facts, FIRST_LANDING);
    assertEquals(List.of("--from", "2026-11-21", "--to", "2026-11-25"), step(plan, NightlyStep.INGEST).arguments());
  }

  @Test
  void withCatchUpOffIngestTakesTheRunDateAlone() {
    var plan = NightlySchedule.plan(WEDNESDAY, settings(ALL, false, false), new LedgerFacts(WEDNESDAY, Map.of()),
        FIRST_LANDING);
    assertEquals(List.of("--date", "2026-11-25"), step(plan, NightlyStep.INGEST).arguments());
  }

  @Test
  void aRerunAfterAFailedPlanSkipsWhatSucceededAndResumesAtPlan() {
    var facts = new LedgerFacts(WEDNESDAY, Map.of(
        "ingest", ran(true, "2026-11-24", "2026-11-25"),
        "train", ran(true, "2026-11-22", "2026-11-25"),
        "forecast", ran(true, "2026-11-24", "2026-11-25")));
    var plan = NightlySchedule.plan(WEDNESDAY, settings(ALL, true, false), facts, FIRST_LANDING);
    for (NightlyStep done : List.of(NightlyStep.INGEST, NightlyStep.TRAIN, NightlyStep.FORECAST)) {
      assertEquals("already succeeded for 2026-11-25 (rerun with --force to run it again)",
          step(plan, done).skipReason(), done + " succeeded before and must be skipped");
    }
    for (NightlyStep rest : List.of(NightlyStep.PLAN, NightlyStep.CADENCE, NightlyStep.DROP_KPIS, NightlyStep.REPORT)) {
      assertNull(step(plan, rest).skipReason(), rest + " did not succeed yet and must run");
    }
  }

  @Test
  void forceRunsWhatAlreadySucceededButStillTrainsOnlyWhenDue() {
    var facts = new LedgerFacts(WEDNESDAY, Map.of(
        "ingest", ran(true, "2026-11-24", "2026-11-25"),
        "train", ran(false, "2026-11-22", "2026-11-22"),
        "forecast", ran(true, "2026-11-24", "2026-11-25")));
    var plan = NightlySchedule.plan(WEDNESDAY, settings(ALL, true, true), facts, FIRST_LANDING);
    assertEquals(List.of("--date", "2026-11-25"), step(plan, NightlyStep.INGEST).arguments());
    assertTrue(step(plan, NightlyStep.INGEST).runs());
    assertTrue(step(plan, NightlyStep.FORECAST).runs());
    assertTrue(step(plan, NightlyStep.TRAIN).skipReason().startsWith("WEDNESDAY is not a retrain day"),
        step(plan, NightlyStep.TRAIN).skipReason());
  }

  @Test
  void aRetrainWeekdayTrainsEvenWhenAModelExists() {
    var facts = new LedgerFacts(SUNDAY, Map.of("train", ran(false, "2026-11-15", "2026-11-15")));
    var plan = NightlySchedule.plan(SUNDAY, settings(ALL, true, false), facts, FIRST_LANDING);
    assertTrue(step(plan, NightlyStep.TRAIN).runs(), "Sunday is a retrain day");
  }

  @Test
  void onlyTheConfiguredStepsAreInTheNightInDependencyOrder() {
    var plan = NightlySchedule.plan(WEDNESDAY,
        settings(List.of(NightlyStep.REPORT, NightlyStep.FORECAST), true, false),
        new LedgerFacts(WEDNESDAY, Map.of()), FIRST_LANDING);
    assertEquals(List.of(NightlyStep.FORECAST, NightlyStep.REPORT),
        plan.stream().map(NightlySchedule.Planned::step).toList());
  }
}

package io.dropcast.models.cadence;

import io.dropcast.models.cadence.CadenceRecommendation.Evidence;
import io.dropcast.models.cadence.DemandProfile.ReleaseWindow;
import io.dropcast.models.cadence.UpliftModel.UpliftEstimate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Recommends a drop cadence for one group from its history:
 * <ol>
 *   <li><b>Demand</b>: {@link DemandProfile#fit}, weekday and hour shapes shrunk towards the category.</li>
 *   <li><b>Interval</b>: {@link RecoveryModel#fit}; the interval is the smallest gap whose multiplier reaches
 *       {@link CadenceParams#recoveryThreshold}.</li>
 *   <li><b>Weekdays</b>: each weekday scores its posterior mean orders per drop-day less
 *       {@link CadenceParams#confidencePenalty} standard deviations. Among all sets of
 *       {@link CadenceParams#dropsPerWeek} weekdays whose cyclic gaps are all at least the interval (all sets
 *       if none is; {@code intervalRelaxed} then says so) the one maximising
 *       {@code sum over w of score_w x recovery(gap to the previous chosen weekday)} wins: an exact search over
 *       at most 35 sets. Ties go to the set found first in ascending bit order (Monday = bit 0). The weekdays
 *       are listed by their term, largest first.</li>
 *   <li><b>Window</b>: {@link DemandProfile#releaseWindow} within the hub's opening hours.</li>
 *   <li><b>Batches</b>: {@link BatchPlanner#plan} for the first weekday (the largest demand, so the heaviest
 *       load), on its expected hourly demand in the window ({@code orders per drop-day x hour share x recovery
 *       x units per order}) against the capacity the hub's other load leaves.</li>
 *   <li><b>Evidence</b>: history used, confidence (the weakest recommended weekday), the recovery and uplift
 *       fits and what would change the recommendation: the lift that would bring in the best weekday left out,
 *       the recovery that would change the interval, the capacity (or drop size) that would change the number
 *       of batches, the drop-days that would raise confidence, the effect of announcing by push and SMS.</li>
 * </ol>
 * Deterministic; pure; one call per group, so it runs inside a Spark task.
 */
public final class CadenceRecommender {
  private CadenceRecommender() {}

  /** Whether a merchant's history is enough for its own recommendation. */
  public static boolean hasEnoughHistory(DemandHistory merchantHistory, CadenceParams params) {
    return merchantHistory.dropDays() >= params.minMerchantDropDays();
  }

  /** The recommendation of one group. */
  public static CadenceRecommendation recommend(CadenceInput in, CadenceParams p) {
    return planned(in, p).recommendation();
  }

  /**
   * The recommendations of the category groups of one hub, their batches planned jointly: groups that share a
   * recommended weekday (directly or through another group) may drop on the same day, so their releases are
   * planned together by {@link HubDayPlanner} against the hub's pick/pack per hour, as if they all dropped on the
   * same day (the busiest day they can share), each with its demand on its own first weekday. The joint plan
   * replaces the other categories' historical load ({@link HubCapacity#backgroundPickupsByHour}) by their
   * planned one. A group that shares no weekday keeps its own plan. Results in input order.
   */
  public static List<CadenceRecommendation> recommendAtHub(List<CadenceInput> groups, CadenceParams p) {
    List<Planned> planned = groups.stream().map(in -> planned(in, p)).toList();
    int n = planned.size();
    int[] component = new int[n];
    for (int i = 0; i < n; i++) {
      component[i] = i;
    }
    for (boolean merged = true; merged; ) {
      merged = false;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (component[i] != component[j] && shareWeekday(planned.get(i), planned.get(j))) {
            int from = Math.max(component[i], component[j]);
            int to = Math.min(component[i], component[j]);
            for (int k = 0; k < n; k++) {
              component[k] = component[k] == from ? to : component[k];
            }
            merged = true;
          }
        }
      }
    }
    List<CadenceRecommendation> out = new ArrayList<>(planned.stream().map(Planned::recommendation).toList());
    for (int c = 0; c < n; c++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (component[i] == c) {
          members.add(i);
        }
      }
      if (members.size() > 1) {
        jointly(planned, members, groups.get(members.get(0)).pickup(), p, out);
      }
    }
    return out;
  }

  private static boolean shareWeekday(Planned a, Planned b) {
    return a.recommendation().weekdays().stream().anyMatch(b.recommendation().weekdays()::contains);
  }

  /** Replaces the batches and expected figures of {@code members} by their joint plan. */
  private static void jointly(List<Planned> planned, List<Integer> members, PickupModel pickup, CadenceParams p,
      List<CadenceRecommendation> out) {
    CadenceRecommendation any = planned.get(members.get(0)).recommendation();
    HubCapacity hub = new HubCapacity(any.hubId(), any.pickPackPerHour(), 0, 24);
    List<HubDayPlanner.HubDayDrop> day = new ArrayList<>();
    for (int i : members) {
      CadenceRecommendation r = planned.get(i).recommendation();
      day.add(new HubDayPlanner.HubDayDrop(groupId(r), r.unitsPerDrop(), r.windowStartHour(),
          planned.get(i).demand(), planned.get(i).release()));
    }
    HubDayPlanner.HubDayPlan plan = HubDayPlanner.plan(day, hub, pickup, p.batching());
    for (int k = 0; k < plan.drops().size(); k++) {
      HubDayPlanner.PlannedDrop d = plan.drops().get(k);
      int i = members.stream().filter(m -> groupId(planned.get(m).recommendation()).equals(d.dropId())).findFirst()
          .orElseThrow();
      CadenceRecommendation r = planned.get(i).recommendation();
      SimulationResult e = plan.expected().drops().get(k);
      List<String> changes = new ArrayList<>(r.evidence().whatWouldChange());
      changes.add(String.format(Locale.ROOT,
          "planned with %d other categories of the hub that share a weekday with it (%.1f pickups over capacity at "
              + "the hub for all of them, %.1f with single releases); a change in their windows or sizes would "
              + "move these releases", members.size() - 1, plan.expected().overCapacityPickups(),
          plan.singleRelease().overCapacityPickups()));
      CadenceRecommendation.Evidence ev = r.evidence();
      CadenceRecommendation.Evidence evidence = new CadenceRecommendation.Evidence(ev.dropsUsed(), ev.dropDaysUsed(),
          ev.ordersUsed(), ev.firstDay(), ev.lastDay(), ev.confidence(), ev.weekdayExpectedOrders(),
          ev.weekdayConfidence(), ev.weekdayDropDays(), ev.intervalRelaxed(), ev.recoveryIdentified(),
          ev.recoveryDip(), ev.recoveryRate(), ev.recoveryObservations(), ev.upliftDrops(), ev.pushEffect(),
          ev.smsEffect(), ev.discountElasticity(), changes);
      out.set(i, new CadenceRecommendation(r.category(), r.hubId(), r.merchantId(), r.weekdays(), r.weekdayNames(),
          r.windowStartHour(), r.windowEndHour(), r.windowDemandShare(), r.intervalDays(), r.unitsPerDrop(),
          d.batches().size(), d.batches().stream().map(Batch::units).toList(), d.releaseHours(), e.demand(),
          e.sellThrough(), e.unmet(), e.sellOutHours(), e.soldOut(), e.peakPickupsPerHour(),
          e.peakLoadRatio() * r.pickPackPerHour(), r.pickPackPerHour(), e.peakLoadRatio(), e.overCapacityPickups(),
          plan.singleRelease().drops().get(k).overCapacityPickups(), evidence));
    }
  }

  private static String groupId(CadenceRecommendation r) {
    return r.category() + (r.merchantId() == null ? "" : "/" + r.merchantId());
  }

  /**
   * A recommendation with the expected demand by window hour its batches were planned on (its total, when the
   * demand follows the releases on {@code release}).
   */
  private record Planned(CadenceRecommendation recommendation, List<Double> demand, ReleaseCurve release) {}

  private static Planned planned(CadenceInput in, CadenceParams p) {
    Objects.requireNonNull(in, "input");
    Objects.requireNonNull(p, "params");
    DemandProfile profile = DemandProfile.fit(in.history(), in.categoryHistory(), p);
    RecoveryModel recovery = RecoveryModel.fit(in.recovery(), p);
    int interval = recovery.intervalDays(p.recoveryThreshold());
    double[] score = new double[7];
    for (int w = 0; w < 7; w++) {
      score[w] = profile.score(w + 1, p.confidencePenalty());
    }
    WeekdayChoice choice = chooseWeekdays(score, recovery, p.dropsPerWeek(), interval);
    List<Integer> weekdays = choice.ordered(score, recovery);
    int first = weekdays.get(0);
    HubCapacity hub = in.hub();
    ReleaseWindow window = profile.releaseWindow(p.windowCoverage(), p.minWindowHours(), hub.opensHour(),
        hub.closesHour());
    double multiplier = recovery.multiplier(choice.gapBefore(first - 1));
    List<Double> demand = demandByHour(profile, first, window, multiplier, in.pickup());
    int delays = in.pickup().delayShares().size();
    List<Double> capacity = hub.capacityFrom(window.startHour(), window.hours() + delays - 1);
    // With release-relative demand the first release may wait within the window (out of hours the hub's other
    // load fills): the demand comes after it, less the curve's tail past the window's end.
    BatchPlan plan = BatchPlanner.plan(in.unitsPerDrop(), demand, capacity, in.pickup(), p.batching(),
        in.release() == null ? 0 : window.hours() - 1, in.release());
    SimulationResult e = plan.expected();
    double peakHubLoad = peakHubLoad(e, hub, window.startHour());

    UpliftEstimate uplift = in.outcomes().isEmpty() ? null : UpliftModel.fit(in.outcomes());
    List<String> changes = new ArrayList<>();
    weekdayChange(score, recovery, choice, interval, p.dropsPerWeek()).ifPresent(changes::add);
    changes.add(intervalChange(recovery, interval, p));
    changes.add(batchChange(in, plan, demand, capacity, hub, window, p));
    confidenceChange(profile, weekdays, p).ifPresent(changes::add);
    upliftChange(uplift, in, plan, demand, capacity, p).ifPresent(changes::add);
    changes.add(String.format(Locale.ROOT,
        "the window %02d:00-%02d:00 holds %.0f%% of the orders within opening hours; demand moving out of it "
            + "(below %.0f%%) would widen or move it", window.startHour(), window.endHour(),
        100 * window.openShare(), 100 * p.windowCoverage()));

    String confidence = DemandProfile.HIGH;
    for (int w : weekdays) {
      confidence = weaker(confidence, profile.weekdayConfidence().get(w - 1));
    }
    Evidence evidence = new Evidence(profile.drops(), in.history().dropDays(), profile.orders(), profile.firstDay(),
        profile.lastDay(), confidence, profile.weekdayOrders(), profile.weekdayConfidence(),
        profile.dropDaysByWeekday(), choice.relaxed,
        recovery.identified(), recovery.dip(), recovery.rate(), recovery.observations(),
        uplift == null ? 0 : uplift.drops(), uplift == null ? Double.NaN : uplift.pushEffect(),
        uplift == null ? Double.NaN : uplift.smsEffect(), uplift == null ? Double.NaN : uplift.discountElasticity(),
        changes);
    return new Planned(new CadenceRecommendation(in.history().category(), hub.hubId(), in.history().merchantId(),
        weekdays,
        weekdays.stream().map(Weekdays::name).toList(), window.startHour(), window.endHour(), window.dayShare(),
        interval, in.unitsPerDrop(), plan.batches().size(), plan.units(),
        plan.hourOffsets().stream().map(o -> o + window.startHour()).toList(), e.demand(), e.sellThrough(),
        e.unmet(), e.sellOutHours(), e.soldOut(), e.peakPickupsPerHour(), peakHubLoad, hub.pickPackPerHour(),
        peakHubLoad / hub.pickPackPerHour(), e.overCapacityPickups(), plan.singleRelease().overCapacityPickups(),
        evidence), demand, in.release());
  }

  /** Expected units demanded per hour of the window on an ISO weekday. */
  static List<Double> demandByHour(DemandProfile profile, int isoWeekday, ReleaseWindow window, double multiplier,
      PickupModel pickup) {
    double[] orders = profile.hourlyOrders(isoWeekday, window.startHour(), window.endHour(), multiplier);
    for (int h = 0; h < orders.length; h++) {
      orders[h] *= pickup.unitsPerPickup();
    }
    return CadenceErrors.toList(orders);
  }

  private static double peakHubLoad(SimulationResult r, HubCapacity hub, int startHour) {
    double peak = 0;
    for (int t = 0; t < r.pickupsByHour().size(); t++) {
      peak = Math.max(peak, hub.background(startHour + t) + r.pickupsByHour().get(t));
    }
    return peak;
  }

  // ---------------------------------------------------------------- weekdays

  /** A set of weekdays as a bit mask (bit 0 = Monday), its value and whether the interval had to be relaxed. */
  static final class WeekdayChoice {
    final int mask;
    final double value;
    final boolean relaxed;

    WeekdayChoice(int mask, double value, boolean relaxed) {
      this.mask = mask;
      this.value = value;
      this.relaxed = relaxed;
    }

    /** Days back from weekday index {@code w} to the previous chosen weekday (7 when it is the only one). */
    int gapBefore(int w) {
      return CadenceRecommender.gapBefore(mask, w);
    }

    /** The chosen ISO weekdays by their term {@code score x recovery}, largest first, then by weekday. */
    List<Integer> ordered(double[] score, RecoveryModel recovery) {
      List<Integer> days = new ArrayList<>();
      for (int w = 0; w < 7; w++) {
        if ((mask >> w & 1) == 1) {
          days.add(w);
        }
      }
      days.sort(Comparator.<Integer>comparingDouble(w -> -score[w] * recovery.multiplier(gapBefore(w)))
          .thenComparingInt(w -> w));
      return days.stream().map(w -> w + 1).toList();
    }
  }

  static int gapBefore(int mask, int w) {
    for (int d = 1; d <= 7; d++) {
      if ((mask >> Math.floorMod(w - d, 7) & 1) == 1) {
        return d;
      }
    }
    throw new AssertionError("a weekday of an empty set");
  }

  static double value(int mask, double[] score, RecoveryModel recovery) {
    double v = 0;
    for (int w = 0; w < 7; w++) {
      if ((mask >> w & 1) == 1) {
        v += score[w] * recovery.multiplier(gapBefore(mask, w));
      }
    }
    return v;
  }

  static boolean keepsInterval(int mask, int interval) {
    for (int w = 0; w < 7; w++) {
      if ((mask >> w & 1) == 1 && gapBefore(mask, w) < interval) {
        return false;
      }
    }
    return true;
  }

  /** The best set of {@code k} weekdays (exact search, see the class comment). */
  static WeekdayChoice chooseWeekdays(double[] score, RecoveryModel recovery, int k, int interval) {
    boolean feasible = false;
    for (int mask = 1; mask < 128; mask++) {
      if (Integer.bitCount(mask) == k && keepsInterval(mask, interval)) {
        feasible = true;
        break;
      }
    }
    int bestMask = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int mask = 1; mask < 128; mask++) {
      if (Integer.bitCount(mask) != k || (feasible && !keepsInterval(mask, interval))) {
        continue;
      }
      double v = value(mask, score, recovery);
      if (bestMask == 0 || v > best + 1e-12 * (1 + Math.abs(best))) {
        best = v;
        bestMask = mask;
      }
    }
    return new WeekdayChoice(bestMask, best, !feasible);
  }

  /**
   * The weekday left out that the smallest lift of its score would bring in: over the admissible sets holding
   * it, the factor {@code f} with {@code value without it + f x its term = best value}, minimised.
   */
  static java.util.Optional<String> weekdayChange(double[] score, RecoveryModel recovery, WeekdayChoice choice,
      int interval, int k) {
    if (k == 7) {
      return java.util.Optional.empty();
    }
    double bestFactor = Double.POSITIVE_INFINITY;
    int bestDay = -1;
    int bestSet = 0;
    List<Integer> blocked = new ArrayList<>();
    for (int x = 0; x < 7; x++) {
      if ((choice.mask >> x & 1) == 1) {
        continue;
      }
      double factor = Double.POSITIVE_INFINITY;
      int set = 0;
      for (int mask = 1; mask < 128; mask++) {
        if ((mask >> x & 1) == 0 || Integer.bitCount(mask) != k
            || (!choice.relaxed && !keepsInterval(mask, interval))) {
          continue;
        }
        double term = score[x] * recovery.multiplier(gapBefore(mask, x));
        if (term <= 0) {
          continue;
        }
        double f = (choice.value - (value(mask, score, recovery) - term)) / term;
        if (f < factor) {
          factor = f;
          set = mask;
        }
      }
      if (set == 0) {
        blocked.add(x + 1);
      } else if (factor < bestFactor) {
        bestFactor = factor;
        bestDay = x;
        bestSet = set;
      }
    }
    if (bestDay < 0) {
      return blocked.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.format(Locale.ROOT,
          "%s cannot join without breaking the %d-day interval; a faster demand recovery would allow it",
          blocked.stream().map(Weekdays::name).toList(), interval));
    }
    List<String> replaced = new ArrayList<>();
    for (int w = 0; w < 7; w++) {
      if ((choice.mask >> w & 1) == 1 && (bestSet >> w & 1) == 0) {
        replaced.add(Weekdays.name(w + 1));
      }
    }
    return java.util.Optional.of(String.format(Locale.ROOT,
        "a %s lift above %.0f%% (expected orders per drop-day from %.1f to %.1f, confidence-adjusted) would add "
            + "%s in place of %s", Weekdays.name(bestDay + 1), 100 * (bestFactor - 1), score[bestDay],
        score[bestDay] * bestFactor, Weekdays.name(bestDay + 1), String.join(" and ", replaced)));
  }

  // ---------------------------------------------------------------- other changes

  static String intervalChange(RecoveryModel recovery, int interval, CadenceParams p) {
    double threshold = p.recoveryThreshold();
    if (!recovery.identified()) {
      return String.format(Locale.ROOT,
          "no recovery effect is assumed (%d (gap, demand) pairs, %d needed): back-to-back drops selling below "
              + "%.0f%% of a rested drop would lengthen the interval", recovery.observations(),
          p.minRecoveryObservations(), 100 * threshold);
    }
    if (interval > 1) {
      int g = interval - 1;
      return String.format(Locale.ROOT,
          "a demand recovery of at least %.0f%% %d day%s after a drop (fitted %.0f%%) would shorten the interval "
              + "to %d day%s", 100 * threshold, g, g == 1 ? "" : "s", 100 * recovery.multiplier(g), g,
          g == 1 ? "" : "s");
    }
    return String.format(Locale.ROOT,
        "a back-to-back drop selling below %.0f%% of a rested one (fitted %.0f%%) would lengthen the interval to "
            + "2 days", 100 * threshold, 100 * recovery.multiplier(1));
  }

  static String batchChange(CadenceInput in, BatchPlan plan, List<Double> demand, List<Double> capacity,
      HubCapacity hub, ReleaseWindow window, CadenceParams p) {
    if (plan.batches().size() > 1) {
      double needed = peakHubLoad(plan.singleRelease(), hub, window.startHour());
      return String.format(Locale.ROOT,
          "a pick/pack capacity of at least %d pickups per hour (now %d) would allow a single release of all "
              + "%d units", (long) Math.ceil(needed - 1e-9), hub.pickPackPerHour(), in.unitsPerDrop());
    }
    FluidEngine engine = new FluidEngine(CadenceErrors.toArray(demand), CadenceErrors.toArray(capacity),
        in.pickup(), p.batching().backlogShare());
    if (in.release() != null) {
      engine.releaseRelative(in.release(), engine.totalDemand);
    }
    long lo = in.unitsPerDrop();
    long hi = lo;
    while (hi <= 1_000_000 && !overloads(engine, hi)) {
      lo = hi;
      hi *= 2;
    }
    if (hi > 1_000_000) {
      return "one release stays within the pick/pack capacity at any drop size: demand per hour, not stock, "
          + "limits the pickups";
    }
    while (hi - lo > 1) {
      long mid = (lo + hi) / 2;
      if (overloads(engine, mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return String.format(Locale.ROOT,
        "a drop of %d units or more (now %d) would exceed the pick/pack capacity at a single release",
        hi, in.unitsPerDrop());
  }

  private static boolean overloads(FluidEngine engine, long units) {
    engine.run(new int[] {0}, new int[] {(int) Math.min(units, Integer.MAX_VALUE)}, 1);
    return engine.over > 1e-9;
  }

  static java.util.Optional<String> confidenceChange(DemandProfile profile, List<Integer> weekdays,
      CadenceParams p) {
    int weakest = -1;
    for (int w : weekdays) {
      String label = profile.weekdayConfidence().get(w - 1);
      if (weakest < 0 || rank(label) < rank(profile.weekdayConfidence().get(weakest - 1))) {
        weakest = w;
      }
    }
    String label = profile.weekdayConfidence().get(weakest - 1);
    if (label.equals(DemandProfile.HIGH)) {
      return java.util.Optional.empty();
    }
    String target = label.equals(DemandProfile.LOW) ? DemandProfile.MEDIUM : DemandProfile.HIGH;
    double n = profile.dropDaysByWeekday().get(weakest - 1);
    double kappa = p.weekdayPriorDropDays();
    double mean = profile.weekdayOrders().get(weakest - 1);
    double alpha = mean * (n + kappa);
    for (int more = 1; more <= 10_000; more++) {
      double a = alpha + more * mean;
      double beta = n + more + kappa;
      String next = DemandProfile.label(DemandProfile.relativeError(a), (n + more) / beta, n + more, p);
      if (rank(next) > rank(label)) {
        return java.util.Optional.of(String.format(Locale.ROOT,
            "about %d more %s drop-day%s at the current rate would raise confidence to %s", more,
            Weekdays.name(weakest), more == 1 ? "" : "s", target));
      }
    }
    return java.util.Optional.empty();
  }

  static java.util.Optional<String> upliftChange(UpliftEstimate uplift, CadenceInput in, BatchPlan plan,
      List<Double> demand, List<Double> capacity, CadenceParams p) {
    if (uplift == null || uplift.drops() < 10) {
      return java.util.Optional.empty();
    }
    double m = Math.max(1, uplift.pushEffect()) * Math.max(1, uplift.smsEffect());
    if (!(m > 1)) {
      return java.util.Optional.empty();
    }
    List<Double> lifted = demand.stream().map(d -> d * m).toList();
    BatchPlan other = BatchPlanner.plan(in.unitsPerDrop(), lifted, capacity, in.pickup(), p.batching(),
        in.release() == null ? 0 : demand.size() - 1, in.release());
    return java.util.Optional.of(String.format(Locale.ROOT,
        "announcing by push and SMS (demand x%.2f, fitted on %d drops) would call for %d batch%s (now %d) and "
            + "sell through %.0f%% (now %.0f%%)", m, uplift.drops(), other.batches().size(),
        other.batches().size() == 1 ? "" : "es", plan.batches().size(), 100 * other.expected().sellThrough(),
        100 * plan.expected().sellThrough()));
  }

  private static int rank(String label) {
    return switch (label) {
      case DemandProfile.HIGH -> 2;
      case DemandProfile.MEDIUM -> 1;
      default -> 0;
    };
  }

  private static String weaker(String a, String b) {
    return rank(a) <= rank(b) ? a : b;
  }
}

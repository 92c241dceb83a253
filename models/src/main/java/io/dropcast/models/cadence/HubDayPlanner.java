package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Plans the releases of every drop at one hub on one day jointly, against the hub's whole pick/pack capacity:
 * the {@link BatchPlanner} plans one drop on the capacity left for it, this planner decides who gets that
 * capacity. The joint cost is
 * <pre>  cost = overCapacityWeight x sum over hours of max(0, load_t - capacity_t)
 *        + sum over drops of (unmetDemandWeight x unmet_i + sellOutTimeWeight x sell-out hours_i)</pre>
 * where {@code load_t} is the expected pickups of all the day's drops in local hour {@code t} and
 * {@code capacity_t} the hub's pick/pack per hour less its background load ({@link HubCapacity#capacityFrom}).
 *
 * <p><b>Search</b>: a first pass plans the drops in release order (window start hour, then drop id), each on the
 * capacity the earlier ones left; then up to {@link BatchingParams#jointRounds} rounds re-plan every drop, in the
 * same order, against the load of all the others (its best response). A drop's own over-capacity term against
 * {@code max(0, capacity_t - others_t)} is exactly what it adds to the hub's excess, so a drop's plan is replaced
 * only when that lowers the joint cost (by more than {@code 1e-9} relative): the cost never rises and the search
 * stops at the first round without a change. Each drop's first release may wait until the last hour of its
 * window, so two drops whose single releases overload the same hour can be staggered; the demand before a
 * release finds no stock (unmet, or backlog by {@link BatchingParams#backlogShare}).
 *
 * <p>A coordinate descent, not an exhaustive joint search: the result is a plan no single drop can improve on
 * alone (when the rounds did not run out), not necessarily the joint optimum. Deterministic; no state.
 */
public final class HubDayPlanner {
  private HubDayPlanner() {}

  /**
   * One drop of the hub's day.
   *
   * @param dropId drop id (ties in release order go to the smaller id)
   * @param units units the drop releases at the hub, >= 1
   * @param startHour the window's first local hour, 0..23
   * @param demandByHour expected units demanded per window hour, at least one hour
   * @param release {@code null}: the drop's demand is {@code demandByHour} whatever its batches; else the demand
   *     follows the releases on this curve, {@code sum(demandByHour)} units over the window
   *     ({@link ReleaseCurve#demandByHour}), in the plan and in {@link #course}
   */
  public record HubDayDrop(String dropId, int units, int startHour, List<Double> demandByHour, ReleaseCurve release)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A drop whose demand is {@code demandByHour} whatever its batches. */
    public HubDayDrop(String dropId, int units, int startHour, List<Double> demandByHour) {
      this(dropId, units, startHour, demandByHour, null);
    }

    public HubDayDrop {
      Objects.requireNonNull(dropId, "dropId");
      if (units < 1) {
        throw CadenceErrors.invalid("Drop '" + dropId + "' releases " + units + " units at the hub",
            "a drop releases at least one unit", "leave drops without units out of the hub's day");
      }
      if (startHour < 0 || startHour > 23) {
        throw CadenceErrors.invalid("Drop '" + dropId + "' starts at local hour " + startHour,
            "a window starts at a local hour 0..23", "pass the hour of the window start");
      }
      demandByHour = CadenceErrors.nonNegativeList(demandByHour, -1, "The demand by hour of drop '" + dropId + "'",
          "pass the expected units demanded in each hour of the window, 0 where none");
      if (demandByHour.isEmpty()) {
        throw CadenceErrors.invalid("Drop '" + dropId + "' has an empty window", "a window is at least one hour",
            "pass one demand value per window hour");
      }
    }

    /** The window length in hours. */
    public int hours() {
      return demandByHour.size();
    }

    /** The demand by window hour when the drop releases {@code batches}. */
    public List<Double> demandUnder(List<Batch> batches) {
      if (release == null) {
        return demandByHour;
      }
      return release.demandByHour(demandByHour.stream().mapToDouble(Double::doubleValue).sum(), hours(), batches);
    }
  }

  /**
   * The course of a hub's day under one set of batchings.
   *
   * @param drops each drop's course, in the order given: sales and sell-out its own; {@code capacityByHour} the
   *     hub's capacity after its background load; {@code overCapacityPickups} its share of the hub's excess (each
   *     hour's excess split in proportion to the drops' pickups that hour, so the shares sum to the hub's);
   *     {@code peakExcessPickupsPerHour} the largest such share in an hour; {@code peakLoadRatio} the largest hub
   *     load (background + all drops) over pick/pack per hour in the drop's hours
   * @param loadByHour the hub's expected load (background + all drops) per local hour from hour 0 of the day
   * @param overCapacityPickups {@code sum over hours of max(0, drops' pickups - capacity after background)}
   * @param peakLoadRatio the largest hourly load over pick/pack per hour
   */
  public record HubDayCourse(List<SimulationResult> drops, List<Double> loadByHour, double overCapacityPickups,
      double peakLoadRatio) implements Serializable {
    private static final long serialVersionUID = 1L;

    public HubDayCourse {
      drops = List.copyOf(drops);
      loadByHour = List.copyOf(loadByHour);
    }

    /** The joint cost of the course under the planner's weights. */
    public double cost(BatchingParams p) {
      double cost = p.overCapacityWeight() * overCapacityPickups;
      for (SimulationResult r : drops) {
        cost += p.unmetDemandWeight() * r.unmet() + p.sellOutTimeWeight() * r.sellOutHours();
      }
      return cost;
    }
  }

  /** A drop's batches in the joint plan; offsets count from its window start. */
  public record PlannedDrop(String dropId, int startHour, List<Batch> batches) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PlannedDrop {
      batches = List.copyOf(batches);
    }

    /** The local release hour of each batch. */
    public List<Integer> releaseHours() {
      return batches.stream().map(b -> startHour + b.hourOffset()).toList();
    }
  }

  /**
   * The joint plan.
   *
   * @param drops the drops' batches, in release order (window start, then id)
   * @param expected the expected course of the plan (drops in the same order)
   * @param singleRelease the expected course of every drop released at once at its window start
   * @param cost {@code expected.cost(params)}
   * @param rounds improvement rounds run after the first pass
   * @param candidatesEvaluated plans simulated by the per-drop searches
   */
  public record HubDayPlan(List<PlannedDrop> drops, HubDayCourse expected, HubDayCourse singleRelease, double cost,
      int rounds, long candidatesEvaluated) implements Serializable {
    private static final long serialVersionUID = 1L;

    public HubDayPlan {
      drops = List.copyOf(drops);
    }

    /** The plan of one drop, by id. */
    public PlannedDrop drop(String dropId) {
      return drops.stream().filter(d -> d.dropId().equals(dropId)).findFirst()
          .orElseThrow(() -> CadenceErrors.invalid("Drop '" + dropId + "' is not in the hub's day plan",
              "the plan holds " + drops.stream().map(PlannedDrop::dropId).toList(), "ask for a planned drop"));
    }
  }

  /** The joint plan of the hub's drops of one day. */
  public static HubDayPlan plan(List<HubDayDrop> drops, HubCapacity hub, PickupModel pickup, BatchingParams params) {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(pickup, "pickup");
    Objects.requireNonNull(params, "params");
    List<HubDayDrop> order = new ArrayList<>(drops);
    order.sort(Comparator.comparingInt(HubDayDrop::startHour).thenComparing(HubDayDrop::dropId));
    for (int i = 1; i < order.size(); i++) {
      if (order.get(i).dropId().equals(order.get(i - 1).dropId())) {
        throw CadenceErrors.invalid("Drop '" + order.get(i).dropId() + "' is twice in the hub's day",
            "each drop is planned once per hub", "pass each (drop, hub) once");
      }
    }
    int n = order.size();
    int delays = pickup.delayShares().size();
    double[] others = new double[dayHours(order, delays)];
    double[][] pickups = new double[n][];
    List<List<Batch>> batches = new ArrayList<>();
    double[][] plannedOn = new double[n][];
    long evaluated = 0;
    for (int i = 0; i < n; i++) {
      HubDayDrop d = order.get(i);
      double[] left = capacityLeft(d, hub, others, delays);
      BatchPlan p = BatchPlanner.plan(d.units(), d.demandByHour(), CadenceErrors.toList(left), pickup, params,
          d.hours() - 1, d.release());
      evaluated += p.candidatesEvaluated();
      batches.add(p.batches());
      plannedOn[i] = left;
      pickups[i] = CadenceErrors.toArray(p.expected().pickupsByHour());
      add(others, pickups[i], d.startHour(), 1);
    }
    int rounds = 0;
    boolean changed = n > 1;
    while (changed && rounds < params.jointRounds()) {
      rounds++;
      changed = false;
      for (int i = 0; i < n; i++) {
        HubDayDrop d = order.get(i);
        add(others, pickups[i], d.startHour(), -1);
        double[] left = capacityLeft(d, hub, others, delays);
        if (!Arrays.equals(left, plannedOn[i])) {
          plannedOn[i] = left;
          List<Double> leftList = CadenceErrors.toList(left);
          BatchPlan p = BatchPlanner.plan(d.units(), d.demandByHour(), leftList, pickup, params, d.hours() - 1,
              d.release());
          evaluated += p.candidatesEvaluated();
          double current = SellThroughSimulator.simulate(new DropScenario(d.demandUnder(batches.get(i)),
              batches.get(i), leftList, pickup, params.backlogShare())).cost(params);
          if (p.cost() < current - 1e-9 * (1 + Math.abs(current))) {
            batches.set(i, p.batches());
            pickups[i] = CadenceErrors.toArray(p.expected().pickupsByHour());
            changed = true;
          }
        }
        add(others, pickups[i], d.startHour(), 1);
      }
    }
    List<PlannedDrop> planned = new ArrayList<>(n);
    List<List<Batch>> single = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      HubDayDrop d = order.get(i);
      planned.add(new PlannedDrop(d.dropId(), d.startHour(), batches.get(i)));
      single.add(List.of(new Batch(0, d.units())));
    }
    HubDayCourse expected = course(order, batches, hub, pickup, params.backlogShare());
    return new HubDayPlan(planned, expected, course(order, single, hub, pickup, params.backlogShare()),
        expected.cost(params), rounds, evaluated);
  }

  /**
   * The course of the hub's day when each drop releases the given batches (same order as {@code drops}) against
   * its demand: each drop's sales and sell-out are its own, the load and its excess over capacity are the hub's.
   */
  public static HubDayCourse course(List<HubDayDrop> drops, List<List<Batch>> batches, HubCapacity hub,
      PickupModel pickup, double backlogShare) {
    if (drops.size() != batches.size()) {
      throw CadenceErrors.invalid(drops.size() + " drops were given with " + batches.size() + " batchings",
          "each drop of the hub's day needs its batches", "pass one list of batches per drop, in the same order");
    }
    int n = drops.size();
    int delays = pickup.delayShares().size();
    int day = dayHours(drops, delays);
    double[] capacity = CadenceErrors.toArray(hub.capacityFrom(0, day));
    double[] total = new double[day];
    SimulationResult[] own = new SimulationResult[n];
    for (int i = 0; i < n; i++) {
      HubDayDrop d = drops.get(i);
      own[i] = SellThroughSimulator.simulate(new DropScenario(d.demandUnder(batches.get(i)), batches.get(i),
          List.of(0.0), pickup, backlogShare));
      add(total, CadenceErrors.toArray(own[i].pickupsByHour()), d.startHour(), 1);
    }
    double[] excess = new double[day];
    double[] load = new double[day];
    double over = 0;
    double peakRatio = 0;
    for (int t = 0; t < day; t++) {
      excess[t] = Math.max(0, total[t] - capacity[t]);
      over += excess[t];
      load[t] = hub.background(t) + total[t];
      peakRatio = Math.max(peakRatio, load[t] / hub.pickPackPerHour());
    }
    List<SimulationResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SimulationResult r = own[i];
      int start = drops.get(i).startHour();
      double share = 0;
      double peakShare = 0;
      double ratio = 0;
      List<Double> cap = new ArrayList<>(r.pickupsByHour().size());
      for (int t = 0; t < r.pickupsByHour().size(); t++) {
        int h = start + t;
        double p = r.pickupsByHour().get(t);
        double part = total[h] > 0 ? excess[h] * p / total[h] : 0;
        share += part;
        peakShare = Math.max(peakShare, part);
        ratio = Math.max(ratio, load[h] / hub.pickPackPerHour());
        cap.add(capacity[h]);
      }
      out.add(new SimulationResult(r.unitsReleased(), r.demand(), r.sold(), r.unmet(), r.sellThrough(), r.soldOut(),
          r.sellOutHours(), r.salesByHour(), r.pickupsByHour(), cap, r.peakPickupsPerHour(), r.peakHour(), share,
          peakShare, ratio));
    }
    return new HubDayCourse(out, CadenceErrors.toList(load), over, peakRatio);
  }

  /** Hours from local hour 0 to the last hour any drop's pickups can fall in. */
  private static int dayHours(List<HubDayDrop> drops, int delays) {
    int day = 1;
    for (HubDayDrop d : drops) {
      day = Math.max(day, d.startHour() + d.hours() + delays - 1);
    }
    return day;
  }

  /** Capacity left for a drop in each hour of its horizon by the background and the other drops. */
  private static double[] capacityLeft(HubDayDrop d, HubCapacity hub, double[] others, int delays) {
    int horizon = d.hours() + delays - 1;
    List<Double> capacity = hub.capacityFrom(d.startHour(), horizon);
    double[] left = new double[horizon];
    for (int t = 0; t < horizon; t++) {
      // Rounded so that removing and adding back the same pickups gives the same capacity bit for bit.
      left[t] = Math.max(0, capacity.get(t) - Math.rint(others[d.startHour() + t] * 1e9) / 1e9);
    }
    return left;
  }

  private static void add(double[] into, double[] pickups, int start, int sign) {
    for (int t = 0; t < pickups.length; t++) {
      into[start + t] += sign * pickups[t];
    }
  }
}

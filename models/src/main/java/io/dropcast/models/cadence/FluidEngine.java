package io.dropcast.models.cadence;

/**
 * The array core of {@link SellThroughSimulator}, shared with {@link BatchPlanner}'s search so that a
 * candidate costs no allocation. One instance per window (its scratch arrays); not thread-safe.
 */
final class FluidEngine {
  final double[] demand;
  final double[] capacity;
  final double[] delay;
  final double unitsPerPickup;
  final double backlogShare;
  final int hours;
  final int horizon;
  /** Outputs of the last {@link #run}. */
  final double[] sales;
  final double[] pickups;
  double released;
  double totalDemand;
  double sold;
  double unmet;
  boolean soldOut;
  double sellOutHours;
  double peak;
  int peakHour;
  double over;
  double peakExcess;
  double peakRatio;
  /** When set, {@link #run} plans the demand from the batches on this curve (see {@link ReleaseCurve}). */
  private ReleaseCurve release;
  private double releaseTotal;

  FluidEngine(double[] demand, double[] capacityList, PickupModel pickup, double backlogShare) {
    this.demand = demand;
    this.hours = demand.length;
    this.delay = CadenceErrors.toArray(pickup.delayShares());
    this.horizon = hours + delay.length - 1;
    this.capacity = new double[horizon];
    for (int t = 0; t < horizon; t++) {
      capacity[t] = capacityList[Math.min(t, capacityList.length - 1)];
    }
    this.unitsPerPickup = pickup.unitsPerPickup();
    this.backlogShare = backlogShare;
    this.sales = new double[hours];
    this.pickups = new double[horizon];
    double d = 0;
    for (double x : demand) {
      d += x;
    }
    this.totalDemand = d;
  }

  /**
   * From now on, {@link #run} replaces {@link #demand} by the release-relative demand of its batches: {@code total}
   * units over the window on {@code curve} ({@link ReleaseCurve#demandByHour}).
   */
  void releaseRelative(ReleaseCurve curve, double total) {
    this.release = curve;
    this.releaseTotal = total;
  }

  /**
   * Runs the fluid model for {@code count} batches given by their offsets (non-decreasing) and units.
   *
   * <p>Per hour: the hour's releases join the stock; at a release, the backlog (customers who found no stock
   * earlier and waited) buys first, at the start of the hour; then the hour's demand arrives evenly and buys
   * while stock lasts. Demand that finds no stock is lost, except {@code backlogShare} of the regular demand,
   * which waits for the next release (and is lost if none comes). The drop sells out when the stock reaches 0
   * with nothing left to release: in hour {@code h} after the backlog, at {@code h + stock / demand}.
   */
  void run(int[] offsets, int[] units, int count) {
    if (release != null) {
      release.demandByHour(releaseTotal, hours, offsets, units, count, demand);
      double d = 0;
      for (int h = 0; h < hours; h++) {
        d += demand[h];
      }
      totalDemand = d;
    }
    java.util.Arrays.fill(pickups, 0);
    double stock = 0;
    double future = 0;
    for (int b = 0; b < count; b++) {
      future += units[b];
    }
    released = future;
    double backlog = 0;
    double lost = 0;
    sold = 0;
    soldOut = released == 0;
    sellOutHours = released == 0 ? 0 : hours;
    int next = 0;
    for (int h = 0; h < hours; h++) {
      boolean release = false;
      while (next < count && offsets[next] == h) {
        stock += units[next];
        future -= units[next];
        next++;
        release = true;
      }
      double sale = 0;
      if (release && backlog > 0) {
        double served = Math.min(stock, backlog);
        lost += backlog - served;
        backlog = 0;
        stock -= served;
        sale += served;
        if (stock == 0 && future == 0 && !soldOut) {
          soldOut = true;
          sellOutHours = h;
        }
      }
      double d = demand[h];
      if (stock >= d) {
        stock -= d;
        sale += d;
        if (stock == 0 && future == 0 && !soldOut && d > 0) {
          soldOut = true;
          sellOutHours = h + 1;
        }
      } else {
        double fraction = stock / d;
        sale += stock;
        if (stock > 0 && future == 0 && !soldOut) {
          soldOut = true;
          sellOutHours = h + fraction;
        }
        double missed = d - stock;
        stock = 0;
        backlog += backlogShare * missed;
        lost += (1 - backlogShare) * missed;
      }
      sales[h] = sale;
      sold += sale;
      double orders = sale / unitsPerPickup;
      for (int j = 0; j < delay.length; j++) {
        pickups[h + j] += orders * delay[j];
      }
    }
    unmet = lost + backlog;
    peak = 0;
    peakHour = 0;
    over = 0;
    peakExcess = 0;
    peakRatio = 0;
    for (int t = 0; t < horizon; t++) {
      double p = pickups[t];
      if (p > peak) {
        peak = p;
        peakHour = t;
      }
      double excess = Math.max(0, p - capacity[t]);
      over += excess;
      peakExcess = Math.max(peakExcess, excess);
      double ratio = capacity[t] > 0 ? p / capacity[t] : p > 0 ? Double.POSITIVE_INFINITY : 0;
      peakRatio = Math.max(peakRatio, ratio);
    }
  }

  double cost(BatchingParams p) {
    return p.overCapacityWeight() * over + p.unmetDemandWeight() * unmet + p.sellOutTimeWeight() * sellOutHours;
  }

  SimulationResult result() {
    return new SimulationResult(released, totalDemand, sold, unmet, released > 0 ? sold / released : 1, soldOut,
        sellOutHours, CadenceErrors.toList(sales), CadenceErrors.toList(pickups), CadenceErrors.toList(capacity),
        peak, peakHour, over, peakExcess, peakRatio);
  }
}

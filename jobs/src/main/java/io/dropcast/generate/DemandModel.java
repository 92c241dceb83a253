package io.dropcast.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The demand model: expected order attempts of a neighbourhood for a drop on a day. Pure and deterministic
 * (no randomness here; the simulator adds the noise).
 *
 * <pre>
 *   potential(n, c, d) = scale x base(n) x affinity(n, c) x share(c)
 *                        x weekly(c, weekday) x yearly(c, day of year) x holiday(c, d) x trend(d) x opening(n, d)
 *   lambda(n, k)       = potential(n, c, d) x allocation(n, k) x discount(k) x channels(k) x recovery(n, c, d)
 * </pre>
 *
 * <ul>
 *   <li>allocation: the reach of drop k in n, exp(-km / reachKm) to the nearest eligible hub (0 below
 *       {@link #MIN_REACH}), divided by the summed reach of the day's drops of the category in n when above 1
 *       (two drops side by side split the demand);</li>
 *   <li>discount: exp({@link #DISCOUNT_ELASTICITY} x (depth - {@link #REFERENCE_DISCOUNT}));</li>
 *   <li>channels: x {@link #PUSH_EFFECT} with push, x {@link #SMS_EFFECT} with SMS;</li>
 *   <li>recovery: 1 - {@link #RECOVERY_EFFECT} x min(1, summed reach of yesterday's drops of the category in
 *       n): an area that just had such a drop buys less;</li>
 *   <li>yearly: 1 + amplitude x cos(2 pi (day - peak) / 365.25) - {@link #AUGUST_DIP} x exp(-((day - 225) / 18)^2);</li>
 *   <li>trend: (1 + growth)^(days since start / 365.25); opening: 0 before a neighbourhood opens, then a linear
 *       ramp from 30 % to 100 % over {@link #OPENING_RAMP_DAYS} days.</li>
 * </ul>
 */
public final class DemandModel {
  /** Below this reach a hub does not serve a neighbourhood at all. */
  public static final double MIN_REACH = 0.1;
  public static final double RECOVERY_EFFECT = 0.25;
  public static final double DISCOUNT_ELASTICITY = 1.8;
  public static final double REFERENCE_DISCOUNT = 0.25;
  public static final double PUSH_EFFECT = 1.12;
  public static final double SMS_EFFECT = 1.20;
  public static final double AUGUST_DIP = 0.12;
  public static final int OPENING_RAMP_DAYS = 28;
  /** Shape of the drop-level Gamma demand shock (mean 1): with Poisson counts, negative binomial noise. */
  public static final double DROP_SHOCK_SHAPE = 8.0;
  /** Probability of 1, 2 and 3 units in an order attempt. */
  static final double[] UNITS_PROBABILITIES = {0.62, 0.27, 0.11};
  public static final double MEAN_UNITS = 1 * 0.62 + 2 * 0.27 + 3 * 0.11;

  private final World world;

  public DemandModel(World world) {
    this.world = world;
  }

  /** Weekly multiplier of a category on a day (Monday first in the spec). */
  public double weekly(int category, LocalDate date) {
    return world.categories().get(category).weekly()[date.getDayOfWeek().getValue() - 1];
  }

  /** Yearly multiplier: the category's cosine plus the city-wide August dip. */
  public double yearly(int category, LocalDate date) {
    CategorySpec spec = world.categories().get(category);
    int day = date.getDayOfYear();
    double seasonal = spec.yearlyAmplitude() * StrictMath.cos(2 * StrictMath.PI * (day - spec.yearlyPeakDay()) / 365.25);
    double z = (day - 225) / 18.0;
    return 1.0 + seasonal - AUGUST_DIP * StrictMath.exp(-z * z);
  }

  /** Holiday multiplier: the category's effect on a holiday of the calendar, 1 otherwise. */
  public double holiday(int category, LocalDate date) {
    return world.params().holidays().isHoliday(date) ? world.categories().get(category).holidayEffect() : 1.0;
  }

  /** Growth since the start of the history. */
  public double trend(LocalDate date) {
    double years = ChronoUnit.DAYS.between(world.params().start(), date) / 365.25;
    return StrictMath.pow(1.0 + world.growthPerYear(), years);
  }

  /** 0 before the neighbourhood opens, then a ramp to 1. */
  public double opening(int neighbourhood, LocalDate date) {
    World.Neighbourhood nb = world.neighbourhoods().get(neighbourhood);
    if (nb.openedOn() == null) {
      return 1.0;
    }
    long since = ChronoUnit.DAYS.between(nb.openedOn(), date);
    if (since < 0) {
      return 0.0;
    }
    return Math.min(1.0, 0.3 + 0.7 * since / OPENING_RAMP_DAYS);
  }

  /** The calendar part of the potential: weekly x yearly x holiday (optional) x trend. */
  public double dayFactor(int category, LocalDate date, boolean withHoliday) {
    return weekly(category, date) * yearly(category, date) * (withHoliday ? holiday(category, date) : 1.0)
        * trend(date);
  }

  /** The place part of the potential: scale x base x affinity x share x opening. */
  public double placeFactor(int neighbourhood, int category, LocalDate date) {
    World.Neighbourhood nb = world.neighbourhoods().get(neighbourhood);
    return world.demandScale() * nb.baseDemand() * nb.affinity()[category] * world.categories().get(category).share()
        * opening(neighbourhood, date);
  }

  /** Expected order attempts of a neighbourhood in a category on a day, before drop effects. */
  public double potential(int neighbourhood, int category, LocalDate date, boolean withHoliday) {
    return placeFactor(neighbourhood, category, date) * dayFactor(category, date, withHoliday);
  }

  /** Reach of a hub at a distance: exp(-km / reachKm), 0 below {@link #MIN_REACH}. */
  public double reach(double km) {
    double r = StrictMath.exp(-km / world.reachKm());
    return r < MIN_REACH ? 0.0 : r;
  }

  /** Demand multiplier of a drop's discount depth and announcement channels. */
  public double appeal(DropPlan drop) {
    double effect = StrictMath.exp(DISCOUNT_ELASTICITY * (drop.discount() - REFERENCE_DISCOUNT));
    if (drop.push()) {
      effect *= PUSH_EFFECT;
    }
    if (drop.sms()) {
      effect *= SMS_EFFECT;
    }
    return effect;
  }

  /**
   * Demand of one drop: the neighbourhoods it reaches (ascending), the expected order attempts of each
   * ({@code lambda}), the same without the holiday effect (what the merchant plans with, {@code planLambda}),
   * and the nearest eligible hub of each.
   */
  public record DropDemand(DropPlan drop, int[] neighbourhoods, double[] lambda, double[] planLambda, int[] hubs) {}

  /** Demand of every drop of the day; {@code yesterday} is the previous day's schedule (recovery effect). */
  public DropDemand[] forDay(LocalDate date, List<DropPlan> today, List<DropPlan> yesterday) {
    int n = world.neighbourhoods().size();
    int categories = world.categories().size();
    Reach[] reachToday = new Reach[today.size()];
    double[][] sumToday = new double[categories][n];
    double[][] sumYesterday = new double[categories][n];
    double[] scratch = new double[n];
    int[] hubScratch = new int[n];
    for (int k = 0; k < today.size(); k++) {
      reachToday[k] = reach(today.get(k), date, scratch, hubScratch);
      double[] sum = sumToday[today.get(k).category()];
      for (int r = 0; r < reachToday[k].neighbourhoods.length; r++) {
        sum[reachToday[k].neighbourhoods[r]] += reachToday[k].reach[r];
      }
    }
    LocalDate previous = date.minusDays(1);
    for (DropPlan drop : yesterday) {
      Reach reach = reach(drop, previous, scratch, hubScratch);
      double[] sum = sumYesterday[drop.category()];
      for (int r = 0; r < reach.neighbourhoods.length; r++) {
        sum[reach.neighbourhoods[r]] += reach.reach[r];
      }
    }
    double[][] potential = new double[categories][];
    double[][] planPotential = new double[categories][];
    DropDemand[] out = new DropDemand[today.size()];
    for (int k = 0; k < today.size(); k++) {
      DropPlan drop = today.get(k);
      int c = drop.category();
      if (potential[c] == null) {
        potential[c] = new double[n];
        planPotential[c] = new double[n];
        double withHoliday = dayFactor(c, date, true);
        double withoutHoliday = dayFactor(c, date, false);
        for (int i = 0; i < n; i++) {
          double place = placeFactor(i, c, date);
          potential[c][i] = place * withHoliday;
          planPotential[c][i] = place * withoutHoliday;
        }
      }
      Reach reach = reachToday[k];
      double appeal = appeal(drop);
      int m = reach.neighbourhoods.length;
      double[] lambda = new double[m];
      double[] planLambda = new double[m];
      for (int r = 0; r < m; r++) {
        int i = reach.neighbourhoods[r];
        double allocation = reach.reach[r] / Math.max(1.0, sumToday[c][i]);
        double recovery = 1.0 - RECOVERY_EFFECT * Math.min(1.0, sumYesterday[c][i]);
        double common = allocation * appeal * recovery;
        lambda[r] = potential[c][i] * common;
        planLambda[r] = planPotential[c][i] * common;
      }
      out[k] = new DropDemand(drop, reach.neighbourhoods, lambda, planLambda, reach.hubs);
    }
    return out;
  }

  private record Reach(int[] neighbourhoods, double[] reach, int[] hubs) {}

  /** Open neighbourhoods a drop reaches, with the reach and the nearest eligible hub of each. */
  private Reach reach(DropPlan drop, LocalDate date, double[] bestKm, int[] bestHub) {
    Arrays.fill(bestKm, Double.MAX_VALUE);
    int[] touched = new int[bestKm.length];
    int count = 0;
    for (int h : drop.hubs()) {
      for (int i : world.neighbourhoodsNearHub(h)) {
        double km = world.hubDistanceKm(i, h);
        if (bestKm[i] == Double.MAX_VALUE) {
          touched[count++] = i;
        }
        if (km < bestKm[i] || (km == bestKm[i] && h < bestHub[i])) {
          bestKm[i] = km;
          bestHub[i] = h;
        }
      }
    }
    Arrays.sort(touched, 0, count);
    int[] ids = new int[count];
    double[] reach = new double[count];
    int[] hubs = new int[count];
    int m = 0;
    for (int t = 0; t < count; t++) {
      int i = touched[t];
      double r = reach(bestKm[i]);
      if (r > 0 && world.neighbourhoods().get(i).isOpen(date)) {
        ids[m] = i;
        reach[m] = r;
        hubs[m] = bestHub[i];
        m++;
      }
    }
    return new Reach(Arrays.copyOf(ids, m), Arrays.copyOf(reach, m), Arrays.copyOf(hubs, m));
  }
}

package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Sales, sell-out and hub load of one drop released in batches.
 *
 * <p>{@link #simulate} is the deterministic expected-value (fluid) model: demand flows in at the given rate,
 * each hour evenly; the hour's releases join the stock at its start; demand that finds stock buys, the rest is
 * lost, except a backlog share that waits and buys first at the next release. Sold units become pickups spread
 * over the following hours by the {@link PickupModel}'s delay shares, and the pickups of each hour are compared
 * with the hub's pick/pack capacity (no queueing: load above capacity is reported, not shifted). All figures are
 * exact arithmetic on the inputs, so a hand-worked case gives exact expectations.
 *
 * <p>{@link #monteCarlo} is the seeded stochastic counterpart for the spread: Poisson units demanded per hour,
 * integer stock, binomial backlog, multinomial pickup delays. Same seed, same summary.
 *
 * <p>Cost: {@code O(hours x delays)} per run.
 */
public final class SellThroughSimulator {
  private SellThroughSimulator() {}

  /** The expected course of the drop (fluid model). */
  public static SimulationResult simulate(DropScenario s) {
    Objects.requireNonNull(s, "scenario");
    FluidEngine engine = new FluidEngine(CadenceErrors.toArray(s.demandByHour()),
        CadenceErrors.toArray(s.capacityByHour()), s.pickup(), s.backlogShare());
    int n = s.batches().size();
    int[] offsets = new int[n];
    int[] units = new int[n];
    for (int b = 0; b < n; b++) {
      offsets[b] = s.batches().get(b).hourOffset();
      units[b] = s.batches().get(b).units();
    }
    engine.run(offsets, units, n);
    return engine.result();
  }

  /**
   * Mean and standard deviation over seeded stochastic runs.
   *
   * @param runs number of runs, >= 2
   * @param soldOutProbability share of runs where every unit sold
   */
  public record MonteCarloSummary(int runs, long seed, double meanSold, double sdSold, double meanUnmet,
      double sdUnmet, double meanSellThrough, double sdSellThrough, double soldOutProbability,
      double meanOverCapacityPickups, double sdOverCapacityPickups, double meanPeakPickupsPerHour,
      double sdPeakPickupsPerHour) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Runs the stochastic model {@code runs} times from {@code seed}. */
  public static MonteCarloSummary monteCarlo(DropScenario s, int runs, long seed) {
    Objects.requireNonNull(s, "scenario");
    if (runs < 2) {
      throw CadenceErrors.invalid("A Monte Carlo run count of " + runs + " was asked",
          "a standard deviation needs at least 2 runs", "ask for 2 runs or more (1000 is plenty)");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int hours = s.hours();
    double[] delay = CadenceErrors.toArray(s.pickup().delayShares());
    int horizon = hours + delay.length - 1;
    double[] capacity = new double[horizon];
    List<Double> cap = s.capacityByHour();
    for (int t = 0; t < horizon; t++) {
      capacity[t] = cap.get(Math.min(t, cap.size() - 1));
    }
    long[] releases = new long[hours];
    long released = 0;
    for (Batch b : s.batches()) {
      releases[b.hourOffset()] += b.units();
      released += b.units();
    }
    Stat sold = new Stat();
    Stat unmet = new Stat();
    Stat sellThrough = new Stat();
    Stat over = new Stat();
    Stat peak = new Stat();
    int soldOutRuns = 0;
    double[] pickups = new double[horizon];
    for (int r = 0; r < runs; r++) {
      java.util.Arrays.fill(pickups, 0);
      long stock = 0;
      long backlog = 0;
      long sales = 0;
      long missedTotal = 0;
      for (int h = 0; h < hours; h++) {
        stock += releases[h];
        long hourSales = 0;
        if (releases[h] > 0 && backlog > 0) {
          long served = Math.min(stock, backlog);
          missedTotal += backlog - served;
          backlog = 0;
          stock -= served;
          hourSales += served;
        }
        long d = poisson(rng, s.demandByHour().get(h));
        long take = Math.min(stock, d);
        stock -= take;
        hourSales += take;
        long missed = d - take;
        long waiting = binomial(rng, missed, s.backlogShare());
        backlog += waiting;
        missedTotal += missed - waiting;
        sales += hourSales;
        long left = hourSales;
        double remainingShare = 1;
        // Sequential binomials give the multinomial; orders past the last share are never picked here.
        for (int j = 0; j < delay.length && left > 0; j++) {
          long k = binomial(rng, left, Math.min(1, delay[j] / remainingShare));
          pickups[h + j] += k / s.pickup().unitsPerPickup();
          left -= k;
          remainingShare -= delay[j];
        }
      }
      missedTotal += backlog;
      double runOver = 0;
      double runPeak = 0;
      for (int t = 0; t < horizon; t++) {
        runOver += Math.max(0, pickups[t] - capacity[t]);
        runPeak = Math.max(runPeak, pickups[t]);
      }
      sold.add(sales);
      unmet.add(missedTotal);
      sellThrough.add(released > 0 ? (double) sales / released : 1);
      over.add(runOver);
      peak.add(runPeak);
      soldOutRuns += sales == released ? 1 : 0;
    }
    return new MonteCarloSummary(runs, seed, sold.mean(), sold.sd(), unmet.mean(), unmet.sd(), sellThrough.mean(),
        sellThrough.sd(), (double) soldOutRuns / runs, over.mean(), over.sd(), peak.mean(), peak.sd());
  }

  /** Welford's running mean and variance. */
  private static final class Stat {
    private long n;
    private double mean;
    private double m2;

    void add(double x) {
      n++;
      double delta = x - mean;
      mean += delta / n;
      m2 += delta * (x - mean);
    }

    double mean() {
      return mean;
    }

    double sd() {
      return n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
    }
  }

  /** A Poisson draw: inversion for small means, a sum of small-mean draws for large ones. */
  static long poisson(SplittableRandom rng, double mean) {
    if (mean <= 0) {
      return 0;
    }
    long total = 0;
    double rest = mean;
    while (rest > 0) {
      double chunk = Math.min(rest, 20);
      rest -= chunk;
      double limit = Math.exp(-chunk);
      double product = rng.nextDouble();
      long k = 0;
      while (product > limit) {
        product *= rng.nextDouble();
        k++;
      }
      total += k;
    }
    return total;
  }

  /** A binomial draw by Bernoulli trials (counts here are small: units of one drop in one hour). */
  static long binomial(SplittableRandom rng, long n, double p) {
    if (p <= 0 || n <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    long k = 0;
    for (long i = 0; i < n; i++) {
      if (rng.nextDouble() < p) {
        k++;
      }
    }
    return k;
  }
}

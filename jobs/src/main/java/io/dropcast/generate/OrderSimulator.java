package io.dropcast.generate;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.util.Utf8;

/**
 * Simulates one day: the drops' units, the order attempts of every neighbourhood a drop reaches, the sell-outs,
 * the orders that got units (with customer, location, fulfilment mode, hub and lifecycle), the truth rows, and
 * the later versions of the day's orders (pickups after midnight, no-shows, refunds) grouped by the day they
 * happen on.
 *
 * <p>Pure: the result depends only on the world and the date (its random streams derive from the seed and
 * the date), so days can be simulated on any thread and in any order.
 *
 * <p>Per drop: units released = round(planned demand x the merchant's plan factor) split over the batches;
 * a drop-level Gamma shock (mean 1) times Poisson counts per neighbourhood gives the attempts; each attempt
 * arrives in the window following the category's hourly profile, or in a burst right after a batch release
 * (more so with push and SMS); attempts are served in time order from the stock released so far, an attempt
 * that finds less stock than it wants takes what is left, one that finds none is unmet (truth only).
 */
public final class OrderSimulator {
  /** Days after the creation day an order can still change (pickup, no-show, refund). */
  static final int HORIZON_DAYS = 14;
  /** Days after the creation day a pickup may fall on. */
  private static final int PICKUP_DAYS = 4;
  private static final long HOUR = 3600;
  private static final long DAY = 86_400;
  private static final double PICKUP_SHARE = 0.86;
  private static final double COURIER_SHARE = 0.09;
  private static final double CANCEL_RATE = 0.03;
  private static final double NO_SHOW_RATE = 0.05;
  private static final double REFUND_RATE = 0.025;
  private static final double OPT_IN_RATE = 0.35;
  private static final double OPT_IN_UNKNOWN = 0.08;
  /** Mean delay of a burst attempt after a batch release (push and SMS bring people in at once). */
  private static final double BURST_MEAN_SECONDS = 12 * 60;
  private static final LocalTime COURIER_FROM = LocalTime.of(8, 0);
  private static final LocalTime COURIER_TO = LocalTime.of(22, 0);

  private final World world;
  private final DemandModel model;
  private final long historyEnd;

  public OrderSimulator(World world) {
    this.world = world;
    this.model = new DemandModel(world);
    this.historyEnd = world.params().end().plusDays(1).atStartOfDay(world.params().timeZone()).toEpochSecond();
  }

  /** Day-level counts. */
  public record DayStats(int drops, int batches, int soldOutDrops, int soldOutBatches, long latentOrders,
      long latentUnits, long soldOrders, long soldUnits) {}

  /**
   * A simulated day.
   *
   * @param date the local date
   * @param drops the day's drops
   * @param batchUnits units released per drop and batch
   * @param orders the orders created this day, sorted by creation time, in their state at the end of the day
   * @param latent truth rows
   * @param updates later versions by day offset (index 1..{@link #HORIZON_DAYS}; null where none)
   * @param stats counts
   */
  public record DayResult(LocalDate date, List<DropPlan> drops, int[][] batchUnits, OrderRows orders,
      LatentRows latent, OrderRows[] updates, DayStats stats) {}

  /** Simulates a day of the history. */
  public DayResult simulate(LocalDate date) {
    DayClock clock = new DayClock(date, world.params().timeZone(), HORIZON_DAYS);
    List<DropPlan> drops = DropSchedule.plan(world, date);
    DemandModel.DropDemand[] demand = model.forDay(date, drops, DropSchedule.plan(world, date.minusDays(1)));
    SplittableRandom rng = Rand.stream(world.params().seed(), date.toEpochDay(), Rand.DEMAND);
    long[][][] hours = serviceHours(clock);

    Scratch s = new Scratch();
    OrderRows raw = new OrderRows(Math.min(world.params().ordersPerDay(), 1 << 18));
    Lifecycle life = new Lifecycle();
    LatentRows latent = new LatentRows();
    int[][] batchUnits = new int[drops.size()][];
    int batches = 0;
    int soldOutDrops = 0;
    int soldOutBatches = 0;
    long latentOrders = 0;
    long latentUnits = 0;
    long soldUnits = 0;

    for (int k = 0; k < drops.size(); k++) {
      DropPlan drop = drops.get(k);
      DemandModel.DropDemand dd = demand[k];
      CategorySpec spec = world.categories().get(drop.category());
      int nb = drop.batches();
      int m = dd.neighbourhoods().length;
      batches += nb;

      // Units released: the merchant's plan (no holiday knowledge) times its plan factor.
      double planned = 0;
      for (double v : dd.planLambda()) {
        planned += v;
      }
      int total = (int) Math.max(5, Math.round(planned * DemandModel.MEAN_UNITS * drop.planFactor()));
      int[] units = new int[nb];
      int given = 0;
      for (int b = 0; b < nb; b++) {
        units[b] = Math.max(1, (int) Math.floor(total * drop.batchShares()[b]));
        given += units[b];
      }
      units[0] += Math.max(0, total - given);
      batchUnits[k] = units;

      // Arrival density: the hourly profile over the window, plus bursts after each release.
      long start = drop.batchStarts()[0];
      long end = drop.endsAt();
      int segments = s.segments(clock, spec.hourly(), start, end);
      double burst = 0.10 + (drop.push() ? 0.15 : 0) + (drop.sms() ? 0.10 : 0);
      double[] mass = new double[nb];
      for (int b = 0; b < nb; b++) {
        long from = drop.batchStarts()[b];
        long to = b + 1 < nb ? drop.batchStarts()[b + 1] : end;
        // A burst after release j lands in period b with the exponential's mass between the two bounds (a
        // burst past the window's end is clamped into the last period).
        double bursts = 0;
        for (int j = 0; j <= b; j++) {
          long release = drop.batchStarts()[j];
          double upper = StrictMath.exp(-(from - release) / BURST_MEAN_SECONDS);
          double lower = b + 1 < nb ? StrictMath.exp(-(to - release) / BURST_MEAN_SECONDS) : 0.0;
          bursts += drop.batchShares()[j] * (upper - lower);
        }
        mass[b] = (1 - burst) * s.massBetween(segments, from, to) + burst * bursts;
      }

      Utf8 dropId = new Utf8(drop.dropId());
      Utf8 skuId = new Utf8(world.merchants().get(drop.merchant()).skus().get(drop.sku()).skuId());

      // Attempts.
      double shock = Rand.gamma(rng, DemandModel.DROP_SHOCK_SHAPE) / DemandModel.DROP_SHOCK_SHAPE;
      int attempts = 0;
      for (int r = 0; r < m; r++) {
        int count = Rand.poisson(rng, dd.lambda()[r] * shock);
        s.ensureAttempts(attempts + count);
        for (int j = 0; j < count; j++) {
          long t;
          if (rng.nextDouble() < burst) {
            int b = Rand.weighted(rng, drop.batchShares());
            t = Math.min(end - 1, drop.batchStarts()[b] + (long) Rand.exponential(rng, BURST_MEAN_SECONDS));
          } else {
            t = s.sampleArrival(rng, segments);
          }
          double u = rng.nextDouble();
          int want = u < DemandModel.UNITS_PROBABILITIES[0] ? 1
              : u < DemandModel.UNITS_PROBABILITIES[0] + DemandModel.UNITS_PROBABILITIES[1] ? 2 : 3;
          s.keys[attempts] = ((t - start) << 32) | attempts;
          s.attemptCell[attempts] = r;
          s.attemptUnits[attempts] = want;
          attempts++;
        }
      }
      Arrays.sort(s.keys, 0, attempts);

      // Serve attempts in time order from the stock released so far.
      int cells = nb * m;
      int[] latO = new int[cells];
      int[] latU = new int[cells];
      int[] solO = new int[cells];
      int[] solU = new int[cells];
      long[] soldOutAt = new long[nb];
      Arrays.fill(soldOutAt, -1);
      int stock = 0;
      int next = 0;
      int current = 0;
      for (int a = 0; a < attempts; a++) {
        long key = s.keys[a];
        int idx = (int) (key & 0xFFFF_FFFFL);
        long t = start + (key >>> 32);
        while (next < nb && drop.batchStarts()[next] <= t) {
          stock += units[next];
          current = next++;
        }
        int r = s.attemptCell[idx];
        int want = s.attemptUnits[idx];
        int cell = current * m + r;
        latO[cell]++;
        latU[cell] += want;
        if (stock > 0) {
          int take = Math.min(want, stock);
          stock -= take;
          solO[cell]++;
          solU[cell] += take;
          if (stock == 0 && soldOutAt[current] < 0) {
            soldOutAt[current] = t;
          }
          addOrder(raw, life, rng, hours, date, drop, dropId, skuId, dd.neighbourhoods()[r], dd.hubs()[r], t, take);
        }
      }

      boolean dropSoldOut = false;
      for (int b = 0; b < nb; b++) {
        boolean out = soldOutAt[b] >= 0;
        dropSoldOut |= out;
        if (out) {
          soldOutBatches++;
        }
        for (int r = 0; r < m; r++) {
          int cell = b * m + r;
          latent.add(k, b + 1, dd.neighbourhoods()[r], dd.hubs()[r],
              dd.lambda()[r] * DemandModel.MEAN_UNITS * mass[b], latO[cell], latU[cell], solO[cell], solU[cell],
              out, soldOutAt[b]);
          latentOrders += latO[cell];
          latentUnits += latU[cell];
          soldUnits += solU[cell];
        }
      }
      if (dropSoldOut) {
        soldOutDrops++;
      }
    }

    OrderRows[] updates = new OrderRows[HORIZON_DAYS + 1];
    OrderRows orders = finish(raw, life, clock, updates);
    DayStats stats = new DayStats(drops.size(), batches, soldOutDrops, soldOutBatches, latentOrders, latentUnits,
        orders.size, soldUnits);
    return new DayResult(date, drops, batchUnits, orders, latent, updates, stats);
  }

  /**
   * Service hours for pickups as [hub or courier][day offset 0..PICKUP_DAYS-1][open, close]; index
   * {@code hubs.size()} is the courier and shipping window.
   */
  private long[][][] serviceHours(DayClock clock) {
    List<World.Hub> hubs = world.hubs();
    long[][][] out = new long[hubs.size() + 1][PICKUP_DAYS][2];
    for (int h = 0; h <= hubs.size(); h++) {
      LocalTime from = h < hubs.size() ? hubs.get(h).opensAt() : COURIER_FROM;
      LocalTime to = h < hubs.size() ? hubs.get(h).closesAt() : COURIER_TO;
      for (int o = 0; o < PICKUP_DAYS; o++) {
        out[h][o][0] = clock.at(o, from);
        out[h][o][1] = clock.at(o, to);
      }
    }
    return out;
  }

  /** Moves an instant into the next service window (opening plus a short queue when closed). */
  private static long intoServiceHours(long t, long[][] windows, SplittableRandom rng) {
    for (long[] w : windows) {
      if (t < w[0]) {
        long queue = (long) Math.min(Rand.exponential(rng, 45 * 60), (w[1] - w[0]) / 2.0);
        return w[0] + queue;
      }
      if (t < w[1]) {
        return t;
      }
    }
    return t;
  }

  /** Terminal lifecycle event of a raw order; kept in scratch arrays by row index. */
  private static final class Lifecycle {
    byte[] terminal = new byte[1024];
    long[] terminalAt = new long[1024];

    void set(int i, int status, long at) {
      if (i >= terminal.length) {
        int c = Math.max(i + 1, terminal.length * 2);
        terminal = Arrays.copyOf(terminal, c);
        terminalAt = Arrays.copyOf(terminalAt, c);
      }
      terminal[i] = (byte) status;
      terminalAt[i] = at;
    }
  }

  private void addOrder(OrderRows raw, Lifecycle life, SplittableRandom rng, long[][][] hours, LocalDate date,
      DropPlan drop, Utf8 dropId, Utf8 skuId, int neighbourhood, int hub, long created, int units) {
    World.Neighbourhood nb = world.neighbourhoods().get(neighbourhood);
    double u = rng.nextDouble();
    int customerIndex = (int) (nb.customers() * u * u);
    long customer = world.customerNumber(neighbourhood, customerIndex);
    double[] point = customerPoint(nb, customerKey(neighbourhood, customerIndex));

    double modeDraw = rng.nextDouble();
    int mode = modeDraw < PICKUP_SHARE ? OrderRows.MODE_PICKUP
        : modeDraw < PICKUP_SHARE + COURIER_SHARE ? OrderRows.MODE_COURIER : OrderRows.MODE_SHIP;
    int servedBy = mode == OrderRows.MODE_PICKUP ? hub : world.hubs().size();

    long pickedAt = -1;
    int terminal = OrderRows.PLACED;
    long terminalAt = -1;
    double outcome = rng.nextDouble();
    if (outcome < CANCEL_RATE) {
      terminal = OrderRows.CANCELLED;
      terminalAt = created + Math.max(120, (long) Rand.exponential(rng, 35 * 60));
    } else if (mode == OrderRows.MODE_PICKUP && outcome < CANCEL_RATE + NO_SHOW_RATE) {
      terminal = OrderRows.NO_SHOW;
      terminalAt = created + 48 * HOUR;
    } else {
      double delay = mode == OrderRows.MODE_PICKUP ? Rand.lognormal(rng, 1.1 * HOUR, 0.85)
          : mode == OrderRows.MODE_COURIER ? Rand.lognormal(rng, 2 * HOUR, 0.5) : Rand.lognormal(rng, 20 * HOUR, 0.4);
      pickedAt = intoServiceHours(created + Math.max(300, (long) delay), hours[servedBy], rng);
      if (rng.nextDouble() < REFUND_RATE) {
        terminal = OrderRows.REFUNDED;
        terminalAt = pickedAt + DAY + rng.nextInt((int) (9 * DAY));
      }
    }
    double o = rng.nextDouble();
    int optIn = o < OPT_IN_UNKNOWN ? OrderRows.OPT_UNKNOWN : o < OPT_IN_UNKNOWN + OPT_IN_RATE ? OrderRows.OPT_IN
        : OrderRows.OPT_OUT;

    int i = raw.add((int) date.toEpochDay(), 0, dropId, skuId, drop.category(), neighbourhood, customer,
        created, units, point[0], point[1], mode, mode == OrderRows.MODE_PICKUP ? hub : -1, pickedAt,
        OrderRows.PLACED, optIn, created);
    life.set(i, terminal, terminalAt);
  }

  /** A customer's key for its home location: a seed-keyed hash of (neighbourhood, index). */
  long customerKey(int neighbourhood, int index) {
    return Rand.mix(Rand.seed(world.params().seed(), 0, Rand.CUSTOMER) ^ (((long) neighbourhood << 32) | index));
  }

  /** A customer's home: a fixed random point inside the neighbourhood's cell, from the customer key. */
  static double[] customerPoint(World.Neighbourhood nb, long customer) {
    int vertices = nb.boundaryLatitude().length;
    int v = (int) (Rand.unit(Rand.mix(customer + 1)) * vertices);
    int w = (v + 1) % vertices;
    double a = Rand.unit(Rand.mix(customer + 2));
    double b = Rand.unit(Rand.mix(customer + 3));
    if (a + b > 1) {
      a = 1 - a;
      b = 1 - b;
    }
    double shrink = 0.97;
    double lat = nb.latitude() + shrink * (a * (nb.boundaryLatitude()[v] - nb.latitude())
        + b * (nb.boundaryLatitude()[w] - nb.latitude()));
    double lng = nb.longitude() + shrink * (a * (nb.boundaryLongitude()[v] - nb.longitude())
        + b * (nb.boundaryLongitude()[w] - nb.longitude()));
    return new double[] {World.round6(lat), World.round6(lng)};
  }

  /**
   * Sorts the day's orders by creation time, numbers them, sets their state at the end of the day and files
   * their later versions under the day each happens on (the last event of that day wins).
   */
  private OrderRows finish(OrderRows raw, Lifecycle life, DayClock clock, OrderRows[] updates) {
    int n = raw.size;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((raw.created[i] - clock.midnights[0]) << 32) | i;
    }
    Arrays.sort(keys);
    OrderRows out = new OrderRows(n);
    long dayEnd = clock.midnights[1];
    long[] at = new long[3];
    int[] status = new int[3];
    for (int seq = 0; seq < n; seq++) {
      int i = (int) (keys[seq] & 0xFFFF_FFFFL);
      int events = 0;
      at[events] = raw.created[i];
      status[events++] = OrderRows.PLACED;
      int terminal = life.terminal[i];
      long terminalAt = life.terminalAt[i];
      if (raw.pickedAt[i] >= 0) {
        at[events] = raw.pickedAt[i];
        status[events++] = OrderRows.PICKED_UP;
      }
      if (terminal != OrderRows.PLACED) {
        at[events] = terminalAt;
        status[events++] = terminal;
      }
      int own = 0;
      while (own + 1 < events && at[own + 1] < dayEnd) {
        own++;
      }
      int row = out.add(raw.orderDay[i], seq + 1, raw.dropId[i], raw.skuId[i], raw.category[i], raw.neighbourhood[i],
          raw.customer[i], raw.created[i], raw.units[i], raw.latitude[i], raw.longitude[i], raw.mode[i], raw.hub[i],
          own >= 1 && raw.pickedAt[i] >= 0 && at[own] >= raw.pickedAt[i] ? raw.pickedAt[i] : -1,
          status[own], raw.optIn[i], at[own]);
      for (int e = own + 1; e < events; e++) {
        if (at[e] >= historyEnd) {
          break;
        }
        int offset = clock.offsetOf(at[e]);
        boolean laterSameDay = e + 1 < events && at[e + 1] < historyEnd && clock.offsetOf(at[e + 1]) == offset;
        if (offset < 1 || laterSameDay) {
          continue;
        }
        if (updates[offset] == null) {
          updates[offset] = new OrderRows(64);
        }
        long picked = raw.pickedAt[i] >= 0 && at[e] >= raw.pickedAt[i] ? raw.pickedAt[i] : -1;
        updates[offset].addVersion(out, row, status[e], picked, at[e]);
      }
    }
    return out;
  }

  /** Per-thread working arrays of one drop. */
  private static final class Scratch {
    long[] keys = new long[1024];
    int[] attemptCell = new int[1024];
    int[] attemptUnits = new int[1024];
    final long[] segFrom = new long[25];
    final long[] segTo = new long[25];
    final double[] segCumulative = new double[25];

    void ensureAttempts(int wanted) {
      if (wanted > keys.length) {
        int c = Math.max(wanted, keys.length * 2);
        keys = Arrays.copyOf(keys, c);
        attemptCell = Arrays.copyOf(attemptCell, c);
        attemptUnits = Arrays.copyOf(attemptUnits, c);
      }
    }

    /** Cuts the window into its local hours; returns the number of segments (cumulative weights kept). */
    int segments(DayClock clock, double[] hourly, long start, long end) {
      int count = 0;
      double cumulative = 0;
      for (int h = 0; h < 24; h++) {
        long from = Math.max(start, clock.hourStarts[h]);
        long to = Math.min(end, clock.hourStarts[h + 1]);
        if (to > from) {
          cumulative += hourly[h] * (to - from);
          segFrom[count] = from;
          segTo[count] = to;
          segCumulative[count] = cumulative;
          count++;
        }
      }
      if (count == 0) {
        segFrom[0] = start;
        segTo[0] = Math.max(start + 1, end);
        segCumulative[0] = 1;
        count = 1;
      }
      return count;
    }

    long sampleArrival(SplittableRandom rng, int segments) {
      double u = rng.nextDouble() * segCumulative[segments - 1];
      int k = 0;
      while (k < segments - 1 && u >= segCumulative[k]) {
        k++;
      }
      return segFrom[k] + (long) (rng.nextDouble() * (segTo[k] - segFrom[k]));
    }

    /** Share of the hourly (non-burst) arrival mass between two instants. */
    double massBetween(int segments, long from, long to) {
      double total = segCumulative[segments - 1];
      double mass = 0;
      double previous = 0;
      for (int k = 0; k < segments; k++) {
        double weight = segCumulative[k] - previous;
        previous = segCumulative[k];
        long a = Math.max(from, segFrom[k]);
        long b = Math.min(to, segTo[k]);
        if (b > a) {
          mass += weight * (b - a) / (segTo[k] - segFrom[k]);
        }
      }
      return mass / total;
    }
  }
}

package io.dropcast.generate;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The drops of a day: per category the mean number of drops rounded up or down at random, each by one
 * merchant for one SKU, at the hubs nearest the merchant (the category's drops share the city; in a small city
 * a drop is sometimes offered at every hub), in one of the category's windows, with a discount, announcement
 * channels and one to four micro-release batches.
 *
 * <p>A pure function of (world, date): its random stream derives from the seed and the date only, so the
 * demand model can look at yesterday's schedule (the recovery effect) without generating yesterday.
 */
public final class DropSchedule {
  private DropSchedule() {}

  /** Latest local minute a window may end at. */
  static final int LAST_MINUTE = 23 * 60 + 30;

  /** The day's drops, sorted by release time, with their ids. */
  public static List<DropPlan> plan(World world, LocalDate date) {
    SplittableRandom rng = Rand.stream(world.params().seed(), date.toEpochDay(), Rand.SCHEDULE);
    List<World.Hub> hubs = world.hubs();
    int[] open = hubs.stream().filter(h -> h.isOpen(date)).mapToInt(World.Hub::index).toArray();
    List<Draft> drafts = new ArrayList<>();
    for (int c = 0; c < world.categories().size(); c++) {
      CategorySpec spec = world.categories().get(c);
      double rate = spec.dropsPerDay() * Math.max(1.0, open.length / 3.0);
      int count = (int) rate + (rng.nextDouble() < rate - (int) rate ? 1 : 0);
      int[] merchants = world.merchantsOf(c);
      List<Draft> category = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        World.Merchant merchant = world.merchants().get(merchants[rng.nextInt(merchants.length)]);
        int sku = rng.nextInt(merchant.skus().size());
        int[] window = spec.windows()[rng.nextInt(spec.windows().length)];
        int startMinute = window[0] + 15 * rng.nextInt(3);
        int endMinute = Math.min(LAST_MINUTE, startMinute + window[1]);
        boolean everywhere = rng.nextDouble() < 0.15 && open.length <= 8;
        int batches = batchCount(rng);
        double discount = spec.discountRange()[0]
            + rng.nextDouble() * (spec.discountRange()[1] - spec.discountRange()[0]);
        discount = Math.round(discount * 20) / 20.0;
        long list = merchant.skus().get(sku).listPriceCents();
        long price = Math.max(1, Math.min(list - 1, Math.round(list * (1.0 - discount))));
        boolean push = rng.nextDouble() < 0.6;
        boolean sms = rng.nextDouble() < 0.25;
        double planFactor = Rand.lognormal(rng, 1.20, 0.30);
        long[] starts = new long[batches];
        double[] shares = new double[batches];
        double total = 0;
        int span = (int) ((endMinute - startMinute) * 0.6);
        for (int b = 0; b < batches; b++) {
          int minute = startMinute + (b == 0 ? 0 : (span * b / batches) / 5 * 5);
          starts[b] = epochSecond(world, date, minute);
          shares[b] = 0.7 + 0.6 * rng.nextDouble();
          total += shares[b];
        }
        for (int b = 0; b < batches; b++) {
          shares[b] /= total;
        }
        long ends = epochSecond(world, date, endMinute);
        category.add(new Draft(c, merchant.index(), sku, everywhere ? open : null, starts, ends, list, price, push,
            sms, planFactor, shares));
      }
      drafts.addAll(withHubs(world, category, open));
    }
    drafts.sort(Comparator.<Draft>comparingLong(d -> d.starts[0]).thenComparingInt(d -> d.category)
        .thenComparingInt(d -> d.merchant).thenComparingInt(d -> d.sku).thenComparingLong(d -> d.ends));
    String prefix = "dr-" + date.toString().replace("-", "") + "-";
    List<DropPlan> plans = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      Draft d = drafts.get(i);
      plans.add(new DropPlan(prefix + String.format(Locale.ROOT, "%03d", i + 1), d.category, d.merchant, d.sku,
          d.hubs, d.starts, d.ends, d.list, d.price, d.push, d.sms, d.planFactor, d.shares));
    }
    return plans;
  }

  /**
   * Eligible hubs of a category's drops: each drop gets the open hub nearest its merchant's home hub, and
   * every other open hub goes to the drop whose base is nearest (ties to the earlier drop), so the day's drops
   * of a category share the city between them; a drop flagged "everywhere" keeps every open hub.
   */
  private static List<Draft> withHubs(World world, List<Draft> drafts, int[] open) {
    int n = drafts.size();
    if (n == 0) {
      return drafts;
    }
    boolean[] isOpen = new boolean[world.hubs().size()];
    for (int h : open) {
      isOpen[h] = true;
    }
    int[] base = new int[n];
    for (int i = 0; i < n; i++) {
      int home = world.merchants().get(drafts.get(i).merchant).homeHub();
      for (int h : world.hubsByDistance(home)) {
        if (isOpen[h]) {
          base[i] = h;
          break;
        }
      }
    }
    List<List<Integer>> assigned = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      assigned.add(new ArrayList<>());
    }
    for (int h : open) {
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (world.hubToHubKm(h, base[i]) < world.hubToHubKm(h, base[best])) {
          best = i;
        }
      }
      assigned.get(best).add(h);
    }
    List<Draft> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Draft d = drafts.get(i);
      int[] hubs;
      if (d.hubs != null) {
        hubs = d.hubs.clone();
      } else {
        java.util.TreeSet<Integer> set = new java.util.TreeSet<>(assigned.get(i));
        set.add(base[i]);
        hubs = set.stream().mapToInt(Integer::intValue).toArray();
      }
      out.add(new Draft(d.category, d.merchant, d.sku, hubs, d.starts, d.ends, d.list, d.price, d.push, d.sms,
          d.planFactor, d.shares));
    }
    return out;
  }

  private record Draft(int category, int merchant, int sku, int[] hubs, long[] starts, long ends, long list,
      long price, boolean push, boolean sms, double planFactor, double[] shares) {}

  /** 60 % one batch, 25 % two, 10 % three, 5 % four. */
  private static int batchCount(SplittableRandom rng) {
    double u = rng.nextDouble();
    return u < 0.60 ? 1 : u < 0.85 ? 2 : u < 0.95 ? 3 : 4;
  }

  static long epochSecond(World world, LocalDate date, int minuteOfDay) {
    return ZonedDateTime.of(date, LocalTime.of(minuteOfDay / 60, minuteOfDay % 60), world.params().timeZone())
        .toEpochSecond();
  }
}

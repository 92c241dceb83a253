package io.dropcast.generate;

import com.uber.h3core.H3Core;
import com.uber.h3core.LengthUnit;
import com.uber.h3core.util.LatLng;
import io.dropcast.errors.Errors;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The static part of a generated city, built deterministically from {@link WorldParams}: neighbourhoods (H3
 * cells in a spiral around the centre, with base demand, category affinity and opening dates), hubs (well
 * separated, sized to the demand they serve), categories and their merchants and SKUs, and the demand scale
 * calibrated so that the mean latent orders a day match {@link WorldParams#ordersPerDay()}.
 *
 * <p>Immutable once built; shared read-only by the day simulations. Arrays exposed by the records are owned
 * by the world and must not be modified.
 */
public final class World {

  /**
   * A neighbourhood: one H3 cell.
   *
   * @param index position in the spiral (0 = the centre cell)
   * @param cell H3 index
   * @param address H3 address string, as written in the truth
   * @param ring grid distance from the centre cell
   * @param latitude cell centre latitude
   * @param longitude cell centre longitude
   * @param boundaryLatitude cell boundary vertices (latitudes)
   * @param boundaryLongitude cell boundary vertices (longitudes)
   * @param baseDemand lognormal base demand (mean about 1)
   * @param affinity demand multiplier per category, in {@link #categories()} order
   * @param openedOn first day with demand; null if open from the start
   * @param customers size of the neighbourhood's customer pool
   */
  public record Neighbourhood(int index, long cell, String address, int ring, double latitude, double longitude,
      double[] boundaryLatitude, double[] boundaryLongitude, double baseDemand, double[] affinity,
      LocalDate openedOn, int customers) {

    /** Whether the neighbourhood has demand on a day. */
    public boolean isOpen(LocalDate date) {
      return openedOn == null || !date.isBefore(openedOn);
    }
  }

  /**
   * A pickup hub.
   *
   * @param index position in {@link #hubs()}
   * @param hubId identifier written in the landing files
   * @param name display name (free text, with characters that need escaping on purpose)
   * @param neighbourhood index of the neighbourhood the hub sits in
   * @param latitude hub latitude
   * @param longitude hub longitude
   * @param capacityUnits units the hub holds at once (before {@code changedOn})
   * @param pickPackPerHour pickups served per hour
   * @param pickupSlaHours promised hours from order to ready-for-pickup
   * @param opensAt local opening time
   * @param closesAt local closing time
   * @param openedOn first day the hub serves pickups; null if it always did
   * @param changedOn day the capacity changed (a new snapshot is written); null if never
   * @param capacityUnitsAfterChange capacity from {@code changedOn}
   */
  public record Hub(int index, String hubId, String name, int neighbourhood, double latitude, double longitude,
      int capacityUnits, int pickPackPerHour, double pickupSlaHours, LocalTime opensAt, LocalTime closesAt,
      LocalDate openedOn, LocalDate changedOn, int capacityUnitsAfterChange) {

    /** Whether the hub serves pickups on a day. */
    public boolean isOpen(LocalDate date) {
      return openedOn == null || !date.isBefore(openedOn);
    }

    /** Capacity in force on a day. */
    public int capacityOn(LocalDate date) {
      return changedOn != null && !date.isBefore(changedOn) ? capacityUnitsAfterChange : capacityUnits;
    }
  }

  /** A SKU a merchant drops; {@code listPriceCents} is the regular price in cents. */
  public record Sku(String skuId, String title, long listPriceCents) {}

  /** A merchant of one category, based near its home hub. */
  public record Merchant(int index, String merchantId, int category, int homeHub, List<Sku> skus) {}

  private static final String[] HUB_PLACES = {
      "Baixa", "Alfama", "Graça", "Estrela", "Campo de Ourique", "Arroios", "Avenidas Novas", "Alvalade",
      "Belém", "Benfica", "Lumiar", "Marvila", "Parque das Nações", "Ajuda", "Areeiro", "Penha de França",
      "Santos", "Príncipe Real", "Alcântara", "Campolide"};

  private final WorldParams params;
  private final List<CategorySpec> categories;
  private final List<Neighbourhood> neighbourhoods;
  private final List<Hub> hubs;
  private final List<Merchant> merchants;
  private final int[][] merchantsByCategory;
  private final double[][] hubDistanceKm;
  private final int[][] hubsByDistance;
  private final double[][] hubToHubKm;
  private final int[][] neighbourhoodsNearHub;
  private final long[] customerOffsets;
  private final long customerModulus;
  private final int customerDigits;
  private final long customerMultiplier;
  private final long customerAddend;
  private final double reachKm;
  private final double demandScale;
  private final double growthPerYear;
  private final String centreCell;

  private World(WorldParams params, List<CategorySpec> categories, List<Neighbourhood> neighbourhoods,
      List<Hub> hubs, List<Merchant> merchants, double reachKm, double demandScale, double growthPerYear,
      String centreCell) {
    this.params = params;
    this.categories = List.copyOf(categories);
    this.neighbourhoods = List.copyOf(neighbourhoods);
    this.hubs = List.copyOf(hubs);
    this.merchants = List.copyOf(merchants);
    this.reachKm = reachKm;
    this.demandScale = demandScale;
    this.growthPerYear = growthPerYear;
    this.centreCell = centreCell;
    customerOffsets = new long[neighbourhoods.size() + 1];
    for (Neighbourhood nb : neighbourhoods) {
      customerOffsets[nb.index() + 1] = customerOffsets[nb.index()] + nb.customers();
    }
    int digits = 6;
    long modulus = 1_000_000L;
    while (modulus < customerOffsets[neighbourhoods.size()]) {
      modulus *= 10;
      digits++;
    }
    customerModulus = modulus;
    customerDigits = digits;
    long key = Rand.seed(params.seed(), 0, Rand.CUSTOMER);
    long multiplier = Math.floorMod(key, modulus) | 1;
    while (multiplier % 5 == 0 || multiplier < modulus / 10) {
      multiplier = Math.floorMod(multiplier * 7 + 3, modulus) | 1;
    }
    customerMultiplier = multiplier;
    customerAddend = Math.floorMod(Rand.mix(key), modulus);
    this.merchantsByCategory = new int[categories.size()][];
    for (int c = 0; c < categories.size(); c++) {
      final int cat = c;
      merchantsByCategory[c] = merchants.stream().filter(m -> m.category() == cat).mapToInt(Merchant::index).toArray();
    }
    int n = neighbourhoods.size();
    int h = hubs.size();
    hubDistanceKm = new double[n][h];
    for (Neighbourhood nb : neighbourhoods) {
      for (Hub hub : hubs) {
        hubDistanceKm[nb.index()][hub.index()] =
            distanceKm(nb.latitude(), nb.longitude(), hub.latitude(), hub.longitude());
      }
    }
    hubToHubKm = new double[h][h];
    for (Hub a : hubs) {
      for (Hub b : hubs) {
        hubToHubKm[a.index()][b.index()] = distanceKm(a.latitude(), a.longitude(), b.latitude(), b.longitude());
      }
    }
    hubsByDistance = new int[h][];
    for (Hub from : hubs) {
      Integer[] order = new Integer[h];
      for (int i = 0; i < h; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> hubToHubKm[from.index()][i])
          .thenComparingInt(i -> i));
      hubsByDistance[from.index()] = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
    neighbourhoodsNearHub = new int[h][];
    double cutoff = reachCutoffKm();
    for (int j = 0; j < h; j++) {
      final int hub = j;
      neighbourhoodsNearHub[j] = java.util.stream.IntStream.range(0, n)
          .filter(i -> hubDistanceKm[i][hub] <= cutoff).toArray();
    }
  }

  public WorldParams params() {
    return params;
  }

  public List<CategorySpec> categories() {
    return categories;
  }

  public List<Neighbourhood> neighbourhoods() {
    return neighbourhoods;
  }

  public List<Hub> hubs() {
    return hubs;
  }

  public List<Merchant> merchants() {
    return merchants;
  }

  /** Merchant indexes of a category. */
  int[] merchantsOf(int category) {
    return merchantsByCategory[category];
  }

  /**
   * The number in a customer's id: the customer's position among all pools, scrambled by an affine bijection
   * modulo a power of ten ({@code a x g + b}, {@code a} odd and not a multiple of 5), so ids are distinct,
   * short and reveal nothing of the neighbourhood.
   */
  long customerNumber(int neighbourhood, int index) {
    long g = customerOffsets[neighbourhood] + index;
    return Math.floorMod(customerMultiplier * g + customerAddend, customerModulus);
  }

  /** Digits of a customer number (at least 6). */
  int customerDigits() {
    return customerDigits;
  }

  /** Distance from a neighbourhood's centre to a hub, km. */
  double hubDistanceKm(int neighbourhood, int hub) {
    return hubDistanceKm[neighbourhood][hub];
  }

  /** Distance between two hubs, km. */
  double hubToHubKm(int a, int b) {
    return hubToHubKm[a][b];
  }

  /** All hubs ordered by distance from a hub (itself first). */
  int[] hubsByDistance(int hub) {
    return hubsByDistance[hub];
  }

  /** Neighbourhoods a hub can reach at all (within {@link #reachCutoffKm()}), ascending. */
  int[] neighbourhoodsNearHub(int hub) {
    return neighbourhoodsNearHub[hub];
  }

  /** Distance scale of the reach decay exp(-km / reachKm). */
  public double reachKm() {
    return reachKm;
  }

  /** Distance beyond which a hub does not reach a neighbourhood (reach below {@link DemandModel#MIN_REACH}). */
  double reachCutoffKm() {
    return -reachKm * StrictMath.log(DemandModel.MIN_REACH);
  }

  /** Orders per unit of the demand model's potential, calibrated to {@link WorldParams#ordersPerDay()}. */
  public double demandScale() {
    return demandScale;
  }

  /** Yearly demand growth (0.2 = +20 % a year). */
  public double growthPerYear() {
    return growthPerYear;
  }

  /** H3 address of the centre cell. */
  public String centreCell() {
    return centreCell;
  }

  /** The days a full hub snapshot is written: the start and every hub opening or change inside the history. */
  public List<LocalDate> hubSnapshotDates() {
    java.util.TreeSet<LocalDate> dates = new java.util.TreeSet<>();
    dates.add(params.start());
    for (Hub hub : hubs) {
      for (LocalDate d : new LocalDate[] {hub.openedOn(), hub.changedOn()}) {
        if (d != null && !d.isBefore(params.start()) && !d.isAfter(params.end())) {
          dates.add(d);
        }
      }
    }
    return List.copyOf(dates);
  }

  /** Great-circle distance (haversine, mean Earth radius), km. */
  public static double distanceKm(double lat1, double lng1, double lat2, double lng2) {
    double p1 = StrictMath.toRadians(lat1);
    double p2 = StrictMath.toRadians(lat2);
    double dp = p2 - p1;
    double dl = StrictMath.toRadians(lng2 - lng1);
    double a = StrictMath.sin(dp / 2) * StrictMath.sin(dp / 2)
        + StrictMath.cos(p1) * StrictMath.cos(p2) * StrictMath.sin(dl / 2) * StrictMath.sin(dl / 2);
    return 2 * 6371.0088 * StrictMath.atan2(StrictMath.sqrt(a), StrictMath.sqrt(1 - a));
  }

  /** Rounds a coordinate to 6 decimals (about 0.1 m), as every coordinate in the landing files is. */
  static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  // ---- building -----------------------------------------------------------------------------------

  /** Builds the world for the params: geography, hubs, merchants, then the demand calibration. */
  public static World build(WorldParams p) {
    H3Core h3 = H3.get();
    SplittableRandom rng = Rand.stream(p.seed(), 0, Rand.WORLD);
    List<CategorySpec> categories = Categories.defaults();

    long centre = h3.latLngToCell(p.centreLatitude(), p.centreLongitude(), p.h3Resolution());
    List<long[]> cells = spiral(h3, centre, p.neighbourhoods());

    // Neighbourhoods: base demand falls off a little with the distance from the centre.
    List<Neighbourhood> neighbourhoods = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      long cell = cells.get(i)[0];
      int ring = (int) cells.get(i)[1];
      LatLng c = h3.cellToLatLng(cell);
      List<LatLng> boundary = h3.cellToBoundary(cell);
      double[] blat = new double[boundary.size()];
      double[] blng = new double[boundary.size()];
      for (int v = 0; v < boundary.size(); v++) {
        blat[v] = boundary.get(v).lat;
        blng[v] = boundary.get(v).lng;
      }
      double base = StrictMath.exp(0.55 * Rand.normal(rng) - 0.5 * 0.55 * 0.55) * Math.max(0.4, 1.0 - 0.05 * ring);
      double[] affinity = new double[categories.size()];
      for (int k = 0; k < affinity.length; k++) {
        affinity[k] = StrictMath.exp(0.35 * Rand.normal(rng) - 0.5 * 0.35 * 0.35);
      }
      neighbourhoods.add(new Neighbourhood(i, cell, h3.h3ToString(cell), ring, round6(c.lat), round6(c.lng),
          blat, blng, base, affinity, null, 0));
    }

    // About 10 % of the neighbourhoods, on the outside, open during the history.
    int n = neighbourhoods.size();
    int opening = n >= 5 && p.days() >= 10 ? Math.max(1, (int) Math.round(0.1 * n)) : 0;
    int[] outer = java.util.stream.IntStream.range(n / 2, n).toArray();
    shuffle(outer, rng);
    for (int k = 0; k < opening; k++) {
      Neighbourhood nb = neighbourhoods.get(outer[k]);
      LocalDate openedOn = p.start().plusDays((long) (p.days() * (0.2 + 0.6 * rng.nextDouble())));
      neighbourhoods.set(nb.index(), withOpening(nb, openedOn));
    }

    List<Hub> hubs = placeHubs(p, neighbourhoods, rng);
    List<Merchant> merchants = merchants(categories, hubs.size(), rng);
    double growth = 0.10 + 0.20 * rng.nextDouble();
    double reachKm = Math.max(1.5, 2.0 * h3.getHexagonEdgeLengthAvg(p.h3Resolution(), LengthUnit.km));

    World draft = new World(p, categories, neighbourhoods, hubs, merchants, reachKm, 1.0, growth,
        h3.h3ToString(centre));
    return draft.calibrated(rng);
  }

  /** Cells ordered as a spiral: by ring from the centre, then clockwise from north; the first {@code count}. */
  private static List<long[]> spiral(H3Core h3, long centre, int count) {
    LatLng c = h3.cellToLatLng(centre);
    int k = 0;
    while (1 + 3 * k * (k + 1) < count) {
      k++;
    }
    List<List<Long>> rings = h3.gridDiskDistances(centre, k);
    List<long[]> out = new ArrayList<>();
    for (int ring = 0; ring < rings.size() && out.size() < count; ring++) {
      List<long[]> inRing = new ArrayList<>();
      for (long cell : rings.get(ring)) {
        LatLng ll = h3.cellToLatLng(cell);
        double bearing = StrictMath.atan2((ll.lng - c.lng) * StrictMath.cos(StrictMath.toRadians(c.lat)), ll.lat - c.lat);
        if (bearing < 0) {
          bearing += 2 * StrictMath.PI;
        }
        inRing.add(new long[] {cell, ring, Double.doubleToLongBits(bearing)});
      }
      inRing.sort(Comparator.<long[]>comparingDouble(a -> Double.longBitsToDouble(a[2])).thenComparingLong(a -> a[0]));
      for (long[] cell : inRing) {
        if (out.size() < count) {
          out.add(cell);
        }
      }
    }
    return out;
  }

  private static Neighbourhood withOpening(Neighbourhood nb, LocalDate openedOn) {
    return new Neighbourhood(nb.index(), nb.cell(), nb.address(), nb.ring(), nb.latitude(), nb.longitude(),
        nb.boundaryLatitude(), nb.boundaryLongitude(), nb.baseDemand(), nb.affinity(), openedOn, nb.customers());
  }

  /** Farthest-point placement: each new hub goes to the cell farthest from the hubs placed so far. */
  private static List<Hub> placeHubs(WorldParams p, List<Neighbourhood> neighbourhoods, SplittableRandom rng) {
    int n = neighbourhoods.size();
    int[] chosen = new int[p.hubs()];
    chosen[0] = rng.nextInt(Math.min(n, 7));
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.MAX_VALUE);
    for (int k = 1; k < chosen.length; k++) {
      Neighbourhood last = neighbourhoods.get(chosen[k - 1]);
      int best = -1;
      for (int i = 0; i < n; i++) {
        Neighbourhood nb = neighbourhoods.get(i);
        nearest[i] = Math.min(nearest[i], distanceKm(nb.latitude(), nb.longitude(), last.latitude(), last.longitude()));
        if (best < 0 || nearest[i] > nearest[best]) {
          best = i;
        }
      }
      chosen[k] = best;
      nearest[best] = 0;
    }
    String[] slas = {"2", "3", "3", "3", "4"};
    int[] opens = {8, 9, 9, 10};
    int[] closes = {20, 21, 21, 22};
    int width = p.hubs() > 99 ? 3 : 2;
    int openingHub = p.hubs() >= 2 && p.days() >= 14 ? p.hubs() - 1 : -1;
    int changingHub = p.hubs() >= 3 && p.days() >= 14 ? 0 : -1;
    List<Hub> hubs = new ArrayList<>();
    for (int k = 0; k < chosen.length; k++) {
      Neighbourhood nb = neighbourhoods.get(chosen[k]);
      double lat = round6(nb.latitude() + (rng.nextDouble() - 0.5) * 0.0012);
      double lng = round6(nb.longitude() + (rng.nextDouble() - 0.5) * 0.0015);
      String id = String.format(Locale.ROOT, "hub-%0" + width + "d", k + 1);
      String name = k == 1
          ? "Mercado \"Ribeira\" & Co., Cais do Sodré"
          : "Dropcast " + (k < HUB_PLACES.length ? HUB_PLACES[k] : "Hub " + (k + 1));
      double sla = Double.parseDouble(slas[rng.nextInt(slas.length)]);
      LocalTime opensAt = LocalTime.of(opens[rng.nextInt(opens.length)], 0);
      LocalTime closesAt = LocalTime.of(closes[rng.nextInt(closes.length)], 0);
      LocalDate openedOn = k == openingHub ? p.start().plusDays((long) (p.days() * (0.3 + 0.3 * rng.nextDouble()))) : null;
      LocalDate changedOn = k == changingHub ? p.start().plusDays((long) (p.days() * (0.55 + 0.3 * rng.nextDouble()))) : null;
      hubs.add(new Hub(k, id, name, nb.index(), lat, lng, 0, 0, sla, opensAt, closesAt, openedOn, changedOn, 0));
    }
    return hubs;
  }

  private static List<Merchant> merchants(List<CategorySpec> categories, int hubCount, SplittableRandom rng) {
    List<Merchant> merchants = new ArrayList<>();
    int perCategory = Math.min(12, 2 + hubCount / 2);
    for (int c = 0; c < categories.size(); c++) {
      CategorySpec spec = categories.get(c);
      for (int m = 0; m < perCategory; m++) {
        String merchantId = String.format(Locale.ROOT, "m-%s-%02d", spec.slug(), m + 1);
        int skuCount = 3 + rng.nextInt(4);
        int[] products = java.util.stream.IntStream.range(0, spec.products().size()).toArray();
        shuffle(products, rng);
        List<Sku> skus = new ArrayList<>();
        for (int s = 0; s < skuCount; s++) {
          double price = spec.listPriceRange()[0] + rng.nextDouble() * (spec.listPriceRange()[1] - spec.listPriceRange()[0]);
          long cents = Math.max(99, Math.round(price * 2) * 50 - 1);
          String title = spec.products().get(products[s % products.length]) + (s >= products.length ? " (large)" : "");
          skus.add(new Sku(String.format(Locale.ROOT, "sku-%s-%02d-%02d", spec.slug(), m + 1, s + 1), title, cents));
        }
        merchants.add(new Merchant(merchants.size(), merchantId, c, rng.nextInt(hubCount), List.copyOf(skus)));
      }
    }
    return merchants;
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * The calibration pass: expected latent orders (no noise) over the history's days with a scale of 1 give
   * the scale that makes the mean equal {@code ordersPerDay}; the same pass sizes hub capacity, pick-pack rate
   * and customer pools.
   */
  private World calibrated(SplittableRandom rng) {
    DemandModel model = new DemandModel(this);
    int stride = Math.max(1, (params.days() + 365) / 366);
    double orders = 0;
    int sampled = 0;
    double[] hubUnits = new double[hubs.size()];
    double[] nbOrders = new double[neighbourhoods.size()];
    for (int d = 0; d < params.days(); d += stride) {
      LocalDate date = params.start().plusDays(d);
      List<DropPlan> today = DropSchedule.plan(this, date);
      List<DropPlan> yesterday = DropSchedule.plan(this, date.minusDays(1));
      DemandModel.DropDemand[] demand = model.forDay(date, today, yesterday);
      for (DemandModel.DropDemand dd : demand) {
        for (int r = 0; r < dd.neighbourhoods().length; r++) {
          orders += dd.lambda()[r];
          nbOrders[dd.neighbourhoods()[r]] += dd.lambda()[r];
          hubUnits[dd.hubs()[r]] += dd.lambda()[r] * DemandModel.MEAN_UNITS;
        }
      }
      sampled++;
    }
    double meanOrders = orders / Math.max(1, sampled);
    double scale = meanOrders > 0 ? params.ordersPerDay() / meanOrders : 1.0;

    List<Hub> sized = new ArrayList<>();
    for (Hub hub : hubs) {
      double unitsPerDay = scale * hubUnits[hub.index()] / Math.max(1, sampled);
      int capacity = (int) Math.max(20, Math.ceil(unitsPerDay * (1.1 + 0.5 * rng.nextDouble()) / 10.0) * 10);
      int pickPack = (int) Math.max(6, Math.round(unitsPerDay / DemandModel.MEAN_UNITS * 0.12 * (0.9 + 0.4 * rng.nextDouble())));
      int after = hub.changedOn() == null ? capacity : (int) (Math.ceil(capacity * 1.3 / 10.0) * 10);
      sized.add(new Hub(hub.index(), hub.hubId(), hub.name(), hub.neighbourhood(), hub.latitude(), hub.longitude(),
          capacity, pickPack, hub.pickupSlaHours(), hub.opensAt(), hub.closesAt(), hub.openedOn(), hub.changedOn(),
          after));
    }
    List<Neighbourhood> pooled = new ArrayList<>();
    for (Neighbourhood nb : neighbourhoods) {
      double perDay = scale * nbOrders[nb.index()] / Math.max(1, sampled);
      int customers = (int) Math.min(200_000, Math.max(20, Math.ceil(perDay * 25)));
      pooled.add(new Neighbourhood(nb.index(), nb.cell(), nb.address(), nb.ring(), nb.latitude(), nb.longitude(),
          nb.boundaryLatitude(), nb.boundaryLongitude(), nb.baseDemand(), nb.affinity(), nb.openedOn(), customers));
    }
    return new World(params, categories, pooled, sized, merchants, reachKm, scale, growthPerYear, centreCell);
  }

  /** One H3 instance per JVM (it loads a native library). */
  static final class H3 {
    private H3() {}

    private static volatile H3Core instance;

    static H3Core get() {
      H3Core h3 = instance;
      if (h3 == null) {
        synchronized (H3.class) {
          h3 = instance;
          if (h3 == null) {
            try {
              h3 = H3Core.newInstance();
            } catch (IOException | RuntimeException | LinkageError e) {
              throw Errors.internal("Cannot load the H3 native library (com.uber:h3) on "
                  + System.getProperty("os.name") + "/" + System.getProperty("os.arch"), e);
            }
            instance = h3;
          }
        }
      }
      return h3;
    }
  }
}

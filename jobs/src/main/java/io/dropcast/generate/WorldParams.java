package io.dropcast.generate;

import io.dropcast.errors.Errors;
import io.dropcast.models.calendar.HolidayCalendar;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything that defines a generated world: the same params give byte-identical files. Validated on
 * construction; a broken rule names the command-line option it came from.
 *
 * @param start first local date of the history
 * @param days number of days generated
 * @param neighbourhoods number of H3 cells around the centre
 * @param hubs number of pickup hubs
 * @param seed the world seed; every random stream derives from it
 * @param ordersPerDay mean latent (unconstrained) order attempts per day over the history; orders written are
 *     fewer, because drops sell out
 * @param format landing file format
 * @param timeZone zone of local dates, drop windows and hub hours
 * @param dirtyRatio share of order records made bad on purpose, in [0, 0.5]
 * @param h3Resolution H3 resolution of the neighbourhood cells
 * @param centreLatitude latitude of the city centre
 * @param centreLongitude longitude of the city centre
 * @param holidays the holiday calendar that shapes demand
 * @param holidaysName how the calendar was given ({@code portugal}, {@code none} or {@code custom}), for world.json
 */
public record WorldParams(
    LocalDate start,
    int days,
    int neighbourhoods,
    int hubs,
    long seed,
    int ordersPerDay,
    LandingFormat format,
    ZoneId timeZone,
    double dirtyRatio,
    int h3Resolution,
    double centreLatitude,
    double centreLongitude,
    HolidayCalendar holidays,
    String holidaysName) {

  public static final String OPT_START = "--start";
  public static final String OPT_DAYS = "--days";
  public static final String OPT_NEIGHBOURHOODS = "--neighbourhoods";
  public static final String OPT_HUBS = "--hubs";
  public static final String OPT_ORDERS_PER_DAY = "--orders-per-day";
  public static final String OPT_DIRTY_RATIO = "--dirty-ratio";
  public static final String OPT_H3_RESOLUTION = "--h3-resolution";
  public static final String OPT_CENTRE = "--centre";

  public static final int MAX_DAYS = 3660;
  public static final int MAX_NEIGHBOURHOODS = 5000;
  public static final int MAX_HUBS = 500;
  public static final int MAX_ORDERS_PER_DAY = 20_000_000;
  public static final double MAX_DIRTY_RATIO = 0.5;
  public static final int MIN_H3_RESOLUTION = 4;
  public static final int MAX_H3_RESOLUTION = 12;

  /** Lisbon (Baixa), the default centre. */
  public static final double LISBON_LATITUDE = 38.7223;
  public static final double LISBON_LONGITUDE = -9.1393;
  public static final String DEFAULT_TIME_ZONE = "Europe/Lisbon";

  public WorldParams {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(holidays, "holidays");
    Objects.requireNonNull(holidaysName, "holidaysName");
    if (days < 1 || days > MAX_DAYS) {
      throw Errors.badArgument(OPT_DAYS, Integer.toString(days), "the history must have 1 to " + MAX_DAYS + " days",
          "give a number of days between 1 and " + MAX_DAYS + ", for example --days 182");
    }
    if (neighbourhoods < 1 || neighbourhoods > MAX_NEIGHBOURHOODS) {
      throw Errors.badArgument(OPT_NEIGHBOURHOODS, Integer.toString(neighbourhoods),
          "a world has 1 to " + MAX_NEIGHBOURHOODS + " neighbourhood cells",
          "give a number between 1 and " + MAX_NEIGHBOURHOODS + ", for example --neighbourhoods 40");
    }
    if (hubs < 1 || hubs > Math.min(neighbourhoods, MAX_HUBS)) {
      throw Errors.badArgument(OPT_HUBS, Integer.toString(hubs),
          "hubs sit in distinct neighbourhood cells, so there are 1 to min(neighbourhoods, " + MAX_HUBS + ") = "
              + Math.min(neighbourhoods, MAX_HUBS) + " of them",
          "lower --hubs or raise --neighbourhoods");
    }
    if (ordersPerDay < 1 || ordersPerDay > MAX_ORDERS_PER_DAY) {
      throw Errors.badArgument(OPT_ORDERS_PER_DAY, Integer.toString(ordersPerDay),
          "the mean daily order attempts must be 1 to " + MAX_ORDERS_PER_DAY,
          "give a number in that range, for example --orders-per-day 5000");
    }
    if (!(dirtyRatio >= 0.0 && dirtyRatio <= MAX_DIRTY_RATIO)) {
      throw Errors.badArgument(OPT_DIRTY_RATIO, Double.toString(dirtyRatio),
          "the share of bad rows must be between 0 and " + MAX_DIRTY_RATIO,
          "give a ratio such as 0.005 (one bad row in 200), or 0 for clean data");
    }
    if (h3Resolution < MIN_H3_RESOLUTION || h3Resolution > MAX_H3_RESOLUTION) {
      throw Errors.badArgument(OPT_H3_RESOLUTION, Integer.toString(h3Resolution),
          "neighbourhoods are H3 cells of resolution " + MIN_H3_RESOLUTION + " to " + MAX_H3_RESOLUTION,
          "use 8 (about 0.7 km2 a cell) or a nearby resolution");
    }
    if (!(centreLatitude >= -80.0 && centreLatitude <= 80.0)
        || !(centreLongitude >= -180.0 && centreLongitude <= 180.0)) {
      throw Errors.badArgument(OPT_CENTRE, centreLatitude + "," + centreLongitude,
          "the centre must be a WGS84 point with latitude in [-80, 80] and longitude in [-180, 180]",
          "write it as LAT,LNG, for example --centre 38.7223,-9.1393");
    }
  }

  /** Last local date of the history. */
  public LocalDate end() {
    return start.plusDays(days - 1L);
  }

  /** A builder with the command's defaults (Lisbon, 5000 orders a day, parquet, Portugal's holidays). */
  public static Builder builder(LocalDate start, int days, int neighbourhoods, int hubs, long seed) {
    return new Builder(start, days, neighbourhoods, hubs, seed);
  }

  /** Builds {@link WorldParams}; defaults are the command's. */
  public static final class Builder {
    private final LocalDate start;
    private final int days;
    private final int neighbourhoods;
    private final int hubs;
    private final long seed;
    private int ordersPerDay = 5000;
    private LandingFormat format = LandingFormat.PARQUET;
    private ZoneId timeZone = ZoneId.of(DEFAULT_TIME_ZONE);
    private double dirtyRatio;
    private int h3Resolution = 8;
    private double centreLatitude = LISBON_LATITUDE;
    private double centreLongitude = LISBON_LONGITUDE;
    private HolidayCalendar holidays = HolidayCalendar.portugal();
    private String holidaysName = "portugal";

    private Builder(LocalDate start, int days, int neighbourhoods, int hubs, long seed) {
      this.start = start;
      this.days = days;
      this.neighbourhoods = neighbourhoods;
      this.hubs = hubs;
      this.seed = seed;
    }

    public Builder ordersPerDay(int value) {
      this.ordersPerDay = value;
      return this;
    }

    public Builder format(LandingFormat value) {
      this.format = value;
      return this;
    }

    public Builder timeZone(ZoneId value) {
      this.timeZone = value;
      return this;
    }

    public Builder dirtyRatio(double value) {
      this.dirtyRatio = value;
      return this;
    }

    public Builder h3Resolution(int value) {
      this.h3Resolution = value;
      return this;
    }

    public Builder centre(double latitude, double longitude) {
      this.centreLatitude = latitude;
      this.centreLongitude = longitude;
      return this;
    }

    public Builder holidays(HolidayCalendar calendar, String name) {
      this.holidays = calendar;
      this.holidaysName = name;
      return this;
    }

    public WorldParams build() {
      return new WorldParams(start, days, neighbourhoods, hubs, seed, ordersPerDay, format, timeZone, dirtyRatio,
          h3Resolution, centreLatitude, centreLongitude, holidays, holidaysName);
    }
  }
}

package io.dropcast.cli;

import io.dropcast.errors.Errors;
import io.dropcast.generate.Generator;
import io.dropcast.generate.LandingFormat;
import io.dropcast.generate.WorldParams;
import io.dropcast.models.calendar.HolidayCalendar;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dropcast generate}: writes a deterministic synthetic micro-drop history (landing files against the
 * Avro contract, plus the truth) for a city. Parses and validates the options into {@link Params}, then calls
 * the pure {@link Generator}; no Spark.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Generate a deterministic synthetic micro-drop history (landing files and truth) for a city.",
    footer = {"", "Example: dropcast generate --out data-samples --start 2026-05-29 --days 182 "
        + "--neighbourhoods 40 --hubs 6 --seed 42 --dirty-ratio 0.005"})
public final class GenerateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output folder: landing/{drops,orders,hubs}/date=.../ and truth/ are written under it.")
  Path out;

  @Option(names = "--start", required = true, paramLabel = "DATE",
      description = "First local date of the history, YYYY-MM-DD.")
  String start;

  @Option(names = "--days", required = true, paramLabel = "N", description = "Number of days to generate.")
  Integer days;

  @Option(names = "--neighbourhoods", required = true, paramLabel = "N",
      description = "Number of H3 cells around the centre (a spiral) with customers.")
  Integer neighbourhoods;

  @Option(names = "--hubs", required = true, paramLabel = "N",
      description = "Number of pickup hubs, spread over the area (one may open mid-history).")
  Integer hubs;

  @Option(names = "--seed", required = true, paramLabel = "S",
      description = "World seed: the same arguments give byte-identical files.")
  Long seed;

  @Option(names = "--orders-per-day", defaultValue = "5000", paramLabel = "N",
      description = "Mean order attempts a day over the history (latent demand); fewer orders are written, "
          + "because drops sell out.")
  int ordersPerDay;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
      description = "Landing file format: parquet, csv or jsonl (the truth is always Parquet).")
  String format;

  @Option(names = "--time-zone", defaultValue = WorldParams.DEFAULT_TIME_ZONE, paramLabel = "ZONE",
      description = "Time zone of local dates (date folders), drop windows and hub hours.")
  String timeZone;

  @Option(names = "--dirty-ratio", defaultValue = "0", paramLabel = "R",
      description = "Share of order rows made bad on purpose (several kinds, counted in truth/world.json).")
  double dirtyRatio;

  @Option(names = "--h3-resolution", defaultValue = "8", paramLabel = "RES",
      description = "H3 resolution of the neighbourhood cells.")
  int h3Resolution;

  @Option(names = "--centre", defaultValue = "38.7223,-9.1393", paramLabel = "LAT,LNG",
      description = "City centre the neighbourhoods spiral around (default: Lisbon).")
  String centre;

  @Option(names = "--holidays", defaultValue = "portugal", paramLabel = "LIST",
      description = "Holiday calendar: 'portugal', 'none', or dates separated by commas, MM-DD (every year) "
          + "or YYYY-MM-DD (one day).")
  String holidays;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
      description = "Worker threads; 0 means one per core (at most 8). Does not change the output.")
  int threads;

  @Option(names = "--overwrite", defaultValue = "false",
      description = "Delete the landing/ and truth/ output of an earlier run in DIR first.")
  boolean overwrite;

  /** The validated options. */
  public record Params(WorldParams world, Path out, int threads, boolean overwrite) {}

  /** Parses and validates the options; a bad value throws BAD_ARGUMENT naming the option. */
  public Params params() {
    LocalDate startDate;
    try {
      startDate = LocalDate.parse(start.trim());
    } catch (DateTimeException e) {
      throw Errors.badArgument(WorldParams.OPT_START, start, "a date is written YYYY-MM-DD",
          "give a calendar date, for example --start 2026-05-29");
    }
    LandingFormat landingFormat = LandingFormat.byName(format).orElseThrow(() -> Errors.badArgument("--format",
        format, "the landing formats are parquet, csv and jsonl", "use --format parquet, csv or jsonl"));
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone.trim());
    } catch (DateTimeException e) {
      throw Errors.badArgument("--time-zone", timeZone, "it is not a time zone id (" + e.getMessage() + ")",
          "give a region id such as Europe/Lisbon or UTC");
    }
    double[] latLng = parseCentre(centre);
    HolidayCalendar calendar;
    String calendarName;
    String h = holidays.trim().toLowerCase(Locale.ROOT);
    if (h.equals("portugal")) {
      calendar = HolidayCalendar.portugal();
      calendarName = "portugal";
    } else if (h.equals("none")) {
      calendar = HolidayCalendar.none();
      calendarName = "none";
    } else {
      try {
        calendar = HolidayCalendar.parse(Arrays.asList(holidays.split(",")));
      } catch (IllegalArgumentException e) {
        throw Errors.badArgument("--holidays", holidays, e.getMessage(),
            "give 'portugal', 'none' or a comma-separated list such as 12-25,2026-04-03");
      }
      calendarName = "custom: " + String.join(",", calendar.entries());
    }
    if (threads < 0 || threads > 64) {
      throw Errors.badArgument("--threads", Integer.toString(threads), "the worker threads must be 0 to 64",
          "use 0 (one per core) or a small number such as 2");
    }
    int workers = threads == 0 ? Math.min(8, Runtime.getRuntime().availableProcessors()) : threads;
    WorldParams world = WorldParams.builder(startDate, days, neighbourhoods, hubs, seed)
        .ordersPerDay(ordersPerDay)
        .format(landingFormat)
        .timeZone(zone)
        .dirtyRatio(dirtyRatio)
        .h3Resolution(h3Resolution)
        .centre(latLng[0], latLng[1])
        .holidays(calendar, calendarName)
        .build();
    return new Params(world, out, workers, overwrite);
  }

  private static double[] parseCentre(String value) {
    String[] parts = value.split(",");
    try {
      if (parts.length == 2) {
        return new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Errors.badArgument(WorldParams.OPT_CENTRE, value, "the centre is written LAT,LNG in decimal degrees",
        "for example --centre 38.7223,-9.1393");
  }

  @Override
  public Integer call() {
    Params p = params();
    Generator.Summary s = Generator.run(p.world(), p.out(), p.threads(), p.overwrite());
    print(s, spec.commandLine().getOut());
    return 0;
  }

  static void print(Generator.Summary s, PrintWriter out) {
    WorldParams w = s.world().params();
    double seconds = s.elapsedNanos() / 1e9;
    out.printf(Locale.ROOT, "Generated %d days (%s to %s) into %s in %.1f s%n", w.days(), w.start(), w.end(),
        s.out(), seconds);
    out.printf(Locale.ROOT, "  files          %,d (%s landing, Parquet truth)%n", s.files(), w.format().extension());
    out.printf(Locale.ROOT, "  drops          %,d records: %,d drops, %,d batches, %.1f %% of drops sold out%n",
        s.dropRows(), s.drops(), s.batches(), 100 * s.soldOutShare());
    out.printf(Locale.ROOT, "  orders         %,d records: %,d orders created, %,d later versions, %,d bad rows%n",
        s.orderRows(), s.ordersCreated(), s.updateRows(), s.badRowsTotal());
    out.printf(Locale.ROOT, "  hubs           %,d records%n", s.hubRows());
    out.printf(Locale.ROOT, "  latent_demand  %,d rows (truth): %,d units wanted, %,d sold%n", s.latentRows(),
        s.latentUnits(), s.soldUnits());
    if (s.badRowsTotal() > 0) {
      Map<String, Long> bad = s.badRows().entrySet().stream().filter(e -> e.getValue() > 0)
          .collect(Collectors.toMap(e -> e.getKey().slug(), Map.Entry::getValue, Long::sum,
              java.util.LinkedHashMap::new));
      out.printf(Locale.ROOT, "  bad rows       %s%n", bad);
    }
    out.printf(Locale.ROOT, "  throughput     %,.0f orders/s%n", s.ordersPerSecond());
    out.flush();
  }
}

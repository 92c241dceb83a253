package io.dropcast.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * What ops must look at first, derived from the collected figures (pure Java, no Spark): capacity breaches,
 * pick-pack overloads, low-confidence forecasts and quarantine above its normal level.
 */
public final class Warnings {
  private Warnings() {}

  /** Severity, kind (stable, for filters), subject (hub, date) and a sentence a reader can act on. */
  public record Warning(String severity, String kind, String subject, String message) {}

  public static final String[] CSV_COLUMNS = {"severity", "kind", "subject", "message"};

  /** Thresholds (from dropcast.report.*). */
  public record Limits(double quarantineFactor, int quarantineMinExcess, double lowConfidenceWidth) {}

  public static List<Warning> of(List<Row> hubDays, List<Row> hourLoad, List<Row> confidence,
      Map<java.sql.Date, Long> quarantinePerDate, java.sql.Date runDate, List<Row> quarantineRows, Limits limits) {
    List<Warning> out = new ArrayList<>();
    for (Row r : hubDays) {
      if (r.isNullAt(r.fieldIndex("capacity_units"))) {
        out.add(new Warning("error", "unknown_hub", r.<String>getAs("hub_id"),
            "The plan places units at hub " + r.getAs("hub_id") + ", which is not in the hubs table: check the plan"
                + " run and the hub snapshots."));
        continue;
      }
      long units = r.<Long>getAs("units");
      int capacity = r.<Integer>getAs("capacity_units");
      if (units > capacity) {
        out.add(new Warning("error", "capacity_breach", r.getAs("hub_id") + " " + r.getAs("drop_date"),
            String.format(Locale.ROOT, "%s holds %d units at once but the plan places %d for %s (%.0f%% of capacity):"
                    + " move %d units to another hub or cut the plan.", r.getAs("hub_name"), capacity, units,
                r.getAs("drop_date"), 100.0 * units / capacity, units - capacity)));
      }
    }
    Map<String, List<Row>> overByHub = new TreeMap<>();
    for (Row r : hourLoad) {
      Object limit = r.getAs("pick_pack_per_hour");
      if (limit != null && r.<Double>getAs("expected_pickups") > ((Integer) limit) + 1e-9) {
        overByHub.computeIfAbsent(r.getAs("hub_id"), k -> new ArrayList<>()).add(r);
      }
    }
    for (Map.Entry<String, List<Row>> e : overByHub.entrySet()) {
      Row worst = e.getValue().stream()
          .max((a, b) -> Double.compare(a.<Double>getAs("expected_pickups"), b.<Double>getAs("expected_pickups")))
          .orElseThrow();
      out.add(new Warning("warning", "pick_pack_overload", e.getKey(),
          String.format(Locale.ROOT, "%s expects more pickups than its staff serve (%d an hour) in %d hour(s); the"
                  + " worst is %s with %.1f: add staff or spread the drops' windows.", e.getKey(),
              worst.<Integer>getAs("pick_pack_per_hour"), e.getValue().size(), worst.getAs("hour"),
              worst.<Double>getAs("expected_pickups"))));
    }
    for (Row r : confidence) {
      long low = r.<Long>getAs("low_confidence_series");
      if (low > 0) {
        out.add(new Warning("warning", "low_confidence_forecast", r.getAs("hub_id") + " " + r.getAs("target_date"),
            String.format(Locale.ROOT, "%d of %d neighbourhood x category forecasts for %s at %s are low-confidence"
                    + " (%d cold-start, %d with p90 - p10 above %.1f x the mean), %.0f%% of its expected demand:"
                    + " treat its plan as a rough guide.", low, r.<Long>getAs("series"), r.getAs("target_date"),
                r.getAs("hub_id"), r.<Long>getAs("cold_start_series"), r.<Long>getAs("wide_series"),
                limits.lowConfidenceWidth(), 100.0 * r.<Double>getAs("low_confidence_demand_share"))));
      }
    }
    quarantineWarning(quarantinePerDate, runDate, quarantineRows, limits).ifPresent(out::add);
    return out;
  }

  /** Quarantine of the run date against the median of the dates before it (dates ingested with 0 count). */
  static java.util.Optional<Warning> quarantineWarning(Map<java.sql.Date, Long> perDate, java.sql.Date runDate,
      List<Row> rows, Limits limits) {
    long today = perDate.getOrDefault(runDate, 0L);
    long[] before = perDate.entrySet().stream().filter(e -> e.getKey().before(runDate))
        .mapToLong(Map.Entry::getValue).sorted().toArray();
    double median = median(before);
    if (today > limits.quarantineFactor() * median && today - median >= limits.quarantineMinExcess()) {
      Map<String, Long> byRule = new TreeMap<>();
      for (Row r : rows) {
        if (runDate.equals(r.getAs("run_date"))) {
          byRule.merge(r.getAs("source") + "/" + r.getAs("rule"), r.<Long>getAs("records"), Long::sum);
        }
      }
      return java.util.Optional.of(new Warning("warning", "quarantine_above_normal", runDate.toString(),
          String.format(Locale.ROOT, "Ingest of %s quarantined %d records, against a median of %.1f over the %d"
                  + " run dates before it (%s): look at the landing files before trusting this plan.", runDate, today,
              median, before.length, byRule.toString().replaceAll("[{}]", ""))));
    }
    return java.util.Optional.empty();
  }

  static double median(long[] sorted) {
    if (sorted.length == 0) {
      return 0;
    }
    long[] s = Arrays.copyOf(sorted, sorted.length);
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2.0;
  }
}

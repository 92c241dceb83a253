package io.dropcast.cli;

import io.dropcast.errors.Errors;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The run date of a dated job: {@code --date D} for one night, or {@code --from D1 --to D2} for a backfill.
 * The date is always an argument, never "today", so reruns and backfills give the same tables.
 */
public final class DateOptions {
  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The run date (local to dropcast.time-zone).")
  LocalDate date;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First date of a backfill (with --to).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date of a backfill, inclusive (with --from).")
  LocalDate to;

  public LocalDate first() {
    validate();
    return date != null ? date : from;
  }

  public LocalDate last() {
    validate();
    return date != null ? date : to;
  }

  /** Every date of the run, in order. */
  public List<LocalDate> dates() {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = first(); !d.isAfter(last()); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }

  /** For a job that runs for one date: a range fails, saying to run {@code job} once per date. */
  public void requireOne(String job) {
    if (!first().equals(last())) {
      throw Errors.badArgument("--from/--to", first() + ".." + last(), job + " runs for one date",
          "run 'dropcast " + job + " --date D' once per date");
    }
  }

  void validate() {
    if (date != null && (from != null || to != null)) {
      throw Errors.badArgument("--date", date.toString(), "--date cannot be combined with --from/--to",
          "give either --date D or --from D1 --to D2");
    }
    if (date == null && (from == null || to == null)) {
      throw Errors.badArgument(from == null ? "--from" : "--to", "(missing)",
          "a run needs --date, or both --from and --to", "add --date YYYY-MM-DD");
    }
    if (date == null && to.isBefore(from)) {
      throw Errors.badArgument("--to", to.toString(), "--to is before --from (" + from + ")",
          "give --to on or after --from");
    }
  }
}

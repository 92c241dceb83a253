package io.dropcast.forecast;

import io.dropcast.cli.DateOptions;
import io.dropcast.errors.Errors;

/** The forecasting jobs run for one date: a backfill runs them once per date. */
final class OneDate {
  private OneDate() {}

  static void require(DateOptions dates, String job) {
    if (!dates.first().equals(dates.last())) {
      throw Errors.badArgument("--from/--to", dates.first() + ".." + dates.last(),
          job + " runs for one date", "run 'dropcast " + job + " --date D' once per date");
    }
  }
}

package io.dropcast.cli;

import io.dropcast.config.DropcastConfig;
import java.time.LocalDate;
import picocli.CommandLine.Mixin;

/**
 * A Spark job run for a date ({@code --date D}) or a range ({@code --from D1 --to D2}): the dates are checked
 * before Spark starts and recorded in the ledger. Subclasses that check more call {@code super.validate}.
 */
public abstract class DatedJobCommand extends SparkJobCommand {
  @Mixin
  protected DateOptions dates;

  @Override
  protected LocalDate firstDate() {
    return dates.first();
  }

  @Override
  protected LocalDate lastDate() {
    return dates.last();
  }

  @Override
  protected void validate(DropcastConfig config) {
    dates.validate();
  }

  /** For a job that runs for one date: a range fails, saying to run the job once per date. */
  protected void requireOneDate() {
    dates.requireOne(spec.name());
  }
}

package io.dropcast.cli;

import io.dropcast.config.DropcastConfig;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

  /** What one date of a run printed, and the Delta version of the table it wrote. */
  public record DateRun(String line, long tableVersion) {}

  /**
   * Runs {@code one} for each date of the run in order, printing each date's line as it ends; the outcome lists the
   * lines and the last version of {@code table}.
   */
  protected RunOutcome eachDate(String table, Function<LocalDate, DateRun> one) {
    List<String> lines = new ArrayList<>();
    long version = -1;
    for (LocalDate date : dates.dates()) {
      DateRun r = one.apply(date);
      version = r.tableVersion();
      spec.commandLine().getOut().println(r.line());
      spec.commandLine().getOut().flush();
      lines.add(r.line());
    }
    return new RunOutcome(RunStatus.SUCCEEDED, null, null, null, Map.of(table, version), String.join(" ", lines));
  }

  /** For a job that runs for one date: a range fails, saying to run the job once per date. */
  protected void requireOneDate() {
    dates.requireOne(spec.name());
  }
}

package io.dropcast.maintain;

import io.dropcast.cli.JobContext;
import io.dropcast.cli.SparkJobCommand;
import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dropcast maintain}: OPTIMIZE and VACUUM every Dropcast table that exists (or those named by --table),
 * with the configured retention, printing each table's files before and after; recorded in job_runs.
 */
@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = "Compact (OPTIMIZE) and clean (VACUUM, keeping dropcast.maintain.vacuum-retention-hours of history) every Dropcast Delta table, printing each table's files before and after. Run it when no other job writes, e.g. weekly after a night.",
    footer = {"", "Example: dropcast maintain", "         dropcast maintain --table orders --table quarantine"})
public final class MaintainCommand extends SparkJobCommand {
  @Option(names = "--table", paramLabel = "TABLE",
      description = "Maintain only this table (repeatable). Default: every Dropcast table that exists.")
  List<String> only = new ArrayList<>();

  @Override
  protected void validate(DropcastConfig config) {
    Maintenance.checkedRetention(config.get(Keys.MAINTAIN_VACUUM_RETENTION_HOURS),
        config.get(Keys.MAINTAIN_ALLOW_SHORT_RETENTION));
    List<String> names = Tables.all().stream().map(Table::name).toList();
    for (String t : only) {
      if (!names.contains(t)) {
        throw Errors.badArgument("--table", t, "a table is one of " + names,
            "give --table with one of those names, or leave it out to maintain every table");
      }
    }
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    int retention = Maintenance.checkedRetention(context.config().get(Keys.MAINTAIN_VACUUM_RETENTION_HOURS),
        context.config().get(Keys.MAINTAIN_ALLOW_SHORT_RETENTION));
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Long> versions = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (Table table : Tables.all()) {
      if ((!only.isEmpty() && !only.contains(table.name())) || !context.warehouse().exists(table)) {
        continue;
      }
      Maintenance.TableResult r = context.step("maintain " + table.name(),
          () -> Maintenance.maintain(context.warehouse(), table, retention));
      versions.put(table.name(), r.version());
      lines.add(r.line(retention));
      out.println(r.line(retention));
      out.flush();
    }
    String message = String.format(Locale.ROOT, "Maintained %d table(s) (OPTIMIZE, then VACUUM keeping %d h): %s",
        lines.size(), retention, String.join("; ", lines.stream().map(l -> l.replaceAll(" +", " ")).toList()));
    out.println(message.substring(0, message.indexOf(':')) + ".");
    return new RunOutcome(RunStatus.SUCCEEDED, null, null, null, versions, message);
  }
}

package io.dropcast.cli;

import io.dropcast.config.Keys;
import io.dropcast.ingest.HistoryImport;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.tables.Tables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dropcast import-history --history FILE}: pre-aggregated daily demand into demand_history. */
@Command(name = "import-history", mixinStandardHelpOptions = true,
    description = "Import pre-aggregated daily demand (CSV or Parquet: date, location_id, [category], units, [latitude, longitude], numeric covariates) into demand_history.",
    footer = {"", "Example: dropcast import-history --history data/demand_2025.csv"})
public final class ImportHistoryCommand extends SparkJobCommand {
  @Option(names = "--history", required = true, paramLabel = "FILE", description = "The history file (.csv or .parquet).")
  String history;

  @Override
  protected RunOutcome execute(JobContext context) {
    long started = System.nanoTime();
    String file = history.contains("://") ? history : Path.of(history).toAbsolutePath().normalize().toString();
    Dataset<Row> text = context.step("import-history: read " + file, () -> HistoryImport.readText(context.spark(), file));
    Dataset<Row> validated = HistoryImport.validate(text, HistoryImport.covariates(text))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      HistoryImport.Counts counts = context.step("import-history: validate", () -> HistoryImport.count(validated));
      Dataset<Row> rows = HistoryImport.demandRows(validated.filter(validated.col("_rule").isNull()),
          context.config().get(Keys.H3_RESOLUTION));
      context.step("import-history: merge demand_history", () -> HistoryImport.merge(context.warehouse(), rows));
      context.step("import-history: write quarantine", () -> HistoryImport.writeQuarantine(context.warehouse(),
          HistoryImport.quarantineRows(validated, context.runId()), file));
      Map<String, Long> versions = new LinkedHashMap<>();
      versions.put(Tables.DEMAND_HISTORY.name(), context.warehouse().version(Tables.DEMAND_HISTORY).orElseThrow());
      versions.put(Tables.QUARANTINE.name(), context.warehouse().version(Tables.QUARANTINE).orElseThrow());
      Map<String, Long> quarantined = counts.quarantined().entrySet().stream().collect(Collectors.toMap(
          e -> HistoryImport.QUARANTINE_SOURCE + "/" + e.getKey(), Map.Entry::getValue, Long::sum, LinkedHashMap::new));
      long bad = counts.quarantined().values().stream().mapToLong(Long::longValue).sum();
      String summary = String.format(Locale.ROOT,
          "Imported %s: read %d rows, accepted %d, quarantined %d (%s). Tables written: %s. %.1f s.",
          file, counts.read(), counts.accepted(), bad,
          quarantined.isEmpty() ? "none" : quarantined.toString().replaceAll("[{}]", ""),
          versions.entrySet().stream().map(e -> e.getKey() + " v" + e.getValue()).collect(Collectors.joining(", ")),
          (System.nanoTime() - started) / 1e9);
      spec.commandLine().getOut().println(summary);
      spec.commandLine().getOut().flush();
      return new RunOutcome(RunStatus.SUCCEEDED, Map.of(HistoryImport.QUARANTINE_SOURCE, counts.read()),
          Map.of(HistoryImport.QUARANTINE_SOURCE, counts.accepted()), quarantined, versions, summary);
    } finally {
      validated.unpersist();
    }
  }
}

package io.dropcast.ingest;

import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The counts of an ingest run over all its dates: the ledger's outcome and the paragraph printed at the end.
 * {@code ahead}: the dates after the run's whose drops folders were read too (their drops are in the counts).
 */
public record IngestSummary(List<LocalDate> days, List<LocalDate> ahead, Map<String, Long> read,
    Map<String, Long> accepted, Map<String, Long> quarantined, Map<String, Long> versions,
    Map<String, List<String>> extraColumns, List<LocalDate> emptyDates, double seconds) {

  public static IngestSummary of(IngestJob.BatchResult batch, double seconds) {
    Map<String, Long> read = new LinkedHashMap<>();
    Map<String, Long> accepted = new LinkedHashMap<>();
    Map<String, Long> quarantined = new TreeMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    for (IngestJob.SourceCounts c : batch.counts().values()) {
      read.merge(c.source().label(), c.read(), Long::sum);
      accepted.merge(c.source().label(), c.accepted(), Long::sum);
      c.quarantined().forEach((rule, n) -> quarantined.merge(c.source().label() + "/" + rule, n, Long::sum));
    }
    versions.putAll(batch.versions());
    return new IngestSummary(batch.dates(), batch.lookahead(), read, accepted, quarantined, versions,
        batch.extraColumns(), batch.emptyDates(), seconds);
  }

  public RunOutcome outcome() {
    return new RunOutcome(RunStatus.SUCCEEDED, read, accepted, quarantined, versions, paragraph());
  }

  private static long total(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * One paragraph: an EMPTY NIGHT notice first when dates had no orders, then dates, read, accepted, quarantined by rule, tables and versions, seconds; then, when files had
   * columns the contract does not know (a landing schema change), which files and columns were ignored.
   */
  public String paragraph() {
    String dates = days.isEmpty() ? "no date"
        : days.size() == 1 ? days.get(0).toString()
        : days.get(0) + " to " + days.get(days.size() - 1) + " (" + days.size() + " days, one batch)";
    if (!ahead.isEmpty()) {
      dates += " and the drops of " + ahead.stream().map(LocalDate::toString).collect(Collectors.joining(", "))
          + " (ahead)";
    }
    String perSource = read.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    String rules = quarantined.isEmpty() ? "none"
        : quarantined.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    String tables = versions.isEmpty() ? "none" : versions.entrySet().stream()
        .map(e -> e.getKey() + " v" + e.getValue()).collect(Collectors.joining(", "));
    String ignored = extraColumns.isEmpty() ? "" : " Columns not in the contract, ignored: " + extraColumns.entrySet()
        .stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").collect(Collectors.joining("; "))
        + ".";
    String empty = emptyDates.isEmpty() ? "" : "EMPTY NIGHT: no orders landed for "
        + emptyDates.stream().map(LocalDate::toString).collect(Collectors.joining(", "))
        + " (dropcast.ingest.missing-landing = empty-night). ";
    return empty + String.format(Locale.ROOT,
        "Ingested %s: read %d records (%s), accepted %d, quarantined %d (%s). Tables written: %s. %.1f s.%s",
        dates, total(read), perSource, total(accepted), total(quarantined), rules, tables, seconds, ignored);
  }
}

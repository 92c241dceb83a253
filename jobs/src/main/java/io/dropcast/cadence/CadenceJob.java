package io.dropcast.cadence;

import static org.apache.spark.sql.functions.col;

import io.dropcast.cli.JobContext;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code dropcast cadence --date D}: reads orders, drops, catchments and hubs dated <= D, computes one
 * recommendation per category x hub (and per merchant with enough history) and replaces the run date's
 * partition of {@code cadence_recommendations}. A single Delta commit: a failed run leaves the table as it was,
 * a rerun of D replaces D's rows with the same ones.
 */
public final class CadenceJob {
  private final JobContext context;
  private final CadenceSettings settings;

  public CadenceJob(JobContext context) {
    this.context = context;
    this.settings = CadenceSettings.from(context.config());
    useCityTimeZone(context);
  }

  /** Local hours and weekdays are computed in the session time zone: make it dropcast.time-zone. */
  static void useCityTimeZone(JobContext context) {
    context.spark().conf().set("spark.sql.session.timeZone", context.config().get(Keys.TIME_ZONE).getId());
  }

  /** The job's run: read, compute, write; returns the outcome for the ledger. */
  public RunOutcome run(LocalDate runDate) {
    Warehouse warehouse = context.warehouse();
    LocalDate from = runDate.minusDays(settings.historyDays() - 1L);
    CadenceRecommendations.Sources sources = sources(warehouse);
    CadenceHistory.Facts facts = CadenceRecommendations.facts(sources, runDate, settings).cached();
    try {
      long drops = context.step("cadence " + runDate + ": read the history", () -> facts.drops().count());
      if (drops == 0) {
        throw Errors.cadenceNoDrops("cadence", from + " to " + runDate,
            "ingest the drops and orders of those dates first (dropcast ingest --from " + from + " --to " + runDate
                + "), or raise " + Keys.CADENCE_HISTORY_DAYS.path());
      }
      Dataset<Row> inputs = CadenceRecommendations.inputs(facts, sources.hubs(), settings);
      Dataset<Row> rows = CadenceRecommendations.recommend(inputs, settings, runDate, context.runId());
      warehouse.ensureCreated(Tables.CADENCE_RECOMMENDATIONS);
      context.step("cadence " + runDate + ": recommend and write cadence_recommendations", () ->
          rows.write().format("delta").mode("overwrite")
              .option("replaceWhere", "run_date = DATE'" + runDate + "'")
              .save(warehouse.path(Tables.CADENCE_RECOMMENDATIONS)));
      return outcome(runDate, from, drops);
    } finally {
      facts.unpersist();
    }
  }

  private RunOutcome outcome(LocalDate runDate, LocalDate from, long drops) {
    Warehouse warehouse = context.warehouse();
    Map<String, Long> written = new LinkedHashMap<>();
    List<Row> summary = context.step("cadence " + runDate + ": summarise", () ->
        warehouse.read(Tables.CADENCE_RECOMMENDATIONS).filter(col("run_date").equalTo(java.sql.Date.valueOf(runDate)))
            .groupBy("level").agg(org.apache.spark.sql.functions.count("*").as("n"),
                org.apache.spark.sql.functions.sum(
                    org.apache.spark.sql.functions.when(col("batch_count").gt(1), 1).otherwise(0)).as("batched"))
            .orderBy("level").collectAsList());
    StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
        "cadence %s: learnt from %d drops dated %s to %s;", runDate, drops, from, runDate));
    for (Row r : summary) {
      message.append(String.format(Locale.ROOT, " %d %s recommendations (%d with more than one batch);",
          r.getLong(1), r.getString(0), r.getLong(2)));
    }
    written.put(Tables.CADENCE_RECOMMENDATIONS.name(), warehouse.version(Tables.CADENCE_RECOMMENDATIONS).orElseThrow());
    return new RunOutcome(RunStatus.SUCCEEDED, Map.of("drops", drops), null, null, written,
        message.substring(0, message.length() - 1));
  }

  static CadenceRecommendations.Sources sources(Warehouse warehouse) {
    return new CadenceRecommendations.Sources(warehouse.read(Tables.ORDERS), warehouse.read(Tables.DROPS),
        warehouse.read(Tables.CATCHMENTS), warehouse.read(Tables.HUBS));
  }
}

package io.dropcast.cadence;

import static org.apache.spark.sql.functions.col;

import io.dropcast.cli.JobContext;
import io.dropcast.errors.Errors;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.ledger.RunStatus;
import io.dropcast.models.cadence.CadenceReplay;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code dropcast evaluate-cadence --from D1 --to D2 [--truth DIR]}: replays the drops dated D1..D2 with the
 * recommended micro-release batching (planned on data before each drop) next to the batching actually used, and
 * replaces the (D1, D2) rows of {@code cadence_evaluation}. {@code --truth} is only for the generated world:
 * the pipeline itself never reads truth.
 */
public final class EvaluateCadenceJob {
  private final JobContext context;
  private final CadenceSettings settings;

  public EvaluateCadenceJob(JobContext context) {
    this.context = context;
    this.settings = CadenceSettings.from(context.config());
    CadenceJob.useCityTimeZone(context);
  }

  /** Runs the replay; {@code truth} is the generated world's truth folder or null. */
  public RunOutcome run(LocalDate from, LocalDate to, String truth) {
    Warehouse warehouse = context.warehouse();
    String label = from + " to " + to;
    CadenceRecommendations.Sources sources = CadenceJob.sources(warehouse);
    Dataset<Row> latent = truth == null ? null : latent(truth);
    CadenceHistory.Facts facts = CadenceEvaluation.facts(sources, from, to, settings).cached();
    Dataset<Row> inputs = CadenceEvaluation.replayInputs(facts, sources.hubs(), latent, from, to, settings);
    Dataset<Row> results = CadenceEvaluation.replay(inputs, settings).cache();
    try {
      long replayed = context.step("evaluate-cadence " + label + ": replay drops", () ->
          results.filter(col("outcome").equalTo(CadenceEvaluation.REALIZED)
              .and(col("cadence").equalTo(CadenceReplay.HISTORICAL))).count());
      if (replayed == 0) {
        throw Errors.cadenceNoDrops("evaluate-cadence", label + " with history before them",
            "ingest those dates and at least one earlier month (the replay plans each drop on the drops before "
                + "it), or widen --from/--to");
      }
      Dataset<Row> summary = CadenceEvaluation.summarise(results, from, to, context.runId());
      warehouse.ensureCreated(Tables.CADENCE_EVALUATION);
      context.step("evaluate-cadence " + label + ": write cadence_evaluation", () ->
          summary.write().format("delta").mode("overwrite")
              .option("replaceWhere", "evaluated_from = DATE'" + from + "' AND evaluated_to = DATE'" + to + "'")
              .save(warehouse.path(Tables.CADENCE_EVALUATION)));
      List<Row> all = warehouse.read(Tables.CADENCE_EVALUATION)
          .filter(col("evaluated_from").equalTo(java.sql.Date.valueOf(from))
              .and(col("evaluated_to").equalTo(java.sql.Date.valueOf(to)))
              .and(col("hub_id").equalTo(CadenceEvaluation.ALL_HUBS)))
          .orderBy("outcome", "cadence").collectAsList();
      List<String> lines = new ArrayList<>();
      lines.add(String.format(Locale.ROOT, "evaluate-cadence %s: %d drop x hub pairs replayed", label, replayed));
      for (Row r : all) {
        lines.add(String.format(Locale.ROOT,
            "  %-8s %-11s sell-through %.4f, unmet %.1f units, pickups over capacity %.1f (%d overloaded drops, "
                + "peak excess %.1f/h, peak load ratio %.2f), mean sell-out %.2f h; reduction %.1f%%, "
                + "sell-through change %+.4f",
            r.getAs("outcome"), r.getAs("cadence"), r.<Double>getAs("sell_through"), r.<Double>getAs("unmet_units"),
            r.<Double>getAs("over_capacity_pickups"), r.<Integer>getAs("overloaded_drops"),
            r.<Double>getAs("peak_excess_pickups_per_hour"), r.<Double>getAs("peak_load_ratio"),
            r.<Double>getAs("mean_sell_out_hours"), 100 * r.<Double>getAs("over_capacity_reduction"),
            r.<Double>getAs("sell_through_change")));
      }
      String message = String.join("\n", lines);
      return new RunOutcome(RunStatus.SUCCEEDED, Map.of("drop_hub_pairs", replayed), null, null,
          Map.of(Tables.CADENCE_EVALUATION.name(), warehouse.version(Tables.CADENCE_EVALUATION).orElseThrow()),
          message);
    } finally {
      results.unpersist();
      facts.unpersist();
    }
  }

  private Dataset<Row> latent(String truth) {
    String path = truth.endsWith("/") ? truth + "latent_demand" : truth + "/latent_demand";
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(path);
    try {
      if (!folder.getFileSystem(context.spark().sparkContext().hadoopConfiguration()).exists(folder)) {
        throw Errors.cadenceTruthMissing(path, null);
      }
    } catch (java.io.IOException e) {
      throw Errors.cadenceTruthMissing(path, e);
    }
    return context.spark().read().parquet(path).select("drop_id", "batch_number", "hub_id", "latent_units",
        "sold_units", "sold_out_at");
  }
}

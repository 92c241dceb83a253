package io.dropcast.cadence;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.cli.JobContext;
import io.dropcast.config.DropcastConfig;
import io.dropcast.errors.DropcastException;
import io.dropcast.ledger.RunOutcome;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cadence and evaluate-cadence jobs on {@link CadenceWorld} written as Delta tables. */
class CadenceJobsTest {
  @TempDir
  static Path dir;

  private static Warehouse warehouse;

  @BeforeAll
  static void writeTheWorld() {
    warehouse = new Warehouse(SharedSpark.get(), dir.resolve("wh").toString());
    write(Tables.ORDERS, CadenceWorld.orders());
    write(Tables.DROPS, CadenceWorld.drops());
    write(Tables.HUBS, CadenceWorld.hubs());
    write(Tables.CATCHMENTS, CadenceWorld.catchments());
    CadenceWorld.latent().write().parquet(dir.resolve("truth/latent_demand").toString());
  }

  private static void write(Table table, Dataset<Row> rows) {
    warehouse.ensureCreated(table);
    rows.write().format("delta").mode("append").save(warehouse.path(table));
  }

  private static JobContext context(String runId) {
    return new JobContext("cadence", runId, DropcastConfig.defaults(), SharedSpark.get(), warehouse,
        Clock.systemUTC());
  }

  @Test
  void aRerunOfTheSameDateReplacesItsRowsAndKeepsOtherDates() {
    LocalDate d1 = CadenceWorld.LAST.minusDays(7);
    LocalDate d2 = CadenceWorld.LAST;
    new CadenceJob(context("a")).run(d1);
    new CadenceJob(context("b")).run(d2);
    RunOutcome again = new CadenceJob(context("c")).run(d2);
    Dataset<Row> table = warehouse.read(Tables.CADENCE_RECOMMENDATIONS);
    assertEquals(6, table.filter(col("run_date").equalTo(java.sql.Date.valueOf(d1))).count(), "d1 kept");
    List<Row> second = table.filter(col("run_date").equalTo(java.sql.Date.valueOf(d2))).collectAsList();
    assertEquals(6, second.size(), "d2 replaced, not appended");
    assertTrue(second.stream().allMatch(r -> "c".equals(r.getAs("run_id"))), "the rerun's rows");
    assertTrue(again.message().contains("3 category_hub recommendations (1 with more than one batch)")
        && again.message().contains("3 merchant recommendations"), again.message());
  }

  @Test
  void aRunWithoutDropsInItsHistoryFailsAndSaysWhatToIngest() {
    DropcastException e = assertThrows(DropcastException.class,
        () -> new CadenceJob(context("x")).run(LocalDate.of(2025, 1, 1)));
    assertTrue(e.getMessage().contains("found no drop dated 2024-07-04 to 2025-01-01")
        && e.getMessage().contains("Fix: ingest the drops and orders of those dates first"), e.getMessage());
  }

  @Test
  void theReplayOfTheLastWeekCutsPickupsOverCapacityAndKeepsSellThroughAgainstLatentDemand() {
    LocalDate from = CadenceWorld.LAST.minusDays(6);
    RunOutcome outcome = new EvaluateCadenceJob(context("e")).run(from, CadenceWorld.LAST,
        dir.resolve("truth").toString());
    List<Row> rows = warehouse.read(Tables.CADENCE_EVALUATION)
        .filter(col("hub_id").equalTo("H2")).orderBy("outcome", "cadence").collectAsList();
    assertEquals(4, rows.size(), "latent and realized, historical and recommended: " + rows);
    Row latentHistorical = rows.get(0);
    Row latentRecommended = rows.get(1);
    Row realizedHistorical = rows.get(2);
    Row realizedRecommended = rows.get(3);
    assertEquals(List.of("latent", "historical"), List.of(latentHistorical.getAs("outcome"),
        latentHistorical.getAs("cadence")), "order");
    assertEquals(7, CadenceRecommendationsTest.i(latentHistorical, "drops"), "the seven small meals drops");
    // Historical: all 24 units at 12:00 sell within the hour: 24 pickups against 8, 16 over, each drop.
    assertEquals(7 * 16.0, CadenceRecommendationsTest.d(latentHistorical, "over_capacity_pickups"), 1e-9,
        "historical over capacity");
    assertEquals(7 * 16.0, CadenceRecommendationsTest.d(realizedHistorical, "over_capacity_pickups"), 1e-9,
        "the same against realized demand");
    // Recommended, planned on the meals' release curve learnt before the week (980 of 2,100 orders in the first
    // hour after the release, 560 in each of the next two): a first batch of 4 at 12:00 and the other 20 units in
    // two batches, one of 12. The latent demand (39.2, 25.4, 25.4 units an hour) takes each batch in its hour, so
    // the batch of 12 puts 4 pickups over capacity, each drop.
    assertEquals(7 * 4.0, CadenceRecommendationsTest.d(latentRecommended, "over_capacity_pickups"), 1e-9,
        "recommended: 4 over capacity each drop");
    assertEquals(4.0, CadenceRecommendationsTest.d(latentRecommended, "peak_excess_pickups_per_hour"), 1e-9,
        "the batch of 12 against 8");
    assertEquals(0.75, CadenceRecommendationsTest.d(latentRecommended, "over_capacity_reduction"), 1e-12,
        "over capacity cut by 75%: 28 against 112");
    assertEquals(1.0, CadenceRecommendationsTest.d(latentRecommended, "sell_through"), 1e-9, "everything sells");
    assertEquals(0.0, CadenceRecommendationsTest.d(latentRecommended, "sell_through_change"), 1e-9,
        "sell-through unchanged against latent demand");
    assertEquals(7 * (90 - 24.0), CadenceRecommendationsTest.d(latentHistorical, "unmet_units"), 1e-6,
        "latent demand = realized 24 + the truth's 66 unmet units");
    // Realized orders stop at the sell-out: the later batches find no recorded demand, so realized demand
    // understates what batching sells.
    assertEquals(4.0 / 24, CadenceRecommendationsTest.d(realizedRecommended, "sell_through"), 1e-9,
        "against censored orders only the first batch (4 of 24) sells");
    // 7 bakery, 4 produce (days 50, 52, 55 and 56) and 7 meals drops in the week.
    assertTrue(outcome.message().contains("18 drop x hub pairs replayed"), outcome.message());
  }
}

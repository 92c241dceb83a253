package io.dropcast.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropcast.generate.DirtyKind;
import io.dropcast.generate.Generator;
import io.dropcast.generate.LandingLayout;
import io.dropcast.generate.WorldParams;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small generated world (21 days, 12 neighbourhoods, 3 hubs, 2% dirty order rows, fixed seed; Parquet written
 * by parquet-avro, so drops carry BINARY-backed decimals) ingested as ONE batch through the CLI, once for the
 * class; the counts must reconcile and the quarantine must match the bad rows the generator says it injected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedWorldIngestTest {
  private static final LocalDate START = LocalDate.of(2026, 3, 1);
  private static final int DAYS = 21;

  @TempDir
  static Path tmp;

  private Generator.Summary generated;
  private JsonNode world;
  private Warehouse warehouse;
  private int code;
  private String out;
  private String err;

  @BeforeAll
  void generateAndIngest() throws Exception {
    Path worldDir = tmp.resolve("world");
    WorldParams params = WorldParams.builder(START, DAYS, 12, 3, 20261126L).ordersPerDay(400).dirtyRatio(0.02).build();
    generated = Generator.run(params, worldDir, 2, false);
    world = new ObjectMapper().readTree(LandingLayout.worldJson(worldDir).toFile());
    String warehouseRoot = tmp.resolve("warehouse").toString();
    warehouse = new Warehouse(SharedSpark.get(), warehouseRoot);
    Fixtures.CliRun run = Fixtures.cli("ingest", "--from", START.toString(), "--to",
        START.plusDays(DAYS - 1).toString(), "--set", "dropcast.warehouse=" + warehouseRoot,
        "--set", "dropcast.landing=" + LandingLayout.landing(worldDir));
    code = run.code();
    out = run.out();
    err = run.err();
  }

  private Row ledger() {
    return warehouse.read(Tables.JOB_RUNS).where("job = 'ingest'").head();
  }

  @Test
  void theWholeRangeIsOneSuccessfulRunWithOneLedgerRecord() {
    assertEquals(0, code, "exit code; stderr: " + err);
    assertEquals(1L, warehouse.read(Tables.JOB_RUNS).where("job = 'ingest'").count(), "one ledger record");
    Row run = ledger();
    assertEquals("succeeded", run.getAs("status"), "status");
    assertEquals(START.toString(), run.getAs("date_from").toString(), "date_from");
    assertEquals(START.plusDays(DAYS - 1).toString(), run.getAs("date_to").toString(), "date_to");
    assertTrue(out.startsWith("Ingested " + START + " to " + START.plusDays(DAYS - 1) + " (21 days, one batch)"), out);
  }

  @Test
  void readIsAcceptedPlusQuarantinedForEverySourceInTheLedger() {
    Row run = ledger();
    Map<String, Long> read = run.getJavaMap(run.fieldIndex("rows_read"));
    Map<String, Long> accepted = run.getJavaMap(run.fieldIndex("rows_accepted"));
    Map<String, Long> quarantined = run.getJavaMap(run.fieldIndex("rows_quarantined"));
    for (String source : read.keySet()) {
      long q = quarantined.entrySet().stream().filter(e -> e.getKey().startsWith(source + "/"))
          .mapToLong(Map.Entry::getValue).sum();
      assertEquals((long) read.get(source), accepted.get(source) + q, "read = accepted + quarantined for " + source);
    }
    assertEquals(generated.orderRows(), (long) read.get("orders"), "orders read = order rows the generator wrote");
    assertEquals(generated.dropRows(), (long) read.get("drops"), "drops read = drop rows the generator wrote");
    assertEquals(generated.dropRows(), (long) accepted.get("drops"), "every generated drop batch is accepted");
    assertEquals(quarantined.values().stream().mapToLong(Long::longValue).sum(),
        warehouse.read(Tables.QUARANTINE).count(), "the quarantine table holds what the ledger counts");
  }

  @Test
  void parquetAvroDecimalsOfDropsAreReadExactly() {
    Row prices = warehouse.read(Tables.DROPS)
        .selectExpr("count(*)", "count(price)", "min(price) > 0", "min(list_price) > 0").head();
    assertEquals(generated.dropRows(), prices.getLong(0), "drop rows");
    assertEquals(generated.dropRows(), prices.getLong(1), "no null price (the vectorized reader would fail or null)");
    assertTrue(prices.getBoolean(2) && prices.getBoolean(3), "prices positive");
  }

  @Test
  void quarantinedOrdersByRuleMatchTheBadRowsTheGeneratorInjected() {
    JsonNode bad = world.get("bad_rows");
    // The generator's kinds and the rule each breaks. The generator's duplicate reuses the order_id of an order
    // created on the day before with ANOTHER created_at: a reused id, not a later version of that order.
    Map<String, String> ruleOf = Map.of(
        DirtyKind.LATITUDE_OUT_OF_RANGE.slug(), Validation.LATITUDE_LONGITUDE_INVALID,
        DirtyKind.NON_POSITIVE_UNITS.slug(), Validation.UNITS_NOT_POSITIVE,
        DirtyKind.UNKNOWN_STATUS.slug(), Validation.STATUS_UNKNOWN,
        DirtyKind.PICKED_UP_BEFORE_CREATED.slug(), Validation.PICKUP_BEFORE_CREATION,
        DirtyKind.UNKNOWN_HUB_ID.slug(), Validation.UNKNOWN_HUB,
        DirtyKind.MISSING_REQUIRED_FIELD.slug(), Validation.REQUIRED_FIELD_MISSING,
        DirtyKind.DUPLICATE_ORDER_ID.slug(), Validation.DUPLICATE_ORDER_ID);
    Map<String, Long> expected = new TreeMap<>();
    ruleOf.forEach((kind, rule) -> {
      long n = bad.has(kind) ? bad.get(kind).asLong() : 0L;
      if (n > 0) {
        expected.merge("orders/" + rule, n, Long::sum);
      }
    });
    Row run = ledger();
    Map<String, Long> quarantined = new TreeMap<>(run.getJavaMap(run.fieldIndex("rows_quarantined")));
    assertTrue(expected.values().stream().mapToLong(Long::longValue).sum() > 10, "the world has bad rows: " + bad);
    assertEquals(expected, quarantined, "quarantined per source/rule vs world.json bad_rows " + bad);

    assertTrue(bad.path(DirtyKind.DUPLICATE_ORDER_ID.slug()).asLong() > 0, "the world has reused order ids: " + bad);
  }

  @Test
  void ordersHoldExactlyOneRowPerOrderId() {
    Row ids = warehouse.read(Tables.ORDERS).selectExpr("count(*)", "count(DISTINCT order_id)").head();
    assertTrue(ids.getLong(0) > 0, "orders not empty");
    assertEquals(ids.getLong(1), ids.getLong(0), "count(*) vs count(DISTINCT order_id) of orders (the key)");
  }
}

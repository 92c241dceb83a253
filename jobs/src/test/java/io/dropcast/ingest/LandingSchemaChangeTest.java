package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.drop;
import static io.dropcast.ingest.Fixtures.hub;
import static io.dropcast.ingest.Fixtures.order;
import static io.dropcast.ingest.Fixtures.with;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Landing files whose schema changed, in each landing format, ingested as one run date: an extra column is
 * ignored (and named in the run's summary), a missing optional column is accepted as null, a missing required
 * column and a changed type are quarantined with a reason naming the column. One ingest for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LandingSchemaChangeTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  private static final List<String> ORDER_COLUMNS = Arrays.asList(Source.ORDERS.schema().fieldNames());

  @TempDir
  static Path tmp;

  private Path orders;
  private Warehouse warehouse;
  private Fixtures.CliRun run;

  /** The order columns without the named ones, in contract order. */
  private static List<String> without(String... names) {
    List<String> out = new ArrayList<>(ORDER_COLUMNS);
    out.removeAll(List.of(names));
    return out;
  }

  /** One order as a typed frame with the contract's columns (what a Parquet landing file normally holds). */
  private static Dataset<Row> typedOrder(String id) {
    return Fixtures.landed(Source.ORDERS, "x", List.of(order(id)))
        .select(ORDER_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** A JSON line of an order: the fixture's fields (nulls left out), with these replaced or added (raw JSON). */
  private static String jsonLine(String id, String... rawFields) {
    Map<String, String> r = order(id);
    StringBuilder b = new StringBuilder("{");
    List<String> fields = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    for (int i = 0; i < rawFields.length; i += 2) {
      replaced.add(rawFields[i]);
      if (rawFields[i + 1] != null) {
        fields.add("\"" + rawFields[i] + "\":" + rawFields[i + 1]);
      }
    }
    r.forEach((k, v) -> {
      if (v != null && !replaced.contains(k)) {
        fields.add("\"" + k + "\":" + (k.equals("units") ? v : "\"" + v + "\""));
      }
    });
    return b.append(String.join(",", fields)).append("}\n").toString();
  }

  @BeforeAll
  void ingestChangedFiles() {
    Path landing = tmp.resolve("landing");
    warehouse = new Warehouse(SharedSpark.get(), tmp.resolve("warehouse").toString());
    Fixtures.writeParquet(landing.resolve("hubs/date=" + DAY + "/part-00000.parquet"), Source.HUBS,
        List.of(hub("H1", 38.7108, -9.1368), hub("H2", 38.7369, -9.1426)));
    Fixtures.writeCsv(landing.resolve("drops/date=" + DAY + "/part-00000.csv"), Source.DROPS, List.of(drop("D1", 1)));
    orders = landing.resolve("orders/date=" + DAY);

    // Extra column: accepted, the column ignored (CSV, Parquet, JSON lines).
    List<String> extraHeader = new ArrayList<>(ORDER_COLUMNS);
    extraHeader.add("coupon_code");
    Fixtures.writeCsv(orders.resolve("extra-column.csv"), extraHeader, List.of(with(order("O1"), "coupon_code", "XMAS")));
    Fixtures.writeParquet(orders.resolve("extra-column.parquet"), typedOrder("O2").withColumn("loyalty_tier", lit("gold")));
    Fixtures.write(orders.resolve("extra-field.jsonl"), jsonLine("O3", "coupon_code", "\"XMAS\""));
    // Missing optional columns: accepted, the values null (CSV, Parquet).
    Fixtures.writeCsv(orders.resolve("missing-optional.csv"), without("picked_up_at", "next_drop_opt_in", "updated_at"),
        List.of(order("O4")));
    Fixtures.writeParquet(orders.resolve("missing-optional.parquet"), typedOrder("O5").drop("next_drop_opt_in"));
    // Missing required column (units): the whole CSV or Parquet file is unreadable; a JSON line is a bad record.
    Fixtures.writeCsv(orders.resolve("missing-required.csv"), without("units"), List.of(order("O6"), order("O7")));
    Fixtures.writeParquet(orders.resolve("missing-required.parquet"), typedOrder("O8").drop("units"));
    Fixtures.write(orders.resolve("missing-required.jsonl"), jsonLine("O9", "units", null));
    // Type change of units: a text value that is no int is a bad record; a Parquet column of another type
    // makes the file unreadable.
    Fixtures.writeCsv(orders.resolve("type-change.csv"), ORDER_COLUMNS, List.of(with(order("O10"), "units", "three")));
    Fixtures.write(orders.resolve("type-change.jsonl"), jsonLine("O11", "units", "\"three\""));
    Fixtures.writeParquet(orders.resolve("type-change.parquet"), typedOrder("O12").withColumn("units", lit("3")));

    run = Fixtures.cli("ingest", "--date", DAY.toString(), "--set", "dropcast.warehouse=" + warehouse.root(),
        "--set", "dropcast.landing=" + landing, "--set", "dropcast.ingest.max-bad-ratio=1");
  }

  @Test
  void extraAndMissingOptionalColumnsAreAcceptedAndEveryOtherChangeIsQuarantined() {
    assertEquals(0, run.code(), "ingest exit code; stderr: " + run.err());
    List<String> accepted = warehouse.read(Tables.ORDERS).orderBy("order_id").select("order_id", "units")
        .collectAsList().stream().map(r -> r.getString(0) + ":" + r.getInt(1)).toList();
    assertEquals(List.of("O1:2", "O2:2", "O3:2", "O4:2", "O5:2"), accepted, "orders accepted");
  }

  @Test
  void aMissingOptionalColumnIsLoadedAsNull() {
    List<Row> rows = warehouse.read(Tables.ORDERS).where(col("order_id").isin("O4", "O5"))
        .orderBy("order_id").select("next_drop_opt_in").collectAsList();
    assertEquals(2, rows.size(), "O4 and O5 accepted");
    assertTrue(rows.get(0).isNullAt(0) && rows.get(1).isNullAt(0), "next_drop_opt_in absent from both files: " + rows);
  }

  @Test
  void eachQuarantinedChangeHasItsRuleAndAReasonNamingTheColumn() {
    List<String> found = warehouse.read(Tables.QUARANTINE).orderBy("source_file", "row_number")
        .collectAsList().stream().map(r -> Path.of(r.<String>getAs("source_file")).getFileName() + " | "
            + r.getAs("row_number") + " | " + r.getAs("rule") + " | " + r.getAs("reason")).toList();
    String fullHeader = String.join(",", ORDER_COLUMNS);
    assertEquals(List.of(
        "missing-required.csv | null | file_unreadable | its CSV header lacks the required column(s) units"
            + " (header: " + String.join(",", without("units")) + ")",
        "missing-required.jsonl | 1 | required_field_missing | required field(s) missing or empty: units",
        "missing-required.parquet | null | file_unreadable | its Parquet schema lacks the required column(s) units"
            + " (columns: " + String.join(",", without("units")) + ")",
        "type-change.csv | 1 | type_unparseable | value(s) that do not parse: units='three' is not an int",
        "type-change.jsonl | 1 | type_unparseable | value(s) that do not parse: units='three' is not an int",
        "type-change.parquet | null | file_unreadable | cannot read it as PARQUET: column units is string in the"
            + " file but int in the contract"), found, "quarantine rows (full header: " + fullHeader + ")");
  }

  @Test
  void theSummaryAndTheLedgerNameTheIgnoredColumnsOfCsvAndParquetFiles() {
    // Files are named as Hadoop lists them (file:/...).
    String expected = "Columns not in the contract, ignored: file:" + orders.resolve("extra-column.csv")
        + " (coupon_code); file:" + orders.resolve("extra-column.parquet") + " (loyalty_tier).";
    assertTrue(run.out().contains(expected), "summary printed: " + run.out() + "\nexpected to contain: " + expected);
    String message = warehouse.read(Tables.JOB_RUNS).where(col("job").equalTo("ingest")).select("message").head()
        .getString(0);
    assertTrue(message.contains(expected), "job_runs.message: " + message);
  }
}

package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.hub;
import static io.dropcast.ingest.Fixtures.order;
import static io.dropcast.ingest.Fixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet file whose footer is intact but whose data pages are not (bytes overwritten in the middle of a real
 * file) is quarantined alone as one file-level file_unreadable record; the batch's other files load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorruptParquetPagesTest {
  private static final int ORDERS_PER_FILE = 3000;

  @TempDir
  static Path tmp;

  private Path corrupt;
  private Warehouse warehouse;
  private int code;
  private String err;
  private String out;

  /** Valid orders O<prefix>-0 .. ; enough of them that the file's data spans several kilobytes of pages. */
  private static List<Map<String, String>> orders(String prefix) {
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 0; i < ORDERS_PER_FILE; i++) {
      out.add(with(order("O" + prefix + "-" + i), "units", Integer.toString(1 + i % 7),
          "latitude", String.format(java.util.Locale.ROOT, "%.6f", 38.70 + (i % 97) * 0.0005)));
    }
    return out;
  }

  /** Overwrites the middle third of the column data (between the leading magic and the footer) with 0xFF. */
  private static void corruptDataPages(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long size = f.length();
      byte[] tail = new byte[8];
      f.seek(size - 8);
      f.readFully(tail);
      int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      long dataEnd = size - 8 - footerLength;
      long from = 4 + (dataEnd - 4) / 3;
      byte[] garbage = new byte[(int) ((dataEnd - 4) / 3)];
      Arrays.fill(garbage, (byte) 0xFF);
      f.seek(from);
      f.write(garbage);
    }
  }

  @BeforeAll
  void ingestABatchWithACorruptFile() throws IOException {
    Path landing = tmp.resolve("landing");
    Path day = landing.resolve("orders").resolve("date=2026-11-25");
    Fixtures.writeParquet(landing.resolve("hubs/date=2026-11-25/part-00000.parquet"), Source.HUBS,
        List.of(hub("H1", 38.7108, -9.1368)));
    Fixtures.writeParquet(day.resolve("part-00000.parquet"), Source.ORDERS, orders("a"));
    corrupt = Fixtures.writeParquet(day.resolve("part-00001.parquet"), Source.ORDERS, orders("b"));
    Fixtures.writeParquet(day.resolve("part-00002.parquet"), Source.ORDERS, orders("c"));
    corruptDataPages(corrupt);
    String warehouseRoot = tmp.resolve("warehouse").toString();
    warehouse = new Warehouse(SharedSpark.get(), warehouseRoot);
    Fixtures.CliRun run = Fixtures.cli("ingest", "--date", "2026-11-25", "--set", "dropcast.warehouse=" + warehouseRoot,
        "--set", "dropcast.landing=" + landing, "--set", "dropcast.ingest.allow-unknown-drops=true",
        "--set", "dropcast.ingest.max-bad-ratio=0.5");
    code = run.code();
    out = run.out();
    err = run.err();
  }

  @Test
  void theFixtureHasAReadableFooterAndUnreadableData() {
    assertEquals(ORDERS_PER_FILE, Landing.parquetFooter(new Configuration(), Source.ORDERS.schema(), corrupt.toString()),
        "the footer still announces the file's records");
    assertThrows(Exception.class, () -> SharedSpark.get().read().schema(Source.ORDERS.schema())
        .parquet(corrupt.toString()).write().format("noop").mode("overwrite").save(), "reading every record fails");
  }

  @Test
  void theCorruptFileIsOneFileLevelQuarantineRecordAndTheOtherFilesLoad() {
    assertEquals(0, code, "exit code; stderr: " + err);
    List<Row> q = warehouse.read(Tables.QUARANTINE).collectAsList();
    assertEquals(1, q.size(), "one quarantine record: " + q);
    Row r = q.get(0);
    assertEquals("file_unreadable", r.getAs("rule"), "rule");
    assertTrue(r.getAs("source_file").toString().endsWith("orders/date=2026-11-25/part-00001.parquet"), "file");
    assertEquals((Object) null, r.getAs("row_number"), "a file-level record has no row number");
    assertTrue(r.getAs("reason").toString().startsWith(
        "cannot read it as PARQUET: its footer is readable but its data is not: "), "reason: " + r.getAs("reason"));
    Row counts = warehouse.read(Tables.ORDERS).selectExpr("count(*)", "count_if(order_id LIKE 'Ob-%')").head();
    assertEquals(2L * ORDERS_PER_FILE, counts.getLong(0), "the orders of the two healthy files");
    assertEquals(0L, counts.getLong(1), "no order of the corrupt file");
    assertTrue(out.startsWith("Ingested 2026-11-25: read 6002 records (hubs 1, drops 0, orders 6001), accepted 6001,"
        + " quarantined 1 (orders/file_unreadable 1)."), out);
  }
}

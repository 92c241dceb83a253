package io.dropcast.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLedgerTest {
  @TempDir
  Path dir;

  @Test
  void aFinishedRunIsCompletedInPlaceAndAnUnfinishedOneStaysRunning() {
    Warehouse warehouse = new Warehouse(SharedSpark.get(), dir.toString());
    RunLedger ledger = new RunLedger(warehouse, Clock.fixed(Instant.parse("2026-11-27T01:00:00Z"), ZoneOffset.UTC));
    LocalDate day = LocalDate.parse("2026-11-26");

    ledger.started("a", "ingest", day, day, "ingest --date 2026-11-26");
    ledger.started("b", "ingest", day, day, "ingest --date 2026-11-26");
    ledger.finished("a", new RunOutcome(RunStatus.SUCCEEDED, Map.of("orders", 5L), Map.of("orders", 4L),
        Map.of("orders/status_unknown", 1L), Map.of("orders", 2L), "done"));

    List<Row> rows = warehouse.read(Tables.JOB_RUNS)
        .selectExpr("run_id", "status", "ended_at IS NOT NULL", "rows_read['orders']",
            "rows_quarantined['orders/status_unknown']", "table_versions['orders']", "message", "date_from")
        .orderBy("run_id").collectAsList();
    assertEquals(2, rows.size(), "one row per run, completed in place rather than appended");
    assertEquals("[a,succeeded,true,5,1,2,done,2026-11-26]", rows.get(0).toString());
    assertEquals("[b,running,false,null,null,null,null,2026-11-26]", rows.get(1).toString(),
        "a run that never finished (a killed driver) stays 'running'");
  }

  @Test
  void theLedgerTableCarriesItsTableAndColumnComments() {
    Warehouse warehouse = new Warehouse(SharedSpark.get(), dir.toString());
    warehouse.ensureCreated(Tables.JOB_RUNS);
    Row detail = SharedSpark.get().sql("DESCRIBE DETAIL delta.`" + warehouse.path(Tables.JOB_RUNS) + "`")
        .select("description").head();
    assertEquals(Tables.JOB_RUNS.comment(), detail.getString(0));
    var field = warehouse.read(Tables.JOB_RUNS).schema().apply("status");
    assertTrue(field.getComment().isDefined(), "column comments survive in the Delta schema");
  }
}

package io.dropcast.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.cli.Dropcast;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import-history: valid rows land in demand_history, bad rows are quarantined by rule, re-import changes nothing. */
class HistoryImportTest {
  @TempDir
  Path tmp;

  /** Two good rows (one with a position and a covariate), and one row per rule. */
  private static final String HISTORY = String.join("\n",
      "date,location_id,category,units,latitude,longitude,temperature",
      "2026-01-05,L1,bakery,12,38.7139,-9.1334,14.5",
      "2026-01-05,L2,,3.5,,,",
      "2026-01-06,L1,bakery,-1,,,",
      "2026-01-07,,bakery,4,,,",
      "2026-13-01,L1,bakery,4,,,",
      "2026-01-05,L1,bakery,7,,,",
      "2026-01-08,L3,bakery,2,95.0,-9.1,",
      "2026-01-09,L3,bakery,2,,,warm") + "\n";

  private List<String> sorted(Dataset<Row> df) {
    Column[] all = Arrays.stream(df.columns()).map(c -> functions.col(c).cast("string")).toArray(Column[]::new);
    return df.orderBy(all).collectAsList().stream().map(Row::toString).toList();
  }

  @Test
  void validRowsLandBadRowsAreQuarantinedByRuleAndReimportIsIdempotent() {
    SharedSpark.get();
    Path file = Fixtures.write(tmp.resolve("history.csv"), HISTORY);
    String wh = tmp.resolve("warehouse").toString();
    String[] args = {"import-history", "--history", file.toString(), "--set", "dropcast.warehouse=" + wh};
    assertEquals(0, Dropcast.run(args), "first import exit code");
    Warehouse warehouse = new Warehouse(SharedSpark.get(), wh);

    List<Row> demand = warehouse.read(Tables.DEMAND_HISTORY).orderBy("location_id").collectAsList();
    assertEquals(2, demand.size(), "two valid rows");
    Row l1 = demand.get(0);
    assertEquals("import", l1.getAs("source"), "source");
    assertEquals("bakery", l1.getAs("category"), "category");
    assertEquals(12.0, l1.<Double>getAs("units"), 0.0, "units");
    assertEquals(H3Cells.h3().latLngToCellAddress(38.7139, -9.1334, 8), l1.getAs("neighbourhood"), "H3 cell");
    assertEquals(java.util.Map.of("temperature", 14.5), l1.getJavaMap(l1.fieldIndex("covariates")), "covariates");
    assertEquals("all", demand.get(1).getAs("category"), "absent category defaults to 'all'");
    assertEquals((Object) null, demand.get(1).getAs("neighbourhood"), "no position, no cell");

    List<String> rules = warehouse.read(Tables.QUARANTINE).where("source = 'history'").orderBy("row_number")
        .collectAsList().stream().map(r -> r.getAs("row_number") + ":" + r.getAs("rule")).toList();
    assertEquals(List.of("3:units_negative", "4:required_field_missing", "5:type_unparseable", "6:duplicate_key",
        "7:latitude_longitude_invalid", "8:type_unparseable"), rules, "quarantined rows and their rules");
    Row dup = warehouse.read(Tables.QUARANTINE).where("rule = 'duplicate_key'").head();
    assertEquals("location_id L1, category bakery, date 2026-01-05 appears again; first seen in " + file + " record 1",
        dup.getAs("reason"), "duplicate reason");

    List<String> demandBefore = sorted(warehouse.read(Tables.DEMAND_HISTORY));
    List<String> quarantineBefore = sorted(warehouse.read(Tables.QUARANTINE).drop("run_id"));
    assertEquals(0, Dropcast.run(args), "re-import exit code");
    assertEquals(demandBefore, sorted(warehouse.read(Tables.DEMAND_HISTORY)), "demand_history after re-import");
    assertEquals(quarantineBefore, sorted(warehouse.read(Tables.QUARANTINE).drop("run_id")),
        "quarantine after re-import");
  }
}

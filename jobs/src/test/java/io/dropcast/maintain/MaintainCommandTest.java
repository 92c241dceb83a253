package io.dropcast.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.cli.Dropcast;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dropcast maintain} on a tiny warehouse: a catchments table written in three appends (three small files)
 * is compacted to one file with the same rows, VACUUM deletes the three old files only when the retention allows
 * (0 hours, explicitly allowed), a short retention without that permission is refused before the run starts, and
 * each run is recorded in job_runs.
 */
class MaintainCommandTest {
  @TempDir
  Path tmp;

  private record Run(int code, String out, String err) {}

  private Run maintain(Warehouse w, String... extra) {
    var cli = Dropcast.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new java.util.ArrayList<>(List.of("maintain", "--table", "catchments",
        "--set", "dropcast.warehouse=" + w.root()));
    args.addAll(List.of(extra));
    return new Run(cli.execute(args.toArray(String[]::new)), out.toString(), err.toString());
  }

  /** Three appends of one catchment row each: three data files. */
  private static Warehouse threeSmallFiles(Path root) {
    Warehouse w = new Warehouse(SharedSpark.get(), root.toString());
    w.ensureCreated(Tables.CATCHMENTS);
    for (int i = 1; i <= 3; i++) {
      SharedSpark.get().createDataFrame(List.of(values(i)), Tables.CATCHMENTS.schema()).coalesce(1).write()
          .format("delta").mode("append").save(w.path(Tables.CATCHMENTS));
    }
    return w;
  }

  private static Row values(int i) {
    Object[] v = new Object[Tables.CATCHMENTS.schema().size()];
    var fields = Tables.CATCHMENTS.schema().fields();
    for (int k = 0; k < v.length; k++) {
      v[k] = switch (fields[k].dataType().typeName()) {
        case "string" -> fields[k].name() + "-" + i;
        case "double" -> (double) i;
        case "integer" -> i;
        case "long" -> (long) i;
        case "boolean" -> true;
        case "date" -> Date.valueOf("2026-11-2" + i);
        default -> throw new IllegalStateException("fixture lacks a value for " + fields[k]);
      };
    }
    return RowFactory.create(v);
  }

  @Test
  void maintainCompactsTheSmallFilesAndVacuumDeletesTheOldOnesWhenTheRetentionAllows() {
    Warehouse w = threeSmallFiles(tmp.resolve("warehouse"));
    List<String> rowsBefore = w.read(Tables.CATCHMENTS).orderBy("neighbourhood").collectAsList().stream()
        .map(Row::toString).toList();

    Run keep = maintain(w);
    assertEquals(0, keep.code(), keep.err());
    assertTrue(keep.out().contains("catchments                   files 3 -> 1 (OPTIMIZE), files on storage 3 -> 4"
        + " (VACUUM, retention 168 h), version "), "default retention keeps the replaced files:\n" + keep.out());

    Run clean = maintain(w, "--set", "dropcast.maintain.vacuum-retention-hours=0",
        "--set", "dropcast.maintain.allow-short-retention=true");
    assertEquals(0, clean.code(), clean.err());
    assertTrue(clean.out().contains("catchments                   files 1 -> 1 (OPTIMIZE), files on storage 4 -> 1"
        + " (VACUUM, retention 0 h)"), "retention 0 deletes every file the latest version does not use:\n" + clean.out());

    assertEquals(rowsBefore, w.read(Tables.CATCHMENTS).orderBy("neighbourhood").collectAsList().stream()
        .map(Row::toString).toList(), "the rows are unchanged");
    List<String> ledger = w.read(Tables.JOB_RUNS).orderBy("started_at")
        .selectExpr("concat(job, ' ', status, ' ', message)").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(2, ledger.size(), ledger.toString());
    assertTrue(ledger.get(1).startsWith("maintain succeeded Maintained 1 table(s) (OPTIMIZE, then VACUUM keeping 0 h):"
        + " catchments files 1 -> 1 (OPTIMIZE), files on storage 4 -> 1"), ledger.get(1));
  }

  @Test
  void aRetentionBelowDeltasSafetyLimitIsRefusedUnlessExplicitlyAllowed() {
    Warehouse w = new Warehouse(SharedSpark.get(), tmp.resolve("warehouse").toString());
    Run refused = maintain(w, "--set", "dropcast.maintain.vacuum-retention-hours=24");
    assertEquals(1, refused.code(), refused.out());
    assertEquals("dropcast maintain: dropcast maintain refuses to VACUUM with a retention of 24 hours. Delta's safety"
        + " check allows no less than 168 hours: a job still reading or writing an older version could lose files it"
        + " needs. Fix: keep dropcast.maintain.vacuum-retention-hours >= 168, or set dropcast.maintain."
        + "allow-short-retention=true when no other job runs against the warehouse during maintenance",
        refused.err().strip());
    assertFalse(w.exists(Tables.JOB_RUNS), "refused before the run started");
  }
}

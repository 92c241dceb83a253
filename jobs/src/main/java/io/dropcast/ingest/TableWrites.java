package io.dropcast.ingest;

import io.delta.tables.DeltaTable;
import io.dropcast.errors.Errors;
import io.dropcast.tables.Table;
import io.dropcast.tables.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's writes as one unit: the versions of every table it may touch are captured before the first write;
 * if a write fails, every table already changed is restored to its captured version (Delta RESTORE) and the
 * error says which tables were restored. A table the run created is restored to its empty version 0. Only a
 * table whose latest version is this run's own write is restored: one another writer committed to meanwhile
 * (a concurrent run) is left alone and named in the error, so a failed run never undoes another run's work.
 */
public final class TableWrites {
  private static final Logger LOG = LoggerFactory.getLogger(TableWrites.class);

  /** One write: the table and what writes it. */
  public record Write(Table table, Runnable body) {}

  private final Warehouse warehouse;
  private final String runDate;
  private final Map<Table, OptionalLong> before = new LinkedHashMap<>();
  private final Map<String, Long> written = new LinkedHashMap<>();

  public TableWrites(Warehouse warehouse, String runDate, List<Table> tables) {
    this.warehouse = warehouse;
    this.runDate = runDate;
    for (Table t : tables) {
      before.put(t, warehouse.version(t));
    }
  }

  /** The version each table was at before the run, or empty for a table that did not exist. */
  public Map<Table, OptionalLong> versionsBefore() {
    return before;
  }

  /** Runs the writes in order; on the first failure restores the changed tables and throws. */
  public Map<String, Long> apply(List<Write> writes) {
    for (Write w : writes) {
      if (!before.containsKey(w.table())) {
        throw Errors.internal("table " + w.table().name() + " is written but its version was not captured", null);
      }
      try {
        w.body().run();
        written.put(w.table().name(), warehouse.version(w.table()).orElseThrow());
      } catch (RuntimeException e) {
        String restored = restore();
        throw Errors.ingestWriteFailed(runDate, w.table().name(), restored, e);
      }
    }
    return written;
  }

  /** Restores every changed table to its captured version; returns what was done, for the error message. */
  String restore() {
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Map.Entry<Table, OptionalLong> e : before.entrySet()) {
      Table table = e.getKey();
      OptionalLong now = warehouse.version(table);
      long target = e.getValue().orElse(0L);
      Long mine = written.get(table.name());
      if (now.isPresent() && now.getAsLong() > target && (mine == null || now.getAsLong() != mine)) {
        // Changed, but not (or not last) by this run: another writer committed; restoring would undo its work.
        if (mine != null || e.getValue().isPresent()) {
          failed.add(table.name() + " (left at version " + now.getAsLong() + ": " + (mine == null
              ? "this run had not written it; another writer did" : "another writer committed after this run's"
              + " version " + mine) + ", so restoring to " + target + " would undo its work)");
        }
        continue;
      }
      if (now.isPresent() && now.getAsLong() > target) {
        try {
          DeltaTable.forPath(warehouse.spark(), warehouse.path(table)).restoreToVersion(target);
          done.add(table.name() + " to version " + target + (e.getValue().isPresent() ? "" : " (created empty by this run)"));
        } catch (RuntimeException restoreError) {
          LOG.error("could not restore {} to version {}", table.name(), target, restoreError);
          failed.add(table.name() + " (still at version " + now.getAsLong() + ", restore it with RESTORE TABLE delta.`"
              + warehouse.path(table) + "` TO VERSION AS OF " + target + ": " + restoreError.getMessage() + ")");
        }
      }
    }
    String message = done.isEmpty() ? "No table had been changed yet" : "Restored " + String.join(", ", done);
    if (!failed.isEmpty()) {
      message += "; COULD NOT restore " + String.join(", ", failed);
    }
    LOG.warn("ingest {}: {}", runDate, message);
    return message;
  }
}

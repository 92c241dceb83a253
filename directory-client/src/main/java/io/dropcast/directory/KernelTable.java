package io.dropcast.directory;

import static io.delta.kernel.internal.util.Utils.singletonCloseableIterator;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One Dropcast table read through Delta Kernel: its latest snapshot, a check that it still has the columns
 * the client reads (the output contract of docs/tables.md), the values of a date partition column read from
 * the Delta log alone, and rows of the partitions a filter selects.
 */
final class KernelTable {
  private final Engine engine;
  private final String name;
  private final String path;
  private final String writtenBy;

  KernelTable(Engine engine, String warehouse, String name, String writtenBy) {
    this.engine = engine;
    this.name = name;
    this.path = (warehouse.endsWith("/") ? warehouse : warehouse + "/") + name;
    this.writtenBy = writtenBy;
  }

  String name() {
    return name;
  }

  /** The latest snapshot, checked against the columns the client reads; fails clearly if there is no table. */
  Snapshot snapshot(Map<String, DataType> columns) {
    Snapshot snapshot;
    try {
      snapshot = TableManager.loadSnapshot(path).build(engine);
    } catch (TableNotFoundException e) {
      throw new DirectoryClientException("No Dropcast table '" + name + "' at " + path,
          "the nightly " + writtenBy + " step has not written it yet, or the warehouse location is wrong",
          "run 'dropcast nightly --date D' on this warehouse, or open the client on the warehouse the nightly run writes",
          e);
    }
    StructType schema = snapshot.getSchema();
    for (Map.Entry<String, DataType> c : columns.entrySet()) {
      int i = schema.indexOf(c.getKey());
      if (i < 0 || !schema.at(i).getDataType().equivalent(c.getValue())) {
        throw new DirectoryClientException("Table '" + name + "' at " + path + " (version " + snapshot.getVersion()
            + ") has " + (i < 0 ? "no column '" + c.getKey() + "'"
                : "column '" + c.getKey() + "' of type " + schema.at(i).getDataType()),
            "this client reads '" + c.getKey() + "' as " + c.getValue() + ", as docs/tables.md documents it",
            "use the directory client built with the Dropcast version that wrote the table", null);
      }
    }
    return snapshot;
  }

  /** The distinct values of a date partition column, from the Delta log only (no data file is opened). */
  List<LocalDate> partitionDates(Snapshot snapshot, String column) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    Scan scan = snapshot.getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> rows = files.next().getRows()) {
          while (rows.hasNext()) {
            String value = InternalScanFileUtils.getPartitionValues(rows.next()).get(column);
            if (value != null) {
              dates.add(LocalDate.parse(value));
            }
          }
        }
      }
    } catch (IOException e) {
      throw unreadable(e);
    }
    return new ArrayList<>(dates);
  }

  /**
   * The rows of the files the filter selects (partition pruning and file statistics), mapped; the filter only
   * skips files, so {@code keep} must test every row again.
   */
  <T> List<T> read(Snapshot snapshot, Predicate filter, java.util.function.Predicate<Row> keep, Function<Row, T> map) {
    ScanBuilder builder = snapshot.getScanBuilder().withFilter(filter);
    Scan scan = builder.build();
    Row scanState = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
    List<T> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
          while (scanFiles.hasNext()) {
            Row scanFile = scanFiles.next();
            FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
            CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                .readParquetFiles(singletonCloseableIterator(file), physical, Optional.empty())
                .map(FileReadResult::getData);
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
              while (logical.hasNext()) {
                try (CloseableIterator<Row> rows = logical.next().getRows()) {
                  while (rows.hasNext()) {
                    Row r = rows.next();
                    if (keep.test(r)) {
                      out.add(map.apply(r));
                    }
                  }
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw unreadable(e);
    }
    return out;
  }

  /** The ordinal of a column in the rows {@link #read} returns (the table's logical schema). */
  static int ordinal(Snapshot snapshot, String column) {
    return snapshot.getSchema().indexOf(column);
  }

  private DirectoryClientException unreadable(IOException e) {
    return new DirectoryClientException("Cannot read Dropcast table '" + name + "' at " + path,
        "a file of the table could not be read: " + e.getMessage(),
        "check that the service can read the warehouse (credentials, network), then retry", new UncheckedIOException(e));
  }

}

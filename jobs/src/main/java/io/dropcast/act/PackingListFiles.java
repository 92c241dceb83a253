package io.dropcast.act;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropcast.errors.Errors;
import io.dropcast.report.Csv;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * The exported packing lists: {@code <warehouse>/exports/packing-lists/date=D/} holds {@code <hub>.csv} and
 * {@code <hub>.json} per hub and {@code summary.json} (units per hub). The JSON files are the webhook bodies, byte
 * for byte. A run writes the folder under a temporary name and swaps it in only when every file is written, so a
 * failed run leaves the previous files of the date as they were.
 */
public final class PackingListFiles {
  /** Version of the JSON documents (packing list and plan summary); raised on any incompatible change. */
  public static final int SCHEMA_VERSION = 1;
  public static final String SUMMARY_FILE = "summary.json";

  /** The CSV columns, in order. */
  static final String[] CSV_COLUMNS = {"pick_order", "drop_date", "drop_id", "sku_id", "category", "merchant_id",
      "title", "units", "window_start_local", "window_end_local", "pickup_sla_hours", "plan_version", "plan_run_id"};

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PackingListFiles() {}

  /** The folder of a date's files. */
  public static Path folder(String warehouseRoot, LocalDate date) {
    return new Path(warehouseRoot + "/exports/packing-lists/date=" + date);
  }

  /** One hub's list as CSV; {@code rows} in pick order, with the columns of hub_packing_lists. */
  public static String csv(List<Row> rows) {
    StringWriter out = new StringWriter();
    try {
      Csv.write(CSV_COLUMNS, rows.stream().map(PackingListFiles::csvRow).toList(), out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string failed", e);
    }
    return out.toString();
  }

  private static Row csvRow(Row r) {
    Object[] values = new Object[CSV_COLUMNS.length];
    for (int i = 0; i < CSV_COLUMNS.length; i++) {
      Object v = r.get(r.fieldIndex(CSV_COLUMNS[i]));
      values[i] = v instanceof java.sql.Date d ? d.toString() : v;
    }
    return new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(values,
        new org.apache.spark.sql.types.StructType(java.util.Arrays.stream(CSV_COLUMNS)
            .map(c -> r.schema().apply(c)).toArray(org.apache.spark.sql.types.StructField[]::new)));
  }

  /** One hub's list as the JSON document (also the webhook body). */
  public static String json(String hubId, LocalDate planDate, String timeZone, List<Row> rows) {
    Row head = rows.get(0);
    long planVersion = head.getAs("plan_version");
    ObjectNode root = JSON.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("kind", Delivery.PACKING_LIST);
    root.put("idempotency_key", Delivery.idempotencyKey(planVersion, hubId, planDate));
    root.put("plan_date", planDate.toString());
    root.put("hub_id", hubId);
    root.put("plan_version", planVersion);
    root.put("plan_run_id", (String) head.getAs("plan_run_id"));
    root.put("pickup_sla_hours", (Double) head.getAs("pickup_sla_hours"));
    root.put("time_zone", timeZone);
    long total = 0;
    ArrayNode items = root.putArray("items");
    for (Row r : rows) {
      ObjectNode item = items.addObject();
      item.put("pick_order", (Integer) r.getAs("pick_order"));
      item.put("drop_date", r.getAs("drop_date").toString());
      item.put("drop_id", (String) r.getAs("drop_id"));
      item.put("sku_id", (String) r.getAs("sku_id"));
      item.put("category", (String) r.getAs("category"));
      item.put("merchant_id", (String) r.getAs("merchant_id"));
      item.put("title", (String) r.getAs("title"));
      item.put("units", (Integer) r.getAs("units"));
      item.put("window_start_local", (String) r.getAs("window_start_local"));
      item.put("window_end_local", (String) r.getAs("window_end_local"));
      item.put("window_start", ((java.sql.Timestamp) r.getAs("window_start")).toInstant().toString());
      item.put("window_end", ((java.sql.Timestamp) r.getAs("window_end")).toInstant().toString());
      total += (Integer) r.getAs("units");
    }
    root.put("total_units", total);
    return write(root);
  }

  /**
   * The plan summary: per hub (hub_id, drops, units, ordered by hub_id) of one plan version.
   *
   * @param perHub rows of hub_id, drops (long), units (long)
   */
  public static String summaryJson(LocalDate planDate, long planVersion, String planRunId, List<Row> perHub) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("kind", Delivery.PLAN_SUMMARY);
    root.put("idempotency_key", Delivery.idempotencyKey(planVersion, Delivery.ALL, planDate));
    root.put("plan_date", planDate.toString());
    root.put("plan_version", planVersion);
    root.put("plan_run_id", planRunId);
    long total = 0;
    ArrayNode hubs = root.putArray("hubs");
    for (Row r : perHub) {
      ObjectNode hub = hubs.addObject();
      hub.put("hub_id", r.getString(0));
      hub.put("drops", r.getLong(1));
      hub.put("units", r.getLong(2));
      total += r.getLong(2);
    }
    root.put("total_units", total);
    return write(root);
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("rendering a JSON tree failed", e);
    }
  }

  /**
   * Writes a date's files: every {@code name -> text} into a temporary sibling folder, then swaps it in for
   * {@code date=D} (the previous folder, if any, is moved aside first and deleted last).
   */
  public static void publish(Configuration conf, Path folder, String runId, java.util.Map<String, String> files) {
    Path tmp = new Path(folder.getParent(), "_tmp-" + folder.getName() + "-" + runId);
    Path old = new Path(folder.getParent(), "_old-" + folder.getName() + "-" + runId);
    try {
      FileSystem fs = folder.getFileSystem(conf);
      fs.delete(tmp, true);
      fs.mkdirs(tmp);
      for (java.util.Map.Entry<String, String> f : files.entrySet()) {
        try (FSDataOutputStream stream = fs.create(new Path(tmp, f.getKey()), true);
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
          w.write(f.getValue());
        }
      }
      boolean hadOld = fs.exists(folder);
      if (hadOld && !fs.rename(folder, old)) {
        throw new IOException("cannot move the previous " + folder + " aside to " + old);
      }
      if (!fs.rename(tmp, folder)) {
        if (hadOld) {
          fs.rename(old, folder);
        }
        throw new IOException("cannot rename " + tmp + " to " + folder);
      }
      if (hadOld) {
        fs.delete(old, true);
      }
    } catch (IOException e) {
      throw Errors.ioFailure("publish the packing lists", folder.toString(), e);
    }
  }

  /** The files of a date's folder, name to text; empty when the folder does not exist. */
  public static java.util.Map<String, String> read(Configuration conf, Path folder) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    try {
      FileSystem fs = folder.getFileSystem(conf);
      if (!fs.exists(folder)) {
        return out;
      }
      for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(folder)) {
        if (st.isFile()) {
          try (var in = fs.open(st.getPath())) {
            out.put(st.getPath().getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw Errors.ioFailure("read the packing lists", folder.toString(), e);
    }
  }
}

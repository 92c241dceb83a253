package io.dropcast.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;

import io.dropcast.contract.RawSchemas;
import io.dropcast.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Tiny named landing records (as text, the way CSV carries them: arrays '|'-separated, null = absent) and
 * writers for the three landing formats. Every fixture is a valid record of a small Lisbon world on
 * 2026-11-25/26; a test changes the one field it is about.
 */
final class Fixtures {
  private Fixtures() {}

  /** Hub H1 in Baixa, valid. */
  static Map<String, String> hub(String id, double lat, double lng) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("hub_id", id);
    r.put("name", "Hub " + id);
    r.put("latitude", Double.toString(lat));
    r.put("longitude", Double.toString(lng));
    r.put("capacity_units", "400");
    r.put("pick_pack_per_hour", "60");
    r.put("pickup_sla_hours", "2.0");
    r.put("opens_at", "08:00");
    r.put("closes_at", "20:00");
    r.put("opened_on", null);
    r.put("updated_at", "2026-11-25T06:00:00Z");
    return r;
  }

  /** Batch 1 of drop D1 at hubs H1 and H2, valid. */
  static Map<String, String> drop(String id, int batch) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("drop_id", id);
    r.put("batch_number", Integer.toString(batch));
    r.put("merchant_id", "M1");
    r.put("sku_id", "SKU1");
    r.put("category", "bakery");
    r.put("title", "Sourdough, warm");
    r.put("hub_ids", "H1|H2");
    r.put("starts_at", "2026-11-25T09:00:00Z");
    r.put("ends_at", "2026-11-25T18:00:00Z");
    r.put("units_released", "100");
    r.put("price", "9.90");
    r.put("list_price", "14.00");
    r.put("channels", "push|sms");
    return r;
  }

  /** An order placed on drop D1 for pickup at H1, near Baixa, valid. */
  static Map<String, String> order(String id) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("order_id", id);
    r.put("drop_id", "D1");
    r.put("sku_id", "SKU1");
    r.put("category", "bakery");
    r.put("customer_id", "customer-" + id);
    r.put("created_at", "2026-11-25T10:00:00Z");
    r.put("units", "2");
    r.put("latitude", "38.7139");
    r.put("longitude", "-9.1334");
    r.put("fulfilment_mode", "pickup");
    r.put("hub_id", "H1");
    r.put("picked_up_at", null);
    r.put("status", "placed");
    r.put("next_drop_opt_in", "true");
    r.put("updated_at", null);
    return r;
  }

  static Map<String, String> with(Map<String, String> record, String... keyValues) {
    Map<String, String> r = new LinkedHashMap<>(record);
    for (int i = 0; i < keyValues.length; i += 2) {
      r.put(keyValues[i], keyValues[i + 1]);
    }
    return r;
  }

  /** Text records as a landed frame (what Landing produces for a CSV file named {@code file}). */
  static Dataset<Row> landed(Source source, String file, List<Map<String, String>> records) {
    return Parsing.fromText(source.schema(), text(source, file, records));
  }

  private static Dataset<Row> text(Source source, String file, List<Map<String, String>> records) {
    StructType flat = new StructType();
    for (StructField f : source.schema().fields()) {
      flat = flat.add(f.name(), DataTypes.StringType, true);
    }
    flat = flat.add(Parsing.ROW, DataTypes.LongType, false);
    List<Row> rows = new ArrayList<>();
    long n = 1;
    for (Map<String, String> r : records) {
      Object[] values = new Object[source.schema().size() + 1];
      int i = 0;
      for (StructField f : source.schema().fields()) {
        values[i++] = r.get(f.name());
      }
      values[i] = n++;
      rows.add(RowFactory.create(values));
    }
    Dataset<Row> frame = SharedSpark.get().createDataFrame(rows, flat);
    List<Column> cols = new ArrayList<>();
    for (StructField f : source.schema().fields()) {
      cols.add((f.dataType() instanceof ArrayType ? split(col(f.name()), "\\|") : col(f.name())).as(f.name()));
    }
    cols.add(lit(false).as(Parsing.MALFORMED));
    cols.add(lit(file).as(Parsing.FILE));
    cols.add(col(Parsing.ROW));
    return frame.select(cols.toArray(Column[]::new));
  }

  /** Writes records as a CSV file with a header (RFC 4180 quoting; null = empty field). */
  static Path writeCsv(Path file, Source source, List<Map<String, String>> records) {
    return writeCsv(file, Arrays.asList(source.schema().fieldNames()), records);
  }

  /** Writes records as a CSV file with exactly these columns (a landing file whose schema changed). */
  static Path writeCsv(Path file, List<String> names, List<Map<String, String>> records) {
    StringBuilder b = new StringBuilder(String.join(",", names)).append('\n');
    for (Map<String, String> r : records) {
      b.append(names.stream().map(n -> csv(r.get(n))).collect(Collectors.joining(","))).append('\n');
    }
    return write(file, b.toString());
  }

  private static String csv(String v) {
    if (v == null) {
      return "";
    }
    return v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  /** Writes records as JSON lines: strings quoted, arrays as JSON arrays, numbers and booleans bare. */
  static Path writeJsonl(Path file, Source source, List<Map<String, String>> records) {
    StringBuilder b = new StringBuilder();
    for (Map<String, String> r : records) {
      List<String> fields = new ArrayList<>();
      for (StructField f : source.schema().fields()) {
        String v = r.get(f.name());
        String json;
        if (v == null) {
          json = "null";
        } else if (f.dataType() instanceof ArrayType) {
          json = v.isEmpty() ? "[]" : Arrays.stream(v.split("\\|")).map(Fixtures::quote)
              .collect(Collectors.joining(",", "[", "]"));
        } else if (f.dataType() instanceof org.apache.spark.sql.types.NumericType
            || f.dataType() == DataTypes.BooleanType) {
          json = v;
        } else {
          json = quote(v);
        }
        fields.add(quote(f.name()) + ":" + json);
      }
      b.append("{" + String.join(",", fields) + "}").append('\n');
    }
    return write(file, b.toString());
  }

  /** Writes records as one Parquet file with the contract schema (values cast as ingest casts them). */
  static Path writeParquet(Path file, Source source, List<Map<String, String>> records) {
    Dataset<Row> typed = landed(source, file.toString(), records)
        .select(Arrays.stream(source.schema().fieldNames()).map(n -> col(n)).toArray(Column[]::new));
    typed = SharedSpark.get().createDataFrame(typed.collectAsList(), RawSchemas.asText(source.schema()).size() > 0
        ? nullable(source.schema()) : source.schema());
    return writeParquet(file, typed);
  }

  /** Writes a frame as one Parquet file, whatever its schema (a landing file whose schema changed). */
  static Path writeParquet(Path file, Dataset<Row> typed) {
    Path dir = file.resolveSibling(file.getFileName() + ".spark");
    typed.coalesce(1).write().parquet(dir.toString());
    try (var files = Files.list(dir)) {
      Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.createDirectories(file.getParent());
      Files.move(part, file);
      try (var rest = Files.walk(dir)) {
        rest.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StructType nullable(StructType schema) {
    return new StructType(Arrays.stream(schema.fields())
        .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata())).toArray(StructField[]::new));
  }

  /** What a command run through the CLI gave: exit code, standard output and standard error. */
  record CliRun(int code, String out, String err) {}

  /** Runs {@code dropcast ARGS...} in this JVM, capturing its output. */
  static CliRun cli(String... args) {
    var cli = io.dropcast.cli.Dropcast.commandLine();
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}

package io.dropcast.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Test helpers: generate small worlds and read their files back (Parquet with parquet-avro, CSV, JSON lines). */
final class GeneratedFiles {
  private GeneratedFiles() {}

  static final ObjectMapper JSON = new ObjectMapper();

  static Generator.Summary generate(WorldParams params, Path out) {
    return Generator.run(params, out, 2, false);
  }

  /** All records of a Parquet file, as the file's own Avro schema describes them. */
  static List<GenericRecord> readParquet(Path file) {
    List<GenericRecord> rows = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader = AvroParquetReader
        .<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
        .withDataModel(GenericData.get())
        .build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        rows.add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The files of a source (or truth folder) by local date, in date order. */
  static TreeMap<LocalDate, Path> filesByDate(Path folder) {
    TreeMap<LocalDate, Path> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> dates = Files.list(folder)) {
      for (Path dir : dates.toList()) {
        String name = dir.getFileName().toString();
        try (Stream<Path> parts = Files.list(dir)) {
          files.put(LocalDate.parse(name.substring("date=".length())), parts.findFirst().orElseThrow());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Parquet records of a landing source by date. */
  static TreeMap<LocalDate, List<GenericRecord>> landing(Path out, String source) {
    TreeMap<LocalDate, List<GenericRecord>> rows = new TreeMap<>();
    filesByDate(LandingLayout.landing(out).resolve(source)).forEach((d, f) -> rows.put(d, readParquet(f)));
    return rows;
  }

  /** Truth records by date. */
  static TreeMap<LocalDate, List<GenericRecord>> latentDemand(Path out) {
    TreeMap<LocalDate, List<GenericRecord>> rows = new TreeMap<>();
    filesByDate(LandingLayout.truth(out).resolve(LandingLayout.LATENT_DEMAND))
        .forEach((d, f) -> rows.put(d, readParquet(f)));
    return rows;
  }

  static JsonNode worldJson(Path out) {
    try {
      return JSON.readTree(LandingLayout.worldJson(out).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSV file as rows of field name to text (null for an empty field). Handles RFC 4180 quoting. */
  static List<Map<String, String>> readCsv(Path file) {
    List<String> lines = readLines(file);
    List<String> header = splitCsv(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> values = splitCsv(line);
      if (values.size() != header.size()) {
        throw new AssertionError("CSV row has " + values.size() + " fields, header " + header.size() + ": " + line);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), values.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        out.add(field.length() == 0 && !wasQuoted ? null : field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else {
        field.append(c);
      }
    }
    out.add(field.length() == 0 && !wasQuoted ? null : field.toString());
    return out;
  }

  /** A JSON-lines file as one JSON object per row. */
  static List<JsonNode> readJsonLines(Path file) {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : readLines(file)) {
      try {
        rows.add(JSON.readTree(line));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return rows;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file under a folder, relative path to bytes, in path order. */
  static TreeMap<String, byte[]> allBytes(Path root) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Text of a field of a record (null stays null). */
  static String text(GenericRecord r, String field) {
    Object v = r.get(field);
    return v == null ? null : v.toString();
  }

  static long micros(GenericRecord r, String field) {
    return (Long) r.get(field);
  }

  /** Local date of the order id {@code o-YYYYMMDD-NNNNNNN}. */
  static LocalDate orderDate(String orderId) {
    String d = orderId.substring(2, 10);
    return LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
        Integer.parseInt(d.substring(6, 8)));
  }
}

package io.dropcast.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropcast.contract.AvroContract;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirtyRowsAndFormatsTest {

  /** Two weeks, small: enough rows for every kind of bad row at a few percent. */
  private static WorldParams small(LandingFormat format, double dirtyRatio) {
    return WorldParams.builder(LocalDate.of(2026, 11, 2), 14, 12, 3, 5)
        .ordersPerDay(500).format(format).dirtyRatio(dirtyRatio).build();
  }

  @Test
  void csvBadRowsBreakTheirRuleAndMatchTheCountsInWorldJson(@TempDir Path out) {
    Generator.Summary summary = GeneratedFiles.generate(small(LandingFormat.CSV, 0.03), out);
    Map<DirtyKind, Long> found = badRows(rows(out, LandingLayout.ORDERS, LandingFormat.CSV),
        knownHubs(rows(out, LandingLayout.HUBS, LandingFormat.CSV)));

    assertEquals(worldJsonCounts(out), found, "each kind of bad row found in the CSV files must match world.json");
    assertEquals(summary.badRows(), found, "the run's summary must count the same bad rows");
    for (DirtyKind kind : DirtyKind.values()) {
      assertTrue(found.get(kind) > 0, "a 3 % dirty ratio over two weeks injects some " + kind.slug());
    }
    long creations = summary.ordersCreated();
    long total = found.values().stream().mapToLong(Long::longValue).sum();
    assertTrue(total > 0.02 * creations && total < 0.04 * creations,
        "about 3 % of the new order rows are bad, was " + total + " of " + creations);
  }

  @Test
  void parquetCannotLackARequiredFieldSoThatKindIsNeverInjected(@TempDir Path out) {
    GeneratedFiles.generate(small(LandingFormat.PARQUET, 0.03), out);
    Map<DirtyKind, Long> found = badRows(rows(out, LandingLayout.ORDERS, LandingFormat.PARQUET),
        knownHubs(rows(out, LandingLayout.HUBS, LandingFormat.PARQUET)));

    assertEquals(0L, found.get(DirtyKind.MISSING_REQUIRED_FIELD), "Parquet files hold no missing required field");
    assertEquals(worldJsonCounts(out), found, "each kind of bad row found in the Parquet files must match world.json");
  }

  @Test
  void jsonLinesLeavesAMissingRequiredFieldOutAndCountsMatch(@TempDir Path out) {
    GeneratedFiles.generate(small(LandingFormat.JSONL, 0.03), out);
    Map<DirtyKind, Long> found = badRows(rows(out, LandingLayout.ORDERS, LandingFormat.JSONL),
        knownHubs(rows(out, LandingLayout.HUBS, LandingFormat.JSONL)));

    assertEquals(worldJsonCounts(out), found, "each kind of bad row found in the JSON-lines files must match world.json");
    assertTrue(found.get(DirtyKind.MISSING_REQUIRED_FIELD) > 0, "some JSON lines lack a required key");
  }

  @Test
  void csvAndJsonLinesHoldTheSameRowsAsParquetForASeed(@TempDir Path tmp) {
    Map<LandingFormat, Path> outs = new EnumMap<>(LandingFormat.class);
    for (LandingFormat f : LandingFormat.values()) {
      outs.put(f, tmp.resolve(f.extension()));
      GeneratedFiles.generate(small(f, 0), outs.get(f));
    }
    for (String source : List.of(LandingLayout.DROPS, LandingLayout.ORDERS, LandingLayout.HUBS)) {
      TreeMap<LocalDate, List<Map<String, String>>> parquet = rows(outs.get(LandingFormat.PARQUET), source,
          LandingFormat.PARQUET);
      assertTrue(parquet.values().stream().mapToInt(List::size).sum() > 0, source + " must have rows");
      for (LandingFormat text : List.of(LandingFormat.CSV, LandingFormat.JSONL)) {
        assertEquals(parquet, rows(outs.get(text), source, text),
            source + " in " + text.extension() + " must hold exactly the Parquet rows, in the same order");
      }
    }
    assertEquals(GeneratedFiles.allBytes(outs.get(LandingFormat.PARQUET).resolve("truth/latent_demand")).keySet(),
        GeneratedFiles.allBytes(outs.get(LandingFormat.CSV).resolve("truth/latent_demand")).keySet(),
        "the truth is Parquet whatever the landing format");
  }

  // ---- reading any format into canonical text rows --------------------------------------------------

  private static Schema schemaOf(String source) {
    return switch (source) {
      case LandingLayout.DROPS -> AvroContract.drops();
      case LandingLayout.ORDERS -> AvroContract.orders();
      default -> AvroContract.hubs();
    };
  }

  /** Rows of a landing source by date, each as field name to canonical text (null when null or missing). */
  static TreeMap<LocalDate, List<Map<String, String>>> rows(Path out, String source, LandingFormat format) {
    Schema schema = schemaOf(source);
    TreeMap<LocalDate, List<Map<String, String>>> result = new TreeMap<>();
    GeneratedFiles.filesByDate(LandingLayout.landing(out).resolve(source)).forEach((date, file) -> {
      List<Map<String, String>> rows = new ArrayList<>();
      switch (format) {
        case PARQUET -> {
          for (GenericRecord r : GeneratedFiles.readParquet(file)) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Schema.Field f : schema.getFields()) {
              row.put(f.name(), fromAvro(f, r.get(f.name())));
            }
            rows.add(row);
          }
        }
        case CSV -> {
          for (Map<String, String> r : GeneratedFiles.readCsv(file)) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Schema.Field f : schema.getFields()) {
              row.put(f.name(), canonicalText(f, r.get(f.name())));
            }
            rows.add(row);
          }
        }
        case JSONL -> {
          for (JsonNode r : GeneratedFiles.readJsonLines(file)) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Schema.Field f : schema.getFields()) {
              JsonNode v = r.get(f.name());
              String text;
              if (v == null || v.isNull()) {
                text = null;
              } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(i -> items.add(i.asText()));
                text = items.isEmpty() ? null : String.join("|", items);
              } else {
                text = v.asText();
              }
              row.put(f.name(), canonicalText(f, text));
            }
            rows.add(row);
          }
        }
      }
      result.put(date, rows);
    });
    return result;
  }

  private static Schema valueSchema(Schema.Field f) {
    Schema s = f.schema();
    if (s.getType() == Schema.Type.UNION) {
      return s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
    return s;
  }

  private static String fromAvro(Schema.Field f, Object v) {
    if (v == null) {
      return null;
    }
    Schema s = valueSchema(f);
    if (s.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
      long micros = (Long) v;
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000).toString();
    }
    if (s.getLogicalType() instanceof LogicalTypes.Date) {
      return LocalDate.ofEpochDay((Integer) v).toString();
    }
    if (s.getLogicalType() instanceof LogicalTypes.Decimal d) {
      ByteBuffer b = ((ByteBuffer) v).duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return new BigDecimal(new BigInteger(bytes), d.getScale()).toPlainString();
    }
    if (s.getType() == Schema.Type.ARRAY) {
      List<String> items = ((List<?>) v).stream().map(Object::toString).toList();
      return items.isEmpty() ? null : String.join("|", items);
    }
    if (s.getType() == Schema.Type.DOUBLE) {
      return Double.toString((Double) v);
    }
    return v.toString();
  }

  private static String canonicalText(Schema.Field f, String text) {
    if (text == null) {
      return null;
    }
    Schema s = valueSchema(f);
    if (s.getLogicalType() instanceof LogicalTypes.Decimal d) {
      return new BigDecimal(text).setScale(d.getScale()).toPlainString();
    }
    if (s.getType() == Schema.Type.DOUBLE) {
      return Double.toString(Double.parseDouble(text));
    }
    return text;
  }

  // ---- the rules the ingest job will check ----------------------------------------------------------

  private static final Set<String> STATUSES = Set.of("placed", "picked_up", "no_show", "cancelled", "refunded");
  private static final List<String> REQUIRED = List.of("order_id", "category", "customer_id", "created_at", "units",
      "latitude", "longitude", "fulfilment_mode", "status");

  static Set<String> knownHubs(TreeMap<LocalDate, List<Map<String, String>>> hubs) {
    Set<String> ids = new HashSet<>();
    hubs.values().forEach(rows -> rows.forEach(r -> ids.add(r.get("hub_id"))));
    return ids;
  }

  /** Classifies every order row by the one rule it breaks; rows in date order. */
  static Map<DirtyKind, Long> badRows(TreeMap<LocalDate, List<Map<String, String>>> orders, Set<String> hubs) {
    Map<DirtyKind, Long> found = new EnumMap<>(DirtyKind.class);
    for (DirtyKind k : DirtyKind.values()) {
      found.put(k, 0L);
    }
    Map<String, String> firstCreatedAt = new HashMap<>();
    for (List<Map<String, String>> rows : orders.values()) {
      for (Map<String, String> r : rows) {
        String first = r.get("order_id") == null || r.get("created_at") == null ? null
            : firstCreatedAt.putIfAbsent(r.get("order_id"), r.get("created_at"));
        DirtyKind kind = null;
        if (REQUIRED.stream().anyMatch(f -> r.get(f) == null)) {
          kind = DirtyKind.MISSING_REQUIRED_FIELD;
        } else if (Math.abs(Double.parseDouble(r.get("latitude"))) > 90) {
          kind = DirtyKind.LATITUDE_OUT_OF_RANGE;
        } else if (Integer.parseInt(r.get("units")) <= 0) {
          kind = DirtyKind.NON_POSITIVE_UNITS;
        } else if (!STATUSES.contains(r.get("status"))) {
          kind = DirtyKind.UNKNOWN_STATUS;
        } else if (r.get("picked_up_at") != null
            && Instant.parse(r.get("picked_up_at")).isBefore(Instant.parse(r.get("created_at")))) {
          kind = DirtyKind.PICKED_UP_BEFORE_CREATED;
        } else if (r.get("hub_id") != null && !hubs.contains(r.get("hub_id"))) {
          kind = DirtyKind.UNKNOWN_HUB_ID;
        } else if (first != null && !first.equals(r.get("created_at"))) {
          kind = DirtyKind.DUPLICATE_ORDER_ID;
        }
        if (kind != null) {
          found.merge(kind, 1L, Long::sum);
        }
      }
    }
    return found;
  }

  private static Map<DirtyKind, Long> worldJsonCounts(Path out) {
    JsonNode bad = GeneratedFiles.worldJson(out).get("bad_rows");
    Map<DirtyKind, Long> counts = new EnumMap<>(DirtyKind.class);
    for (DirtyKind k : DirtyKind.values()) {
      counts.put(k, bad.get(k.slug()).asLong());
    }
    return counts;
  }
}

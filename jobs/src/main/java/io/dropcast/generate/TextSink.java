package io.dropcast.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A CSV or JSON-lines file with the contract's field names, in schema order.
 *
 * <ul>
 *   <li>CSV: a header row, RFC 4180 quoting (a value with a comma, quote or line break is quoted, quotes
 *       doubled), null as an empty field, arrays joined with '|', line ends '\n'.</li>
 *   <li>JSON lines: one object a line, every field present (null as {@code null}) except a required field
 *       that is null, which is left out.</li>
 *   <li>Both: timestamps as ISO-8601 UTC ({@code 2026-11-26T09:15:00Z}), dates as {@code 2026-11-26},
 *       decimals plain ({@code 12.50}), doubles in their shortest form, UTF-8.</li>
 * </ul>
 */
final class TextSink implements RecordSink {
  private enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP_MICROS, DECIMAL, STRING_ARRAY }

  private final BufferedWriter out;
  private final boolean csv;
  private final String[] names;
  private final String[] jsonKeys;
  private final Kind[] kinds;
  private final int[] scales;
  private final boolean[] nullable;
  private final StringBuilder line = new StringBuilder(256);
  private final StringBuilder value = new StringBuilder(64);

  TextSink(Path file, Schema schema, boolean csv) throws IOException {
    this.csv = csv;
    List<Schema.Field> fields = schema.getFields();
    names = new String[fields.size()];
    jsonKeys = new String[fields.size()];
    kinds = new Kind[fields.size()];
    scales = new int[fields.size()];
    nullable = new boolean[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      Schema.Field f = fields.get(i);
      names[i] = f.name();
      jsonKeys[i] = "\"" + f.name() + "\":";
      Schema type = f.schema();
      if (type.getType() == Schema.Type.UNION) {
        nullable[i] = true;
        type = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
      }
      LogicalType logical = type.getLogicalType();
      if (logical instanceof LogicalTypes.Decimal d) {
        kinds[i] = Kind.DECIMAL;
        scales[i] = d.getScale();
      } else if (logical instanceof LogicalTypes.Date) {
        kinds[i] = Kind.DATE;
      } else if (logical instanceof LogicalTypes.TimestampMicros) {
        kinds[i] = Kind.TIMESTAMP_MICROS;
      } else {
        kinds[i] = switch (type.getType()) {
          case STRING -> Kind.STRING;
          case INT -> Kind.INT;
          case LONG -> Kind.LONG;
          case DOUBLE -> Kind.DOUBLE;
          case BOOLEAN -> Kind.BOOLEAN;
          case ARRAY -> Kind.STRING_ARRAY;
          default -> throw new IllegalArgumentException("Field " + f.name() + " has type " + type
              + ", which the text landing formats do not support");
        };
      }
    }
    out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 18);
    if (csv) {
      out.write(String.join(",", names));
      out.write('\n');
    }
  }

  @Override
  public void write(GenericRecord record) throws IOException {
    line.setLength(0);
    if (!csv) {
      line.append('{');
    }
    boolean first = true;
    for (int i = 0; i < kinds.length; i++) {
      Object v = record.get(i);
      if (csv) {
        if (i > 0) {
          line.append(',');
        }
        if (v != null) {
          value.setLength(0);
          format(i, v, value, '|');
          appendCsv(value, line);
        }
      } else {
        if (v == null && !nullable[i]) {
          continue;
        }
        if (!first) {
          line.append(',');
        }
        first = false;
        line.append(jsonKeys[i]);
        if (v == null) {
          line.append("null");
        } else {
          appendJson(i, v, line);
        }
      }
    }
    if (!csv) {
      line.append('}');
    }
    line.append('\n');
    out.append(line);
  }

  private void format(int i, Object v, StringBuilder sb, char separator) {
    switch (kinds[i]) {
      case STRING, INT, LONG, BOOLEAN -> sb.append(v);
      case DOUBLE -> appendDouble(((Number) v).doubleValue(), sb);
      case DATE -> sb.append(LocalDate.ofEpochDay(((Number) v).intValue()));
      case TIMESTAMP_MICROS -> sb.append(instant(((Number) v).longValue()));
      case DECIMAL -> sb.append(decimal(v, scales[i]).toPlainString());
      case STRING_ARRAY -> {
        boolean first = true;
        for (Object item : (List<?>) v) {
          if (!first) {
            sb.append(separator);
          }
          first = false;
          sb.append(item);
        }
      }
    }
  }

  private void appendJson(int i, Object v, StringBuilder sb) {
    switch (kinds[i]) {
      case STRING -> appendJsonString(v.toString(), sb);
      case DATE, TIMESTAMP_MICROS -> {
        sb.append('"');
        format(i, v, sb, '|');
        sb.append('"');
      }
      case STRING_ARRAY -> {
        sb.append('[');
        boolean first = true;
        for (Object item : (List<?>) v) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          appendJsonString(item.toString(), sb);
        }
        sb.append(']');
      }
      default -> format(i, v, sb, '|');
    }
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  static BigDecimal decimal(Object v, int scale) {
    ByteBuffer buffer = ((ByteBuffer) v).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return new BigDecimal(new BigInteger(bytes), scale);
  }

  /** Shortest round-trip form, never in scientific notation. */
  static void appendDouble(double d, StringBuilder sb) {
    double abs = Math.abs(d);
    if (d == 0 || (abs >= 1e-3 && abs < 1e7) || Double.isNaN(d) || Double.isInfinite(d)) {
      sb.append(d);
    } else {
      sb.append(new BigDecimal(Double.toString(d)).toPlainString());
    }
  }

  private static void appendCsv(CharSequence v, StringBuilder sb) {
    boolean quote = false;
    for (int k = 0; k < v.length(); k++) {
      char ch = v.charAt(k);
      if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int k = 0; k < v.length(); k++) {
      char ch = v.charAt(k);
      if (ch == '"') {
        sb.append('"');
      }
      sb.append(ch);
    }
    sb.append('"');
  }

  static void appendJsonString(String s, StringBuilder sb) {
    sb.append('"');
    for (int k = 0; k < s.length(); k++) {
      char ch = s.charAt(k);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

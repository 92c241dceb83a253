package io.dropcast.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Writes collected figure rows as RFC 4180 CSV (header, comma, CRLF-free '\n' lines, quotes doubled).
 * A text cell starting with '=', '+', '-', '@' or a tab is prefixed with a single quote so that a
 * spreadsheet shows a merchant's title as text instead of running it as a formula.
 */
public final class Csv {
  private Csv() {}

  public static void write(String[] columns, List<Row> rows, Writer out) throws IOException {
    out.write(String.join(",", java.util.Arrays.stream(columns).map(Csv::cell).toList()));
    out.write('\n');
    for (Row row : rows) {
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        Object value = row.get(row.fieldIndex(columns[i]));
        out.write(value == null ? "" : value instanceof String s ? cell(s) : number(value));
      }
      out.write('\n');
    }
  }

  private static String number(Object value) {
    if (value instanceof Double d) {
      return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
    return cell(value.toString());
  }

  static String cell(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@\t".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(s)) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}

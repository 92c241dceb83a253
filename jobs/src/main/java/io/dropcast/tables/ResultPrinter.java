package io.dropcast.tables;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Prints a query result as an aligned table, CSV or JSON lines. Tables are bounded by a row limit; CSV and
 * JSON stream partition by partition, so a large result never has to fit in the driver.
 */
public final class ResultPrinter {
  /** Output formats of {@code dropcast sql}. */
  public enum Format { table, csv, json }

  static final int DEFAULT_TABLE_ROWS = 100;

  private ResultPrinter() {}

  public static void print(Dataset<Row> result, Format format, Integer limit, PrintWriter out) {
    switch (format) {
      case table -> printTable(result, limit == null ? DEFAULT_TABLE_ROWS : limit, out);
      case csv -> printCsv(limit == null ? result : result.limit(limit), out);
      case json -> printJson(limit == null ? result : result.limit(limit), out);
      default -> throw new IllegalArgumentException("format " + format);
    }
  }

  private static Dataset<Row> asStrings(Dataset<Row> result) {
    Column[] columns = Arrays.stream(result.columns())
        .map(c -> functions.col("`" + c.replace("`", "``") + "`").cast("string").as(c))
        .toArray(Column[]::new);
    return result.select(columns);
  }

  private static void printTable(Dataset<Row> result, int limit, PrintWriter out) {
    String[] header = result.columns();
    // limit + 1 rows tell whether more exist, without counting the whole result.
    List<Row> rows = asStrings(result).limit(limit + 1).collectAsList();
    boolean more = rows.size() > limit;
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, rows.size()); i++) {
      Row row = rows.get(i);
      String[] line = new String[header.length];
      for (int c = 0; c < header.length; c++) {
        line[c] = row.isNullAt(c) ? "NULL" : row.getString(c);
      }
      cells.add(line);
    }
    int[] width = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
      for (String[] line : cells) {
        width[c] = Math.max(width[c], line[c].length());
      }
    }
    String rule = rule(width);
    out.println(rule);
    out.println(line(header, width));
    out.println(rule);
    for (String[] line : cells) {
      out.println(line(line, width));
    }
    out.println(rule);
    out.println(cells.size() + (cells.size() == 1 ? " row" : " rows")
        + (more ? " shown; more exist (use --limit N, or --format csv for all)" : ""));
  }

  private static String rule(int[] width) {
    StringBuilder b = new StringBuilder("+");
    for (int w : width) {
      b.append("-".repeat(w + 2)).append('+');
    }
    return b.toString();
  }

  private static String line(String[] values, int[] width) {
    StringBuilder b = new StringBuilder("|");
    for (int c = 0; c < values.length; c++) {
      b.append(' ').append(values[c]).append(" ".repeat(width[c] - values[c].length())).append(" |");
    }
    return b.toString();
  }

  private static void printCsv(Dataset<Row> result, PrintWriter out) {
    String[] header = result.columns();
    out.println(String.join(",", Arrays.stream(header).map(ResultPrinter::csvField).toArray(String[]::new)));
    Iterator<Row> rows = asStrings(result).toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < header.length; c++) {
        if (c > 0) {
          b.append(',');
        }
        if (!row.isNullAt(c)) {
          b.append(csvField(row.getString(c)));
        }
      }
      out.println(b);
    }
  }

  /** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
  static String csvField(String value) {
    if (value.isEmpty() || value.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  private static void printJson(Dataset<Row> result, PrintWriter out) {
    Iterator<String> lines = result.toJSON().toLocalIterator();
    while (lines.hasNext()) {
      out.println(lines.next());
    }
  }
}

package io.dropcast.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * From records as read to "landed" records: the contract's fields typed, plus the bookkeeping every rule and
 * the quarantine need. Pure: no I/O. A landed frame has, in order,
 * <ul>
 *   <li>every contract field, typed as in {@link io.dropcast.contract.RawSchemas} (null when absent or unparseable);
 *   <li>{@value #RAW}: the record as read, a struct of the fields as text (what the quarantine shows); null for a
 *       record read from Parquet whose contract has no array field, whose raw record is only its typed fields as
 *       text and is rebuilt from them when needed ({@link #rawRecord}), so that it is neither computed nor
 *       carried for the millions of records that are accepted;
 *   <li>{@value #UNPARSED}: one "field='value' is not a TYPE" string per value that does not cast;
 *   <li>{@value #MALFORMED}: true when the line could not be parsed as a CSV/JSON record at all;
 *   <li>{@value #FILE}, {@value #ROW}: the file and the 1-based record number within it;
 *   <li>{@value #RUN_DATE} (when read by {@link Landing}): the date of the file's landing folder, the record's
 *       run date (the end of its timestamp window, and the quarantine's run_date);
 *   <li>{@value #RID} (when read by {@link Landing}): a long unique to the record within its source and batch
 *       (the file's index in the batch, shifted left 40 bits, plus the record number), the compact key the
 *       cross-record rules join on. Files are indexed in listing order (by date, then name), so that within a
 *       run date, record-id order is file-then-record-number order.
 * </ul>
 */
public final class Parsing {
  public static final String RAW = "_raw";
  public static final String UNPARSED = "_unparsed";
  public static final String MALFORMED = "_malformed";
  public static final String FILE = "_file";
  public static final String ROW = "_row";
  public static final String RUN_DATE = "_run_date";
  public static final String RID = "_rid";
  /** Bits of {@value #RID} left to the record number: 2^40 records a file at most. */
  static final int RID_ROW_BITS = 40;

  private Parsing() {}

  /** The schema of a landed frame for a contract. */
  public static StructType landedSchema(StructType contract) {
    StructType out = new StructType();
    for (StructField f : contract.fields()) {
      out = out.add(f.name(), f.dataType(), true);
    }
    return out
        .add(RAW, io.dropcast.contract.RawSchemas.asText(contract), false)
        .add(UNPARSED, DataTypes.createArrayType(DataTypes.StringType, false), false)
        .add(MALFORMED, DataTypes.BooleanType, false)
        .add(FILE, DataTypes.StringType, false)
        .add(ROW, DataTypes.LongType, false)
        .add(RUN_DATE, DataTypes.DateType, false)
        .add(RID, DataTypes.LongType, false);
  }

  /** The run-date and record-id columns, when the frame carries them (frames built by tests may not). */
  static void addRunDate(Dataset<Row> frame, List<Column> out) {
    List<String> columns = java.util.Arrays.asList(frame.columns());
    for (String c : List.of(RUN_DATE, RID)) {
      if (columns.contains(c)) {
        out.add(frame.col(c));
      }
    }
  }

  /**
   * Text records (CSV or JSON read as text: every contract field present as string, or array of strings for
   * arrays, plus {@value #FILE}, {@value #ROW}, {@value #MALFORMED}) to landed records, casting each value.
   * A value that is present but does not cast leaves the typed field null and is named in {@value #UNPARSED}.
   */
  public static Dataset<Row> fromText(StructType contract, Dataset<Row> text) {
    List<Column> typed = new ArrayList<>();
    List<Column> unparsed = new ArrayList<>();
    List<Column> raw = new ArrayList<>();
    for (StructField f : contract.fields()) {
      Column t = text.col(quote(f.name()));
      Column parsed = parse(t, f.dataType());
      typed.add(parsed.as(f.name()));
      raw.add(t.as(f.name()));
      if (!(f.dataType() instanceof ArrayType) && !(f.dataType() instanceof StringType)) {
        unparsed.add(when(t.isNotNull().and(parsed.isNull()),
            concat(lit(f.name() + "='"), t, lit("' is not " + describe(f.dataType())))));
      }
    }
    List<Column> out = new ArrayList<>(typed);
    out.add(struct(raw.toArray(Column[]::new)).as(RAW));
    out.add(nonNull(unparsed).as(UNPARSED));
    out.add(text.col(MALFORMED));
    out.add(text.col(FILE));
    out.add(text.col(ROW));
    addRunDate(text, out);
    return text.select(out.toArray(Column[]::new));
  }

  /**
   * Typed records (Parquet read with the contract schema, plus {@value #FILE} and {@value #ROW}) to landed
   * records: nothing to cast; the raw record is the same values as text, left null (rebuilt on demand by
   * {@link #rawRecord}) when the contract has no array field (array elements are trimmed when landed, so the
   * raw text of an array cannot be rebuilt from its landed value).
   */
  public static Dataset<Row> fromTyped(StructType contract, Dataset<Row> typed) {
    List<Column> out = new ArrayList<>();
    for (StructField f : contract.fields()) {
      Column c = typed.col(quote(f.name()));
      Column value = f.dataType() instanceof ArrayType ? parse(c, f.dataType()) : c;
      out.add(value.as(f.name()));
    }
    out.add((rawIsRebuilt(contract) ? lit(null).cast(io.dropcast.contract.RawSchemas.asText(contract))
        : rawOfTyped(contract, name -> typed.col(quote(name)))).as(RAW));
    out.add(expr("array()").cast(DataTypes.createArrayType(DataTypes.StringType, false)).as(UNPARSED));
    out.add(lit(false).as(MALFORMED));
    out.add(typed.col(FILE));
    out.add(typed.col(ROW));
    addRunDate(typed, out);
    return typed.select(out.toArray(Column[]::new));
  }

  /**
   * The raw record of a typed (Parquet) record: each contract field as text (arrays as arrays of text), from
   * {@code field} (the typed value of a field by name). A record read from Parquet can so have its raw record
   * rebuilt from its typed fields instead of carrying it.
   */
  static Column rawOfTyped(StructType contract, java.util.function.Function<String, Column> field) {
    List<Column> raw = new ArrayList<>();
    for (StructField f : contract.fields()) {
      Column c = field.apply(f.name());
      raw.add((f.dataType() instanceof ArrayType ? c.cast(DataTypes.createArrayType(DataTypes.StringType))
          : c.cast(DataTypes.StringType)).as(f.name()));
    }
    return struct(raw.toArray(Column[]::new));
  }

  /** Whether {@link #fromTyped} leaves the raw record null, to be rebuilt by {@link #rawRecord}. */
  static boolean rawIsRebuilt(StructType contract) {
    return java.util.Arrays.stream(contract.fields()).noneMatch(f -> f.dataType() instanceof ArrayType);
  }

  /**
   * The raw record of a landed (or validated) record: {@value #RAW}, or for a record read from Parquet that
   * does not carry it, its typed fields as text; {@code field} gives the typed value of a field by name (the
   * caller maps a field it replaced, such as the hashed customer_id).
   */
  public static Column rawRecord(StructType contract, java.util.function.Function<String, Column> field) {
    return coalesce(col(RAW), rawOfTyped(contract, field));
  }

  /** Casts one text value to a contract type; null when it does not parse (never throws, ANSI or not). */
  static Column parse(Column text, DataType type) {
    if (type instanceof ArrayType) {
      // Elements trimmed; empty elements (from "a||b" or a trailing '|') dropped.
      return when(text.isNotNull(), org.apache.spark.sql.functions.filter(
          org.apache.spark.sql.functions.transform(text, x -> trim(x)), x -> x.notEqual(lit(""))));
    }
    if (type instanceof StringType) {
      return text;
    }
    Column s = trim(text);
    if (type instanceof TimestampType) {
      // Epoch microseconds (Avro's timestamp-micros as a number), an ISO-8601 instant with an offset, or a
      // local date-time without offset, which the contract defines as UTC.
      return when(s.rlike("^-?[0-9]{1,18}$"), timestamp_micros(s.try_cast(DataTypes.LongType)))
          .when(s.rlike("(?i)(z|utc|[+-][0-9]{2}(:?[0-9]{2})?)$"), s.try_cast(DataTypes.TimestampType))
          .otherwise(concat(s, lit("Z")).try_cast(DataTypes.TimestampType));
    }
    if (type instanceof DateType) {
      // Days since the epoch (Avro's date as a number) or yyyy-MM-dd.
      return when(s.rlike("^-?[0-9]{1,7}$"), date_from_unix_date(s.try_cast(DataTypes.IntegerType)))
          .otherwise(s.try_cast(DataTypes.DateType));
    }
    return s.try_cast(type);
  }

  static String describe(DataType type) {
    if (type instanceof TimestampType) {
      return "a timestamp";
    }
    if (type instanceof DateType) {
      return "a date (yyyy-MM-dd)";
    }
    String name = type.simpleString();
    return (name.matches("^[aeiou].*") ? "an " : "a ") + name;
  }

  /** An array of the non-null values of the given columns (an empty array when all are null). */
  static Column nonNull(List<Column> columns) {
    if (columns.isEmpty()) {
      return expr("array()").cast(DataTypes.createArrayType(DataTypes.StringType, false));
    }
    return org.apache.spark.sql.functions.filter(array(columns.toArray(Column[]::new)), x -> x.isNotNull());
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}

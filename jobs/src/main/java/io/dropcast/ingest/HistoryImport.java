package io.dropcast.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.dropcast.errors.Errors;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * import-history: a file of pre-aggregated daily demand (CSV with a header, or Parquet) with columns
 * {@code date, location_id, units}, optional {@code category, latitude, longitude}, and any other numeric
 * columns as covariates, into {@code demand_history} with source 'import'. Validated rule by rule like
 * ingest; bad rows go to quarantine (source 'history'); MERGE on (source, location_id, category, date).
 */
public final class HistoryImport {
  public static final String SOURCE = "import";
  public static final String QUARANTINE_SOURCE = "history";
  public static final String DEFAULT_CATEGORY = "all";
  static final List<String> REQUIRED = List.of("date", "location_id", "units");
  static final List<String> KNOWN = List.of("date", "location_id", "category", "units", "latitude", "longitude");

  public static final String UNITS_NEGATIVE = "units_negative";
  public static final String DUPLICATE_KEY = "duplicate_key";

  private HistoryImport() {}

  /** The file as text: every column a string, plus {@value Parsing#FILE}, {@value Parsing#ROW}, {@value Parsing#MALFORMED}. */
  public static Dataset<Row> readText(SparkSession spark, String file) {
    String name = file.toLowerCase(Locale.ROOT);
    Dataset<Row> text;
    try {
      if (name.endsWith(".csv")) {
        List<String> header = Landing.csvHeader(spark, file);
        StructType schema = new StructType();
        for (String h : header) {
          schema = schema.add(h, DataTypes.StringType, true);
        }
        schema = schema.add("_corrupt_record", DataTypes.StringType, true);
        Dataset<Row> read = spark.read().schema(schema).option("header", "true").option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", "_corrupt_record").option("multiLine", "true")
            .option("escape", "\"").csv(file);
        text = read.withColumn(Parsing.MALFORMED, col("_corrupt_record").isNotNull()).drop("_corrupt_record");
      } else if (name.endsWith(".parquet")) {
        // A Parquet file carries its own schema (no inference): every column is taken as text and cast below.
        Dataset<Row> read = spark.read().parquet(file);
        List<Column> cols = new ArrayList<>();
        for (StructField f : read.schema().fields()) {
          cols.add(read.col(Parsing.quote(f.name())).cast(DataTypes.StringType).as(f.name()));
        }
        cols.add(lit(false).as(Parsing.MALFORMED));
        text = read.select(cols.toArray(Column[]::new));
      } else {
        throw Errors.historyUnusable(file, "its name ends neither in .csv nor in .parquet",
            "give a CSV file with a header line, or a Parquet file", null);
      }
    } catch (Landing.UnreadableFile e) {
      throw Errors.historyUnusable(file, e.getMessage(), "give a CSV file with a header line", e);
    }
    List<String> missing = REQUIRED.stream().filter(c -> !List.of(text.columns()).contains(c)).toList();
    if (!missing.isEmpty()) {
      throw Errors.historyUnusable(file, "it has no column " + String.join(", ", missing)
          + " (columns: " + String.join(", ", text.columns()) + ")",
          "name the columns date, location_id, units (and optionally category, latitude, longitude, covariates)", null);
    }
    return Landing.withRowNumbers(text, file);
  }

  /** Covariate columns of a text frame: every column that is not a known one or bookkeeping. */
  public static List<String> covariates(Dataset<Row> text) {
    return List.of(text.columns()).stream()
        .filter(c -> !KNOWN.contains(c) && !c.startsWith("_")).sorted().toList();
  }

  /**
   * Validates history rows (pure). Adds typed columns ({@code date, units, latitude, longitude, category},
   * covariates as doubles in {@code _cov}) and the rule columns of {@link Validation}.
   */
  public static Dataset<Row> validate(Dataset<Row> text, List<String> covariates) {
    Dataset<Row> t = text;
    for (String optional : List.of("category", "latitude", "longitude")) {
      if (!List.of(t.columns()).contains(optional)) {
        t = t.withColumn(optional, lit(null).cast(DataTypes.StringType));
      }
    }
    List<Column> rawFields = new ArrayList<>();
    for (String c : KNOWN) {
      rawFields.add(col(Parsing.quote(c)).as(c));
    }
    for (String c : covariates) {
      rawFields.add(col(Parsing.quote(c)).as(c));
    }
    List<Column> unparsed = new ArrayList<>();
    Dataset<Row> typed = t.withColumn(Parsing.RAW, functions.struct(rawFields.toArray(Column[]::new)));
    typed = typed
        .withColumn("_date", Parsing.parse(col("date"), DataTypes.DateType))
        .withColumn("_units", Parsing.parse(col("units"), DataTypes.DoubleType))
        .withColumn("_lat", Parsing.parse(col("latitude"), DataTypes.DoubleType))
        .withColumn("_lng", Parsing.parse(col("longitude"), DataTypes.DoubleType));
    for (String[] pair : new String[][] {{"date", "_date", "a date (yyyy-MM-dd)"}, {"units", "_units", "a number"},
        {"latitude", "_lat", "a number"}, {"longitude", "_lng", "a number"}}) {
      unparsed.add(when(nullif(trim(col(pair[0])), lit("")).isNotNull().and(col(pair[1]).isNull()),
          concat(lit(pair[0] + "='"), col(pair[0]), lit("' is not " + pair[2]))));
    }
    List<Column> names = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (String c : covariates) {
      Column v = Parsing.parse(col(Parsing.quote(c)), DataTypes.DoubleType);
      unparsed.add(when(col(Parsing.quote(c)).isNotNull().and(v.isNull()),
          concat(lit(c + "='"), col(Parsing.quote(c)), lit("' is not a number"))));
      names.add(lit(c));
      values.add(v);
    }
    Column cov = covariates.isEmpty() ? lit(null).cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
        : map_filter(map_from_arrays(functions.array(names.toArray(Column[]::new)),
            functions.array(values.toArray(Column[]::new))), (k, v) -> v.isNotNull());
    typed = typed.withColumn(Parsing.UNPARSED, Parsing.nonNull(unparsed)).withColumn("_cov", cov)
        .withColumn("_category", coalesce(nullif(trim(col("category")), lit("")), lit(DEFAULT_CATEGORY)))
        .withColumn("_location", trim(col("location_id")));

    List<Column> checks = new ArrayList<>();
    checks.add(Validation.failure(Validation.RECORD_MALFORMED, col(Parsing.MALFORMED),
        lit("the line is not a well-formed CSV record")));
    List<Column> missing = new ArrayList<>();
    for (String c : REQUIRED) {
      missing.add(when(nullif(trim(col(c)), lit("")).isNull(), lit(c)));
    }
    Column missingList = Parsing.nonNull(missing);
    checks.add(Validation.failure(Validation.REQUIRED_FIELD_MISSING, size(missingList).gt(0),
        concat(lit("required field(s) missing or empty: "), functions.array_join(missingList, ", "))));
    checks.add(Validation.failure(Validation.TYPE_UNPARSEABLE, size(col(Parsing.UNPARSED)).gt(0),
        concat(lit("value(s) that do not parse: "), functions.array_join(col(Parsing.UNPARSED), "; "))));
    checks.add(Validation.failure(UNITS_NEGATIVE, col("_units").lt(0).or(isnan(col("_units"))),
        concat(lit("units="), col("units"), lit(" must be >= 0"))));
    Column oneOnly = col("_lat").isNull().notEqual(col("_lng").isNull());
    Column outOfRange = col("_lat").between(-90.0, 90.0).and(col("_lng").between(-180.0, 180.0)).equalTo(false);
    checks.add(Validation.failure(Validation.LATITUDE_LONGITUDE_INVALID, oneOnly.or(outOfRange),
        concat(lit("latitude="), coalesce(col("latitude"), lit("null")), lit(", longitude="),
            coalesce(col("longitude"), lit("null")),
            lit(" is not a WGS84 position (give both, latitude in [-90, 90], longitude in [-180, 180])"))));
    Dataset<Row> checked = Validation.withFailures(typed, checks);
    return Validation.finish(Validation.duplicates(checked, DUPLICATE_KEY,
        concat(lit("location_id "), col("_location"), lit(", category "), col("_category"), lit(", date "),
            col("_date").cast("string")),
        col("_location"), col("_category"), col("_date")));
  }

  /** Accepted history rows as demand_history rows (source 'import'). */
  public static Dataset<Row> demandRows(Dataset<Row> accepted, int h3Resolution) {
    return accepted.select(
        lit(SOURCE).as("source"), col("_location").as("location_id"), col("_category").as("category"),
        col("_date").as("date"), col("_units").as("units"),
        H3Cells.cell(col("_lat"), col("_lng"), h3Resolution).as("neighbourhood"),
        col("_cov").as("covariates"), col(Parsing.FILE).as("source_file"),
        col("_units").as("observed_units"), lit(null).cast(DataTypes.BooleanType).as("censored"));
  }

  /** Quarantine rows of an import (run_date null, source 'history'). */
  public static Dataset<Row> quarantineRows(Dataset<Row> validated, String runId) {
    return validated.filter(col(Validation.RULE).isNotNull()).select(
        lit(null).cast(DataTypes.DateType).as("run_date"), lit(QUARANTINE_SOURCE).as("source"),
        col(Parsing.FILE).as("source_file"), col(Parsing.ROW).as("row_number"), col(Validation.RULE).as("rule"),
        col(Validation.RULES).as("rules"), col(Validation.REASON).as("reason"),
        to_json(col(Parsing.RAW)).as("raw_record"), lit(runId).as("run_id"));
  }

  /** Counts of an import: read, accepted, quarantined by rule. */
  public record Counts(long read, long accepted, Map<String, Long> quarantined) {}

  public static Counts count(Dataset<Row> validated) {
    long accepted = 0;
    long read = 0;
    Map<String, Long> byRule = new TreeMap<>();
    for (Row r : validated.groupBy(col(Validation.RULE)).count().collectAsList()) {
      read += r.getLong(1);
      if (r.isNullAt(0)) {
        accepted += r.getLong(1);
      } else {
        byRule.put(r.getString(0), r.getLong(1));
      }
    }
    return new Counts(read, accepted, byRule);
  }

  /** MERGE the rows into demand_history on its key (re-import is idempotent). */
  public static void merge(Warehouse warehouse, Dataset<Row> rows) {
    DeltaTable target = warehouse.ensureCreated(Tables.DEMAND_HISTORY);
    target.as("t").merge(rows.as("s"), "t.source = '" + SOURCE + "' AND t.source = s.source"
            + " AND t.location_id = s.location_id AND t.category = s.category AND t.date = s.date")
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  /** Replaces this file's quarantine rows from earlier imports. */
  public static void writeQuarantine(Warehouse warehouse, Dataset<Row> rows, String file) {
    warehouse.ensureCreated(Tables.QUARANTINE);
    rows.write().format("delta").mode("overwrite")
        .option("replaceWhere", "source = '" + QUARANTINE_SOURCE + "' AND source_file = '" + file.replace("'", "\\'") + "'")
        .save(warehouse.path(Tables.QUARANTINE));
  }
}

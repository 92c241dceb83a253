package io.dropcast.forecast;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;

import io.dropcast.errors.Errors;
import io.dropcast.ingest.HistoryImport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The analyst commands' files: a history in the import-history format (validated by the same rules as
 * {@code import-history}), an optional file of known future covariates, and single CSV outputs.
 */
public final class HistoryFiles {
  public static final String LOCATION = "location_id";

  private HistoryFiles() {}

  /** A validated history: model input rows, the covariate names, and the rows that broke a rule. */
  public record History(Dataset<Row> rows, List<String> covariates, Dataset<Row> rejected, long rejectedCount) {}

  /** Reads and validates a history file: {@code location_id, category, date, units} and one column per covariate. */
  public static History read(SparkSession spark, String file) {
    Dataset<Row> text = HistoryImport.readText(spark, file);
    List<String> covariates = HistoryImport.covariates(text);
    Dataset<Row> validated = HistoryImport.validate(text, covariates).persist();
    Dataset<Row> accepted = validated.filter(col("_rule").isNull());
    List<Column> cols = new ArrayList<>(List.of(col("_location").as(LOCATION), col("_category").as("category"),
        col("_date").as(ForecastSettings.DATE), col("_units").as(ForecastSettings.UNITS)));
    for (String c : covariates) {
      cols.add(coalesce(col("_cov").getItem(c), lit(0.0)).as(c));
    }
    Dataset<Row> rejected = validated.filter(col("_rule").isNotNull())
        .select(col("_row").as("row_number"), col("_rule").as("rule"), col("_reason").as("reason"),
            to_json(col("_raw")).as("raw_record"));
    long bad = rejected.count();
    return new History(accepted.select(cols.toArray(new Column[0])), covariates, rejected, bad);
  }

  /**
   * Reads a file of known covariates for the forecast days: {@code date, location_id}, optional {@code category}
   * ('all' when absent) and covariate columns, each one of the history's. Fails on a value that does not parse.
   */
  public static Dataset<Row> readFuture(SparkSession spark, String file, List<String> covariates) {
    String name = file.toLowerCase(Locale.ROOT);
    Dataset<Row> raw = name.endsWith(".parquet") ? spark.read().parquet(file)
        : name.endsWith(".csv") ? spark.read().option("header", "true").option("escape", "\"").csv(file)
        : null;
    if (raw == null) {
      throw Errors.forecastBadFile(file, "its name ends neither in .csv nor in .parquet",
          "give a CSV file with a header line, or a Parquet file");
    }
    List<String> have = Arrays.asList(raw.columns());
    for (String required : List.of("date", LOCATION)) {
      if (!have.contains(required)) {
        throw Errors.forecastBadFile(file, "it has no column " + required + " (columns: " + have + ")",
            "name the columns date, location_id, [category] and the covariates of the history");
      }
    }
    List<String> unknown = have.stream().filter(c -> !List.of("date", LOCATION, "category", "units").contains(c)
        && !covariates.contains(c)).toList();
    if (!unknown.isEmpty()) {
      throw Errors.forecastBadFile(file, "its columns " + unknown + " are not covariates of the history "
          + covariates, "drop them, or add them to the history file");
    }
    List<Column> cols = new ArrayList<>(List.of(trim(col(LOCATION).cast("string")).as(LOCATION),
        have.contains("category")
            ? coalesce(nullif(trim(col("category").cast("string")), lit("")), lit(HistoryImport.DEFAULT_CATEGORY))
            : lit(HistoryImport.DEFAULT_CATEGORY),
        col("date").cast(DataTypes.DateType).as(ForecastSettings.DATE),
        lit(null).cast(DataTypes.DoubleType).as(ForecastSettings.UNITS)));
    cols.set(1, cols.get(1).as("category"));
    for (String c : covariates) {
      cols.add(have.contains(c) ? col(c).cast(DataTypes.DoubleType).as(c) : lit(0.0).as(c));
    }
    Dataset<Row> typed = raw.select(cols.toArray(new Column[0]));
    Column bad = col(ForecastSettings.DATE).isNull();
    for (String c : covariates) {
      if (have.contains(c)) {
        bad = bad.or(col(c).isNull());
      }
    }
    long badRows = typed.filter(bad).count();
    if (badRows > 0) {
      throw Errors.forecastBadFile(file, badRows + " rows have a date that is not yyyy-MM-dd or a covariate that is"
          + " not a number", "correct those rows");
    }
    return typed;
  }

  /** Writes rows as one CSV file with a header at {@code target} (through a temporary folder beside it). */
  public static void writeCsv(Dataset<Row> rows, String target) {
    String tmp = target + ".tmp";
    rows.coalesce(1).write().mode("overwrite").option("header", "true").csv(tmp);
    try {
      Path dir = new Path(tmp);
      FileSystem fs = dir.getFileSystem(rows.sparkSession().sparkContext().hadoopConfiguration());
      Path part = Arrays.stream(fs.listStatus(dir)).map(s -> s.getPath())
          .filter(p -> p.getName().startsWith("part-")).findFirst()
          .orElseThrow(() -> new IOException("no part file in " + tmp));
      Path out = new Path(target);
      fs.delete(out, false);
      if (!fs.rename(part, out)) {
        throw new IOException("cannot rename " + part + " to " + out);
      }
      fs.delete(dir, true);
    } catch (IOException e) {
      throw Errors.ioFailure("write", target, e);
    }
  }
}

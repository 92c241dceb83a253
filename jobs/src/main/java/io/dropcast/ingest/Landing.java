package io.dropcast.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;

import io.dropcast.contract.RawSchemas;
import io.dropcast.errors.Errors;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads the landing files of one source over the run dates of a batch:
 * {@code <landing>/<source>/date=YYYY-MM-DD/*.{parquet,csv,jsonl,json}}, always with the contract schema (Parquet)
 * or its text form (CSV with a header, arrays '|'-separated; JSON lines). Files are listed and probed on the
 * driver (Hadoop FileSystem listing; Parquet footers; CSV header lines), so that a file that cannot be read
 * becomes one file-level quarantine record while the others are read together, as one frame per format,
 * without a Spark job per file. Every landed record carries its file ({@value Parsing#FILE}) and the run date
 * of its folder ({@value Parsing#RUN_DATE}).
 */
public final class Landing {
  private static final String CORRUPT = "_corrupt_record";
  private static final String VECTORIZED = "spark.sql.parquet.enableVectorizedReader";
  private static final String RID_BASE = "_rid_base";

  private Landing() {}

  /** A data file of a landing folder; {@code runDate} is the folder's date. */
  public record LandingFile(Source source, String path, String format, LocalDate runDate) {}

  /**
   * The files of one source over a batch after the driver-side probes. {@code landed} holds the records of the
   * readable files (possibly none); {@code unreadable} maps a file to why it cannot be read at all.
   * {@code expectedRows}: records the Parquet footers announce (-1 when the source has text files, whose record
   * count is only known after parsing). {@code extraColumns}: per readable CSV or Parquet file, the columns it
   * has that the contract does not (ignored; the ingest summary names them). JSON-lines files are read with the
   * contract's fields only, so their extra fields are ignored without being listed.
   */
  public record SourceRead(Source source, List<LandingFile> files, Dataset<Row> landed,
      Map<LandingFile, String> unreadable, long expectedRows, Map<LandingFile, List<String>> extraColumns) {}

  /** The landing folder of a source and date. */
  public static String folder(String landingRoot, Source source, LocalDate date) {
    return landingRoot + "/" + source.label() + "/date=" + date;
  }

  /**
   * The data files of a source on the given dates, by date then name, through Hadoop's FileSystem (any file
   * system Hadoop knows). A date folder that does not exist simply has no files.
   */
  public static List<LandingFile> listFiles(SparkSession spark, String landingRoot, Source source,
      List<LocalDate> dates) {
    Configuration conf = spark.sessionState().newHadoopConf();
    List<LandingFile> out = new ArrayList<>();
    FileSystem fs = null;
    for (LocalDate date : dates) {
      String folder = folder(landingRoot, source, date);
      Path dir = new Path(folder);
      try {
        if (fs == null) {
          fs = FileSystem.get(dir.toUri(), conf);
        }
        FileStatus[] statuses;
        try {
          statuses = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
          continue;
        }
        Arrays.stream(statuses).filter(FileStatus::isFile)
            .map(st -> st.getPath().toString())
            .filter(p -> formatOf(p) != null)
            .sorted()
            .forEach(p -> out.add(new LandingFile(source, p, formatOf(p), date)));
      } catch (IOException e) {
        throw Errors.ioFailure("list the landing folder", folder, e);
      }
    }
    return out;
  }

  /** "parquet", "csv" or "json" from a file name; null for anything else (_SUCCESS, .crc, hidden files). */
  static String formatOf(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.startsWith("_") || name.startsWith(".")) {
      return null;
    }
    if (name.endsWith(".parquet")) {
      return "parquet";
    }
    if (name.endsWith(".csv")) {
      return "csv";
    }
    if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
      return "json";
    }
    return null;
  }

  /**
   * Probes the files on the driver and plans one read per format (per distinct header for CSV) over the
   * readable ones. Nothing is read by Spark here, except for a source with decimal columns read from Parquet
   * (drops): those records are read and cached at once under the row-based reader (see
   * {@link #withRowBasedParquetReader}); {@code cached} receives every frame cached, for the caller to release.
   */
  public static SourceRead read(SparkSession spark, Source source, List<LandingFile> files,
      List<Dataset<Row>> cached) {
    return read(spark, source, files, Map.of(), cached);
  }

  /**
   * As {@link #read(SparkSession, Source, List, List)}, with files already known to be unreadable (found by
   * {@link #probeParquet} after a read failed) and why: they are not read, and count as unreadable.
   */
  public static SourceRead read(SparkSession spark, Source source, List<LandingFile> files,
      Map<LandingFile, String> knownUnreadable, List<Dataset<Row>> cached) {
    Configuration conf = spark.sessionState().newHadoopConf();
    Map<LandingFile, String> unreadable = new LinkedHashMap<>();
    Map<LandingFile, List<String>> extra = new LinkedHashMap<>();
    List<Dataset<Row>> parts = new ArrayList<>();
    List<LandingFile> parquet = new ArrayList<>();
    long footerRows = 0;
    Map<List<String>, List<LandingFile>> csvByHeader = new LinkedHashMap<>();
    List<LandingFile> json = new ArrayList<>();
    for (LandingFile f : files) {
      if (knownUnreadable.containsKey(f)) {
        unreadable.put(f, knownUnreadable.get(f));
        continue;
      }
      try {
        switch (f.format()) {
          case "parquet" -> {
            Footer footer = footer(conf, source, f.path());
            footerRows += footer.rows();
            parquet.add(f);
            if (!footer.extraColumns().isEmpty()) {
              extra.put(f, footer.extraColumns());
            }
          }
          case "csv" -> {
            List<String> header = csvHeader(conf, f.path());
            List<String> missing = source.requiredFields().stream().filter(n -> !header.contains(n)).toList();
            if (!missing.isEmpty()) {
              throw new UnreadableFile("its CSV header lacks the required column(s) " + String.join(", ", missing)
                  + " (header: " + abbreviate(String.join(",", header)) + ")");
            }
            csvByHeader.computeIfAbsent(header, h -> new ArrayList<>()).add(f);
            List<String> notInContract = notInContract(source.schema(), header);
            if (!notInContract.isEmpty()) {
              extra.put(f, notInContract);
            }
          }
          case "json" -> json.add(f);
          default -> throw new IllegalArgumentException("not a landing file: " + f.path());
        }
      } catch (UnreadableFile e) {
        unreadable.put(f, e.getMessage());
      }
    }
    if (!parquet.isEmpty()) {
      Dataset<Row> p = readParquet(spark, source, parquet, files);
      if (hasDecimal(source.schema())) {
        // Read and cached now, under the row-based reader: the vectorized one fails on parquet-avro decimals. The
        // cache is declared under it too: without adaptive execution its scan is planned right here, and a scan
        // planned for the vectorized reader then fed rows by the row-based one failed (UnsafeRow cannot be cast to
        // ColumnarBatch) with spark.sql.adaptive.enabled=false.
        Dataset<Row> c = withRowBasedParquetReader(spark, () -> p.persist(StorageLevel.MEMORY_AND_DISK()));
        cached.add(c);
        long n = withRowBasedParquetReader(spark, c::count);
        if (n != footerRows) {
          throw Errors.internal("ingest " + source.label() + ": the Parquet footers announce " + footerRows
              + " records but " + n + " were read", null);
        }
        parts.add(c);
      } else {
        parts.add(p);
      }
    }
    csvByHeader.forEach((header, group) -> parts.add(readCsv(spark, source, header, group, files)));
    if (!json.isEmpty()) {
      parts.add(readJson(spark, source, json, files));
    }
    Dataset<Row> landed = parts.stream().reduce(Dataset::unionByName)
        .orElseGet(() -> spark.createDataFrame(List.of(), Parsing.landedSchema(source.schema())));
    long expected = csvByHeader.isEmpty() && json.isEmpty() ? footerRows : -1;
    return new SourceRead(source, files, landed, unreadable, expected, extra);
  }

  /**
   * The Parquet files among {@code files} that Spark cannot read through, each with why: every record of each
   * file is read and decoded (all columns, with the reader the batch uses), one Spark job per file. Only called
   * after a batch's read failed, to find the file(s) whose footer is fine but whose data is not, so that they
   * can be quarantined alone and the others read again; the healthy path never probes file by file.
   */
  public static Map<LandingFile, String> probeParquet(SparkSession spark, Source source, List<LandingFile> files) {
    Map<LandingFile, String> bad = new LinkedHashMap<>();
    for (LandingFile f : files) {
      if (!f.format().equals("parquet")) {
        continue;
      }
      Runnable readAll = () -> spark.read().schema(source.schema()).parquet(f.path())
          .write().format("noop").mode("overwrite").save();
      try {
        if (hasDecimal(source.schema())) {
          withRowBasedParquetReader(spark, () -> {
            readAll.run();
            return null;
          });
        } else {
          readAll.run();
        }
      } catch (Exception e) { // SparkException is checked but not declared by Scala code
        bad.put(f, "cannot read it as PARQUET: its footer is readable but its data is not: " + rootMessage(e));
      }
    }
    return bad;
  }

  /**
   * Spark 4.2's vectorized Parquet reader fails (NullPointerException in WritableColumnVector.arrayData) on a
   * decimal of precision <= 18 stored as BINARY, which is how parquet-avro writes the contract's
   * {@code bytes}-backed decimals. The row-based reader reads them correctly; the records are read and cached
   * under it (the setting is read when the scan is planned and executed), so nothing else in the job is affected.
   */
  static <T> T withRowBasedParquetReader(SparkSession spark, java.util.function.Supplier<T> body) {
    String previous = spark.conf().get(VECTORIZED, "true");
    spark.conf().set(VECTORIZED, "false");
    try {
      return body.get();
    } finally {
      spark.conf().set(VECTORIZED, previous);
    }
  }

  private static boolean hasDecimal(StructType schema) {
    return Arrays.stream(schema.fields()).anyMatch(f -> f.dataType() instanceof DecimalType);
  }

  /** What a Parquet footer says: the file's record count and its columns that the contract does not have. */
  record Footer(long rows, List<String> extraColumns) {}

  /** The record count of a Parquet file from its footer, checked as {@link #footer} checks it. */
  static long parquetFooter(Configuration conf, StructType contract, String path) {
    return footer(conf, contract, List.of(), path).rows();
  }

  static Footer footer(Configuration conf, Source source, String path) {
    return footer(conf, source.schema(), source.requiredFields(), path);
  }

  /**
   * Reads a Parquet file's footer: its record count, a check that every contract column it holds has the
   * contract's type, and that it holds every required column. A truncated or garbage file, a contradicting
   * column or a missing required column is an {@link UnreadableFile} (a schema change, so the whole file).
   */
  static Footer footer(Configuration conf, StructType contract, List<String> required, String path) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), conf))) {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      StructType asSpark = new ParquetToSparkSchemaConverter(SQLConf.get()).convert(fileSchema);
      List<String> names = Arrays.asList(asSpark.fieldNames());
      List<String> missing = required.stream().filter(n -> !names.contains(n)).toList();
      if (!missing.isEmpty()) {
        throw new UnreadableFile("its Parquet schema lacks the required column(s) " + String.join(", ", missing)
            + " (columns: " + abbreviate(String.join(",", names)) + ")");
      }
      for (StructField f : contract.fields()) {
        if (!names.contains(f.name())) {
          continue;
        }
        DataType found = asSpark.apply(f.name()).dataType();
        if (!compatible(found, f.dataType())) {
          throw new UnreadableFile("cannot read it as PARQUET: column " + f.name() + " is "
              + found.simpleString() + " in the file but " + f.dataType().simpleString() + " in the contract");
        }
      }
      return new Footer(reader.getRecordCount(), notInContract(contract, names));
    } catch (UnreadableFile e) {
      throw e;
    } catch (Exception e) {
      throw new UnreadableFile("cannot read it as PARQUET: " + rootMessage(e));
    }
  }

  /** The names among {@code columns} that are not fields of the contract, in their order. */
  private static List<String> notInContract(StructType contract, List<String> columns) {
    List<String> fields = Arrays.asList(contract.fieldNames());
    return columns.stream().filter(c -> !fields.contains(c)).toList();
  }

  /** Same type, ignoring nullability; integers may widen (int32 read as a long, float as a double). */
  private static boolean compatible(DataType found, DataType wanted) {
    if (found.simpleString().equals(wanted.simpleString())) {
      return true;
    }
    if (found instanceof ArrayType fa && wanted instanceof ArrayType wa) {
      return compatible(fa.elementType(), wa.elementType());
    }
    return (wanted == DataTypes.LongType && (found == DataTypes.IntegerType || found == DataTypes.ShortType
        || found == DataTypes.ByteType))
        || (wanted == DataTypes.DoubleType && found == DataTypes.FloatType)
        || (wanted == DataTypes.IntegerType && (found == DataTypes.ShortType || found == DataTypes.ByteType));
  }

  /**
   * The files' path, run date, URI and record-id base (the file's index in the batch's files of the source,
   * shifted left by {@link Parsing#RID_ROW_BITS}) as a small frame, to join on {@code _metadata.file_path}.
   */
  private static Dataset<Row> fileTable(SparkSession spark, List<LandingFile> files, List<LandingFile> all) {
    StructType schema = new StructType()
        .add("_uri", DataTypes.StringType, false)
        .add(Parsing.FILE, DataTypes.StringType, false)
        .add(Parsing.RUN_DATE, DataTypes.DateType, false)
        .add(RID_BASE, DataTypes.LongType, false);
    List<Row> rows = new ArrayList<>();
    for (LandingFile f : files) {
      rows.add(RowFactory.create(new Path(f.path()).toUri().toString(), f.path(), java.sql.Date.valueOf(f.runDate()),
          (long) all.indexOf(f) << Parsing.RID_ROW_BITS));
    }
    return spark.createDataFrame(rows, schema);
  }

  /** The record id of a record: its file's base plus its 1-based record number. */
  private static Column rid() {
    return col(RID_BASE).plus(col(Parsing.ROW));
  }

  private static String[] paths(List<LandingFile> files) {
    return files.stream().map(LandingFile::path).toArray(String[]::new);
  }

  private static Dataset<Row> readParquet(SparkSession spark, Source source, List<LandingFile> files,
      List<LandingFile> all) {
    Dataset<Row> read = spark.read().schema(source.schema()).parquet(paths(files))
        .select(col("*"), col("_metadata.file_path").as("_path"), col("_metadata.row_index").as("_index"));
    Dataset<Row> typed = read.join(broadcast(fileTable(spark, files, all)), col("_path").equalTo(col("_uri")))
        .withColumn(Parsing.ROW, col("_index").plus(1))
        .withColumn(Parsing.RID, rid())
        .drop("_index", "_path", "_uri", RID_BASE);
    return Parsing.fromTyped(source.schema(), typed);
  }

  private static Dataset<Row> readCsv(SparkSession spark, Source source, List<String> header,
      List<LandingFile> files, List<LandingFile> all) {
    StructType textSchema = new StructType();
    for (String name : header) {
      textSchema = textSchema.add(name, DataTypes.StringType, true);
    }
    textSchema = textSchema.add(CORRUPT, DataTypes.StringType, true);
    Dataset<Row> read = spark.read()
        .schema(textSchema)
        .option("header", "true")
        .option("enforceSchema", "true")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("multiLine", "true")
        .option("escape", "\"")
        .csv(paths(files));
    List<Column> fields = new ArrayList<>();
    for (StructField f : source.schema().fields()) {
      Column value;
      if (!header.contains(f.name())) {
        value = lit(null).cast(f.dataType() instanceof ArrayType ? DataTypes.createArrayType(DataTypes.StringType)
            : DataTypes.StringType);
      } else if (f.dataType() instanceof ArrayType) {
        value = split(read.col(Parsing.quote(f.name())), "\\|");
      } else {
        value = read.col(Parsing.quote(f.name()));
      }
      fields.add(value.as(f.name()));
    }
    fields.add(read.col(CORRUPT).isNotNull().as(Parsing.MALFORMED));
    fields.add(col("_metadata.file_path").as("_path"));
    return Parsing.fromText(source.schema(),
        withRowNumbers(spark, read.select(fields.toArray(Column[]::new)), files, all));
  }

  private static Dataset<Row> readJson(SparkSession spark, Source source, List<LandingFile> files,
      List<LandingFile> all) {
    StructType textSchema = RawSchemas.asText(source.schema()).add(CORRUPT, DataTypes.StringType, true);
    Dataset<Row> read = spark.read()
        .schema(textSchema)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .json(paths(files));
    List<Column> fields = new ArrayList<>();
    for (StructField f : source.schema().fields()) {
      fields.add(read.col(Parsing.quote(f.name())));
    }
    fields.add(read.col(CORRUPT).isNotNull().as(Parsing.MALFORMED));
    fields.add(col("_metadata.file_path").as("_path"));
    return Parsing.fromText(source.schema(),
        withRowNumbers(spark, read.select(fields.toArray(Column[]::new)), files, all));
  }

  /**
   * Adds the file, its run date and a deterministic 1-based record number per file: records are numbered in
   * (partition, offset) order within their file, which is the file's order (a multi-line CSV file is never
   * split; a JSON-lines file is split in offset order).
   */
  static Dataset<Row> withRowNumbers(SparkSession spark, Dataset<Row> frame, List<LandingFile> files,
      List<LandingFile> all) {
    Dataset<Row> withId = frame.withColumn("_mid", monotonically_increasing_id());
    Column row = row_number().over(Window.partitionBy(col("_path")).orderBy(col("_mid"))).cast(DataTypes.LongType);
    return withId.withColumn(Parsing.ROW, row)
        .join(broadcast(fileTable(spark, files, all)), col("_path").equalTo(col("_uri")))
        .withColumn(Parsing.RID, rid())
        .drop("_mid", "_path", "_uri", RID_BASE);
  }

  /**
   * Adds the file and a deterministic 1-based record number to the records of ONE file (import-history): a
   * file read as one partition numbers its records in order; a split file is numbered through one window.
   */
  static Dataset<Row> withRowNumbers(Dataset<Row> frame, String path) {
    Dataset<Row> withId = frame.withColumn("_mid", monotonically_increasing_id());
    Column row = frame.rdd().getNumPartitions() <= 1
        ? col("_mid").plus(1)
        : row_number().over(Window.orderBy("_mid")).cast(DataTypes.LongType);
    return withId.withColumn(Parsing.ROW, row).withColumn(Parsing.FILE, lit(path)).drop("_mid");
  }

  /** The header line of a CSV file, names trimmed and unquoted (a UTF-8 byte-order mark is dropped). */
  static List<String> csvHeader(Configuration conf, String file) {
    String line;
    Path path = new Path(file);
    try (FSDataInputStream in = path.getFileSystem(conf).open(path);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      line = reader.readLine();
    } catch (IOException e) {
      throw new UnreadableFile("cannot read its header: " + rootMessage(e));
    }
    if (line == null) {
      throw new UnreadableFile("it is empty: a CSV file needs a header line");
    }
    return headerNames(line);
  }

  /** The header line of a CSV file read through Spark (import-history reads one file this way). */
  static List<String> csvHeader(SparkSession spark, String file) {
    return csvHeader(spark.sessionState().newHadoopConf(), file);
  }

  private static List<String> headerNames(String line) {
    if (line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    List<String> names = new ArrayList<>();
    for (String name : line.split(",", -1)) {
      String n = name.trim();
      if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
        n = n.substring(1, n.length() - 1);
      }
      names.add(n);
    }
    return names;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        message = t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    int nl = message.indexOf('\n');
    return abbreviate(nl < 0 ? message : message.substring(0, nl));
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 297) + "...";
  }

  /** A file-level reason a file cannot be ingested. */
  static final class UnreadableFile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableFile(String message) {
      super(message);
    }
  }
}

package io.dropcast.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.dropcast.cli.JobContext;
import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest of a batch of run dates (one date, or a --from/--to range) in one pass: list every landing file of
 * hubs, drops and orders on those dates, read each source's files together (each record knowing its file and
 * the date of its folder, its run date), validate them (hubs and drops are staged whole; orders, the bulk, only as
 * the narrow projection that the rules across records and the counts need, and are read and checked again when
 * written), count once, refuse the whole batch (before writing anything) if any date has too many records that
 * broke a rule, then write once: one MERGE per table, one catchment rebuild and one quarantine replace over the
 * batch's run dates, restoring every table if a write fails midway. A batch gives the same tables as ingesting its dates one by one, in date order.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  /** Tables an ingest run may change, in write order. */
  public static final List<Table> OUTPUTS =
      List.of(Tables.HUBS, Tables.DROPS, Tables.ORDERS, Tables.CATCHMENTS, Tables.QUARANTINE);

  private static final String PART = "_part";

  private final JobContext context;
  private final String landing;
  private final String salt;
  /** Called with a table name before it is written; tests use it to make a write fail midway. */
  private Consumer<String> beforeWrite = t -> {};

  public IngestJob(JobContext context, String salt) {
    this.context = context;
    this.landing = context.config().location(Keys.LANDING);
    this.salt = salt;
  }

  IngestJob beforeWrite(Consumer<String> hook) {
    this.beforeWrite = hook;
    return this;
  }

  /** Counts of one source over a batch. {@code quarantined} is keyed by rule. */
  public record SourceCounts(Source source, int files, long read, long accepted, Map<String, Long> quarantined,
      Map<String, Long> badByFile) {
    public long quarantinedTotal() {
      return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Counts of one run date of a batch, all sources together, for the bad-ratio check. */
  record DateCounts(LocalDate date, long read, long bad, Map<String, Long> badByRule, Map<String, Long> badByFile) {}

  /**
   * What a batch's ingest did. {@code lookahead}: the dates after the batch whose drops folders were read too
   * (dropcast.ingest.drops-lookahead-days; only the folders that had landed). {@code extraColumns}: per landing
   * file (path), the columns it has that the contract does not; they were ignored (see {@link Landing.SourceRead}).
   * {@code emptyDates}: the run dates with no orders landing file (only with dropcast.ingest.missing-landing =
   * empty-night; otherwise such a date fails the run).
   */
  public record BatchResult(List<LocalDate> dates, List<LocalDate> lookahead, Map<Source, SourceCounts> counts,
      Map<String, Long> versions, Map<String, List<String>> extraColumns, List<LocalDate> emptyDates) {}

  /**
   * Order marks (see {@link Validation#orderMarks}) up to this many are joined to the staged orders as a broadcast
   * (a hash set of longs, tens of MB); more are joined by a shuffle.
   */
  static final long BROADCAST_MARKS_MAX = 4_000_000L;

  /** Ingests one run date. */
  public BatchResult run(LocalDate date) {
    return run(List.of(date));
  }

  /** Ingests the run dates as one batch; {@code dates} in ascending order, not empty. */
  public BatchResult run(List<LocalDate> dates) {
    if (dates.isEmpty()) {
      throw Errors.internal("ingest: a batch needs at least one run date", null);
    }
    SparkSession spark = context.spark();
    Warehouse warehouse = context.warehouse();
    DropcastConfig config = context.config();
    String label = label(dates);
    Validation.Params params = new Validation.Params(dates.get(0), config.get(Keys.TIME_ZONE),
        config.get(Keys.INGEST_ALLOW_UNKNOWN_HUBS), config.get(Keys.INGEST_ALLOW_UNKNOWN_DROPS));
    List<LocalDate> ahead = lookahead(dates, config.get(Keys.INGEST_DROPS_LOOKAHEAD_DAYS));
    List<LocalDate> dropDates = new ArrayList<>(dates);
    dropDates.addAll(ahead);
    // A date whose orders never landed fails the run before anything is read, or is reported as an empty night.
    List<Landing.LandingFile> orderFiles = Landing.listFiles(spark, landing, Source.ORDERS, dates);
    List<LocalDate> empty = datesWithoutFiles(dates, orderFiles);
    if (!empty.isEmpty()) {
      List<String> folders = empty.stream().map(d -> Landing.folder(landing, Source.ORDERS, d)).toList();
      if (!Keys.MISSING_LANDING_EMPTY_NIGHT.equals(config.get(Keys.INGEST_MISSING_LANDING))) {
        throw Errors.ingestLandingMissing(empty.stream().map(LocalDate::toString).toList(), folders);
      }
      LOG.warn("ingest {}: EMPTY NIGHT for {}: no orders landing file in {} (dropcast.ingest.missing-landing = "
          + "empty-night)", label, empty, folders);
    }
    List<Dataset<Row>> cached = new ArrayList<>();
    removeStagesOfDeadRuns(warehouse, label);
    try (Stage stage = new Stage(spark, warehouse.root(), context.runId())) {
      // 1. List and probe on the driver, read each source once, validate it and stage the result, in dependency
      //    order: drops need the known hubs, orders the known hubs and drops. Nothing is cached.
      Map<Source, Landing.SourceRead> reads = new EnumMap<>(Source.class);
      Map<Source, Dataset<Row>> validated = new EnumMap<>(Source.class);
      reads.put(Source.HUBS, stageSource(label, Source.HUBS, Landing.listFiles(spark, landing, Source.HUBS, dates),
          stage, cached,
          read -> Validation.validateHubs(read.landed(), params)));
      validated.put(Source.HUBS, stage.read(Source.HUBS.label()));
      Dataset<Row> knownHubs = knownIds(warehouse, Tables.HUBS, "hub_id", accepted(validated.get(Source.HUBS)))
          .agg(collect_set(col("hub_id")).as("known"));
      reads.put(Source.DROPS, stageSource(label, Source.DROPS, Landing.listFiles(spark, landing, Source.DROPS,
          dropDates), stage, cached,
          read -> Validation.validateDrops(read.landed(), knownHubs, params)));
      validated.put(Source.DROPS, stage.read(Source.DROPS.label()));
      Dataset<Row> knownDrops = knownIds(warehouse, Tables.DROPS, "drop_id", accepted(validated.get(Source.DROPS)));
      Dataset<Row> saltFrame = Enrichment.saltFrame(spark, salt);
      // Orders: the rules of each record alone are checked in one pass over the landing files that stages only what
      // the rules across records and the counts need (see stagedOrderColumns), not the records: they are read and
      // checked again where they are written (or quarantined), which costs less than writing them twice. The pass
      // decodes every field of every record (CHECKSUM), so an unreadable file is found here, before any write.
      reads.put(Source.ORDERS, stageSource(label, Source.ORDERS, orderFiles, stage, cached, read -> Validation
          .checkOrders(read.landed().withColumn(CHECKSUM, checksum(Source.ORDERS)), knownHubs, knownDrops, params)
          .select(stagedOrderColumns())));
      Dataset<Row> stagedOrders = stage.read(Source.ORDERS.label());
      Dataset<Row> checkedOrders = Validation.checkOrders(
          Enrichment.hashCustomers(reads.get(Source.ORDERS).landed(), saltFrame), knownHubs, knownDrops, params)
          .drop("customer_id", Parsing.UNPARSED, Parsing.MALFORMED);
      // ... then the rules across records (reused ids, repeated versions, superseded versions) on the staged
      // projection; a reused order_id is checked against the stored order_id and created_at.
      Dataset<Row> storedOrders = warehouse.exists(Tables.ORDERS) && !isEmpty(warehouse, Tables.ORDERS)
          ? warehouse.read(Tables.ORDERS).select(col("order_id"), col("created_at")) : null;
      Dataset<Row> marks = context.step("ingest " + label + ": order rules across records",
          () -> stage.write(MARKS, Validation.orderMarks(stagedOrders, storedOrders)));
      boolean broadcastMarks = context.step("ingest " + label + ": count order marks", marks::count)
          <= BROADCAST_MARKS_MAX;
      Dataset<Row> ruleMarks = marks.where(col(Validation.MARK_RULE).isNotNull());
      validated.put(Source.ORDERS, Validation.applyMarks(stagedOrders, ruleMarks, broadcastMarks));
      // The quarantine rebuilds its records' raw fields: from the records themselves, not the staged projection.
      Map<Source, Dataset<Row>> quarantineSources = new EnumMap<>(validated);
      quarantineSources.put(Source.ORDERS, Validation.applyMarks(checkedOrders, ruleMarks, broadcastMarks));
      Dataset<Row> markIds = marks.select(col(Parsing.RID).as("_marked"));
      Dataset<Row> latestOrders = accepted(checkedOrders).join(broadcastMarks ? broadcast(markIds) : markIds,
          col(Parsing.RID).equalTo(col("_marked")), "left_anti");

      // 2. Count every source in one action, and reconcile: every record read is accepted or quarantined once.
      List<Row> groups = context.step("ingest " + label + ": count", () -> outcomeGroups(validated).collectAsList());
      Outcome outcome = outcome(reads, groups);
      for (SourceCounts c : outcome.counts().values()) {
        LOG.info("ingest {} {}: {} file(s), {} rows read, {} accepted, {} quarantined{}", label, c.source().label(),
            c.files(), c.read(), c.accepted(), c.quarantinedTotal(), c.quarantined().isEmpty() ? "" : " " + c.quarantined());
      }
      checkBadRatio(label, dates.size(), outcome.byDate(), config.get(Keys.INGEST_MAX_BAD_RATIO));

      // 3. Write, from the stage: nothing was written before this point.
      Map<Source, SourceCounts> counts = outcome.counts();
      Dataset<Row> hubRows = Enrichment.hubRows(accepted(validated.get(Source.HUBS)), config.get(Keys.H3_RESOLUTION));
      Dataset<Row> dropRows = Enrichment.dropRows(accepted(validated.get(Source.DROPS)));
      Dataset<Row> orderRows = Enrichment.latestOrderRows(latestOrders, config.get(Keys.H3_RESOLUTION));
      Dataset<Row> quarantine = quarantineRows(spark, reads, outcome.allMalformed(), quarantineSources);
      boolean hubsChanged = counts.get(Source.HUBS).accepted() > 0;
      boolean dropsChanged = counts.get(Source.DROPS).accepted() > 0;
      boolean ordersChanged = counts.get(Source.ORDERS).accepted() > 0;
      long quarantined = counts.values().stream().mapToLong(SourceCounts::quarantinedTotal).sum();
      List<LocalDate> aheadRead = reads.get(Source.DROPS).files().stream().map(Landing.LandingFile::runDate)
          .filter(ahead::contains).distinct().sorted().toList();
      String quarantineScope = quarantineScope(dates, ahead);

      TableWrites writes = new TableWrites(warehouse, label, OUTPUTS);
      List<TableWrites.Write> plan = new ArrayList<>();
      if (hubsChanged) {
        plan.add(write(Tables.HUBS, () -> merge(warehouse, Tables.HUBS, hubRows, "t.hub_id = s.hub_id",
            "s.updated_at >= t.updated_at")));
      }
      if (dropsChanged) {
        plan.add(write(Tables.DROPS, () -> merge(warehouse, Tables.DROPS, dropRows,
            pruned("drop_date", outcome.partitions().get(Source.DROPS))
                + " AND t.drop_id = s.drop_id AND t.batch_number = s.batch_number AND t.drop_date = s.drop_date",
            null)));
      }
      if (ordersChanged) {
        plan.add(write(Tables.ORDERS, () -> merge(warehouse, Tables.ORDERS, orderRows,
            pruned("order_date", outcome.partitions().get(Source.ORDERS))
                + " AND t.order_id = s.order_id AND t.order_date = s.order_date",
            "s.updated_at >= t.updated_at")));
      }
      if (hubsChanged || ordersChanged) {
        plan.add(write(Tables.CATCHMENTS, () -> {
          // Hubs may land before any order (an empty night): the orders table then exists, empty.
          warehouse.ensureCreated(Tables.ORDERS);
          Dataset<Row> neighbourhoods = warehouse.read(Tables.ORDERS).select("neighbourhood").distinct();
          Dataset<Row> hubs = warehouse.read(Tables.HUBS).select("hub_id", "latitude", "longitude");
          Dataset<Row> catchments = Enrichment.catchments(neighbourhoods, hubs, new Enrichment.CatchmentParams(
              config.get(Keys.CATCHMENT_TRAVEL_SPEED_KMH), config.get(Keys.CATCHMENT_MAX_TRAVEL_MINUTES)));
          warehouse.ensureCreated(Tables.CATCHMENTS);
          catchments.write().format("delta").mode("overwrite").save(warehouse.path(Tables.CATCHMENTS));
        }));
      }
      // The quarantine of the batch's run dates (and of the drops of the dates ahead) is replaced, unless there is
      // nothing to put and nothing to remove.
      if (quarantined > 0 || hadQuarantine(warehouse, quarantineScope)) {
        plan.add(write(Tables.QUARANTINE, () -> {
          warehouse.ensureCreated(Tables.QUARANTINE);
          quarantine.write().format("delta").mode("overwrite")
              .option("replaceWhere", quarantineScope)
              .save(warehouse.path(Tables.QUARANTINE));
        }));
      }
      // A table with nothing to write is not committed to, but it exists after any run (empty at first).
      Set<Table> planned = plan.stream().map(TableWrites.Write::table).collect(Collectors.toSet());
      List<TableWrites.Write> creates = new ArrayList<>();
      for (Table t : OUTPUTS) {
        if (!planned.contains(t) && !warehouse.exists(t)) {
          creates.add(write(t, () -> warehouse.ensureCreated(t)));
        }
      }
      plan.addAll(creates);
      Map<String, Long> versions = context.step("ingest " + label + ": write tables", () -> writes.apply(plan));
      return new BatchResult(List.copyOf(dates), aheadRead, counts, versions, extraColumns(label, reads), empty);
    } finally {
      cached.forEach(Dataset::unpersist);
    }
  }

  private static final String MARKS = "order_marks";

  /** A hash of every contract field of a landed record: computing it decodes every column of every record. */
  private static final String CHECKSUM = "_checksum";

  /**
   * The staged projection of the checked orders: what {@link Validation#orderMarks}, {@link #outcomeGroups} and
   * {@link Validation#applyMarks} read, and whether the checksum is 0 (a boolean nearly always false, so that the
   * checksum is computed, every field decoded, and almost nothing written).
   */
  private static Column[] stagedOrderColumns() {
    return new Column[] {col("order_id"), col("created_at"), col("updated_at"), col(Parsing.RUN_DATE),
        col(Parsing.FILE), col(Parsing.RID), col(Validation.RULES), col(Validation.RULE), col(Validation.REASON),
        col(CHECKSUM).equalTo(0L).as(CHECKSUM)};
  }

  private static Column checksum(Source source) {
    return org.apache.spark.sql.functions.xxhash64(java.util.Arrays.stream(source.schema().fieldNames())
        .map(n -> col(Parsing.quote(n))).toArray(Column[]::new));
  }

  /** Deletes the stage folders of ingest runs that are not running any more (a killed driver leaves its own). */
  private void removeStagesOfDeadRuns(Warehouse warehouse, String label) {
    Set<String> live = new java.util.HashSet<>(Set.of(context.runId()));
    if (warehouse.exists(Tables.JOB_RUNS)) {
      warehouse.read(Tables.JOB_RUNS).where(col("status").equalTo(io.dropcast.ledger.RunStatus.RUNNING.value()))
          .select("run_id").collectAsList().forEach(r -> live.add(r.getString(0)));
    }
    List<String> removed = Stage.removeLeftovers(context.spark(), warehouse.root(), live);
    if (!removed.isEmpty()) {
      LOG.warn("ingest {}: removed the staging folders left by runs that are no longer running: {}", label, removed);
    }
  }

  /** The dates, in order, that none of the files belongs to. */
  static List<LocalDate> datesWithoutFiles(List<LocalDate> dates, List<Landing.LandingFile> files) {
    Set<LocalDate> landed = files.stream().map(Landing.LandingFile::runDate).collect(Collectors.toSet());
    return dates.stream().filter(d -> !landed.contains(d)).toList();
  }

  /** The columns not in the contract of every file of the batch that had some, by path; each logged once. */
  private static Map<String, List<String>> extraColumns(String label, Map<Source, Landing.SourceRead> reads) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Landing.SourceRead read : reads.values()) {
      read.extraColumns().forEach((f, columns) -> {
        LOG.warn("ingest {} {}: {} has column(s) not in the contract, ignored: {}", label, read.source().label(),
            f.path(), String.join(", ", columns));
        out.put(f.path(), List.copyOf(columns));
      });
    }
    return out;
  }

  /** The dates after the batch whose drops folders are read too: last + 1 .. last + days. */
  static List<LocalDate> lookahead(List<LocalDate> dates, int days) {
    LocalDate last = dates.get(dates.size() - 1);
    List<LocalDate> out = new ArrayList<>();
    for (int i = 1; i <= days; i++) {
      out.add(last.plusDays(i));
    }
    return out;
  }

  /**
   * The quarantine rows a batch replaces: every source's on its run dates, and the drops' on the dates ahead (the
   * orders and hubs of those dates belong to their own later ingest).
   */
  static String quarantineScope(List<LocalDate> dates, List<LocalDate> ahead) {
    String scope = "run_date IN (" + sqlDates(dates) + ")";
    return ahead.isEmpty() ? scope
        : "(" + scope + " OR (source = '" + Source.DROPS.label() + "' AND run_date IN (" + sqlDates(ahead) + ")))";
  }

  private static String sqlDates(java.util.Collection<LocalDate> dates) {
    return dates.stream().sorted().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "));
  }

  /**
   * Reads a source's files (listed by the caller) once, validates them and stages the result (one Spark job).
   * When that fails, the Parquet files are read one by one to find any whose footer is fine but whose data is
   * not; each such file becomes unreadable (one file-level quarantine record) and the others are read again.
   * A failure no file explains is rethrown as is.
   */
  private Landing.SourceRead stageSource(String label, Source source, List<Landing.LandingFile> files, Stage stage,
      List<Dataset<Row>> cached, java.util.function.Function<Landing.SourceRead, Dataset<Row>> validate) {
    SparkSession spark = context.spark();
    Map<Landing.LandingFile, String> corrupt = new java.util.LinkedHashMap<>();
    while (true) {
      try {
        Landing.SourceRead read = context.step("ingest " + label + ": list and probe " + source.label(),
            () -> Landing.read(spark, source, files, corrupt, cached));
        context.step("ingest " + label + ": validate and stage " + source.label(),
            () -> stage.write(source.label(), validate.apply(read)));
        return read;
      } catch (Exception e) { // a Spark job's SparkException is checked but not declared by Scala code
        List<Landing.LandingFile> suspects = files.stream().filter(f -> !corrupt.containsKey(f)).toList();
        Map<Landing.LandingFile, String> found = context.step("ingest " + label + ": find unreadable "
            + source.label() + " files", () -> Landing.probeParquet(spark, source, suspects));
        if (found.isEmpty()) {
          throw IngestJob.<RuntimeException>rethrow(e);
        }
        LOG.warn("ingest {} {}: reading failed ({}); {} file(s) cannot be read and are quarantined whole: {}", label,
            source.label(), Landing.rootMessage(e), found.size(), found.keySet().stream()
                .map(Landing.LandingFile::path).toList());
        corrupt.putAll(found);
      }
    }
  }

  /** Rethrows any exception unchanged (a checked one too: Spark's are thrown from Scala without a declaration). */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }

  /** "2026-11-26", or "2026-11-20 to 2026-11-26" for a batch of several dates. */
  static String label(List<LocalDate> dates) {
    return dates.size() == 1 ? dates.get(0).toString() : dates.get(0) + " to " + dates.get(dates.size() - 1);
  }

  /** Whether the table holds no data file (just created); read from the Delta log, no data is scanned. */
  private static boolean isEmpty(Warehouse warehouse, Table table) {
    return warehouse.spark().sql("DESCRIBE DETAIL delta.`" + warehouse.path(table) + "`")
        .select("numFiles").head().getLong(0) == 0L;
  }

  private static boolean hadQuarantine(Warehouse warehouse, String scope) {
    return warehouse.exists(Tables.QUARANTINE) && !warehouse.read(Tables.QUARANTINE).where(scope).limit(1).isEmpty();
  }

  private TableWrites.Write write(Table table, Runnable body) {
    return new TableWrites.Write(table, () -> {
      beforeWrite.accept(table.name());
      context.step("ingest: write " + table.name(), body);
    });
  }

  static Dataset<Row> accepted(Dataset<Row> validated) {
    return validated.filter(col(Validation.RULE).isNull());
  }

  /** Ids known before this run (the table, if it exists) and accepted in it. */
  private static Dataset<Row> knownIds(Warehouse warehouse, Table table, String id, Dataset<Row> acceptedNow) {
    Dataset<Row> now = acceptedNow.select(col(id));
    return (warehouse.exists(table) ? warehouse.read(table).select(col(id)).union(now) : now).distinct();
  }

  /**
   * The outcome groups of every source in one frame: (source, run date, file, rule, partition date of an
   * accepted record, count). The partition date (order_date, drop_date) prunes the MERGE targets.
   */
  static Dataset<Row> outcomeGroups(Map<Source, Dataset<Row>> validated) {
    Dataset<Row> all = null;
    for (Source source : Source.values()) {
      Column part = switch (source) {
        case ORDERS -> to_date(col("created_at"));
        case DROPS -> to_date(col("starts_at"));
        case HUBS -> lit(null).cast("date");
      };
      Dataset<Row> g = validated.get(source).select(lit(source.name()).as("_source"), col(Parsing.RUN_DATE),
          col(Parsing.FILE), col(Validation.RULE), when(col(Validation.RULE).isNull(), part).as(PART));
      all = all == null ? g : all.unionByName(g);
    }
    return all.groupBy("_source", Parsing.RUN_DATE, Parsing.FILE, Validation.RULE, PART).count();
  }

  /**
   * The counts of a batch. {@code allMalformed}: text files none of whose records parse, which count as one
   * file-level record (file_unreadable) each; {@code partitions}: the partition dates of the accepted records.
   */
  record Outcome(Map<Source, SourceCounts> counts, Map<LocalDate, DateCounts> byDate, Map<String, String> allMalformed,
      Map<Source, Set<LocalDate>> partitions) {}

  /**
   * Counts per source and per date from the outcome groups and the unreadable files. Fails (a bug, not bad
   * data) if the records validated are not exactly the records read.
   */
  static Outcome outcome(Map<Source, Landing.SourceRead> reads, List<Row> groups) {
    // Files none of whose records parse: every record of the file is record_malformed.
    Map<String, long[]> perFile = new HashMap<>();
    for (Row g : groups) {
      long[] totals = perFile.computeIfAbsent(g.getString(2), f -> new long[2]);
      totals[0] += g.getLong(5);
      if (Validation.RECORD_MALFORMED.equals(g.getString(3))) {
        totals[1] += g.getLong(5);
      }
    }
    Map<String, String> allMalformed = new TreeMap<>();
    for (Landing.SourceRead r : reads.values()) {
      for (Landing.LandingFile f : r.files()) {
        long[] t = perFile.get(f.path());
        if (t != null && t[0] > 0 && t[0] == t[1]) {
          allMalformed.put(f.path(), "none of its " + t[0] + " records parses as " + f.format().toUpperCase(Locale.ROOT));
        }
      }
    }
    Map<Source, SourceCounts> counts = new EnumMap<>(Source.class);
    Map<LocalDate, long[]> dateTotals = new TreeMap<>();
    Map<LocalDate, Map<String, Long>> dateRules = new TreeMap<>();
    Map<LocalDate, Map<String, Long>> dateFiles = new TreeMap<>();
    Map<Source, Set<LocalDate>> partitions = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      Landing.SourceRead read = reads.get(source);
      long validatedRows = 0;
      long accepted = 0;
      Map<String, Long> byRule = new TreeMap<>();
      Map<String, Long> byFile = new TreeMap<>();
      Set<LocalDate> parts = new TreeSet<>();
      for (Row g : groups) {
        if (!g.getString(0).equals(source.name())) {
          continue;
        }
        LocalDate date = g.getDate(1).toLocalDate();
        String file = g.getString(2);
        long n = g.getLong(5);
        validatedRows += n;
        if (allMalformed.containsKey(file)) {
          continue;
        }
        dateTotals.computeIfAbsent(date, d -> new long[2])[0] += n;
        if (g.isNullAt(3)) {
          accepted += n;
          if (!g.isNullAt(4)) {
            parts.add(g.getDate(4).toLocalDate());
          }
        } else {
          String rule = g.getString(3);
          byRule.merge(rule, n, Long::sum);
          byFile.merge(file, n, Long::sum);
          dateTotals.get(date)[1] += n;
          dateRules.computeIfAbsent(date, d -> new TreeMap<>()).merge(source.label() + "/" + rule, n, Long::sum);
          dateFiles.computeIfAbsent(date, d -> new TreeMap<>()).merge(file, n, Long::sum);
        }
      }
      if (read.expectedRows() >= 0 && validatedRows != read.expectedRows()) {
        throw Errors.internal("ingest " + source.label() + ": " + read.expectedRows() + " records were read but "
            + validatedRows + " came out of validation (a join multiplied or lost records)", null);
      }
      long fileLevel = 0;
      for (Landing.LandingFile f : read.files()) {
        if (read.unreadable().containsKey(f) || allMalformed.containsKey(f.path())) {
          fileLevel++;
          byRule.merge(Validation.FILE_UNREADABLE, 1L, Long::sum);
          byFile.merge(f.path(), 1L, Long::sum);
          long[] t = dateTotals.computeIfAbsent(f.runDate(), d -> new long[2]);
          t[0]++;
          t[1]++;
          dateRules.computeIfAbsent(f.runDate(), d -> new TreeMap<>())
              .merge(source.label() + "/" + Validation.FILE_UNREADABLE, 1L, Long::sum);
          dateFiles.computeIfAbsent(f.runDate(), d -> new TreeMap<>()).merge(f.path(), 1L, Long::sum);
        }
      }
      long malformedRows = groups.stream().filter(g -> g.getString(0).equals(source.name())
          && allMalformed.containsKey(g.getString(2))).mapToLong(g -> g.getLong(5)).sum();
      long readTotal = validatedRows - malformedRows + fileLevel;
      long quarantined = byRule.values().stream().mapToLong(Long::longValue).sum();
      if (readTotal != accepted + quarantined) {
        throw Errors.internal("ingest " + source.label() + ": read " + readTotal + " != accepted " + accepted
            + " + quarantined " + quarantined, null);
      }
      counts.put(source, new SourceCounts(source, read.files().size(), readTotal, accepted, byRule, byFile));
      partitions.put(source, parts);
    }
    Map<LocalDate, DateCounts> byDate = new TreeMap<>();
    dateTotals.forEach((d, t) -> byDate.put(d, new DateCounts(d, t[0], t[1],
        dateRules.getOrDefault(d, Map.of()), dateFiles.getOrDefault(d, Map.of()))));
    return new Outcome(counts, byDate, allMalformed, partitions);
  }

  /**
   * Fails the whole batch, before anything is written, when the share of quarantined records of any of its
   * dates exceeds the maximum; the error names every such date with its worst rules and files.
   */
  static void checkBadRatio(String label, int dateCount, Map<LocalDate, DateCounts> byDate, double maxRatio) {
    List<String> rejected = new ArrayList<>();
    long bad = 0;
    long read = 0;
    for (DateCounts d : byDate.values()) {
      if (d.read() > 0 && (double) d.bad() / d.read() > maxRatio) {
        rejected.add(String.format(Locale.ROOT, "%s: %d of %d records (%.1f%%) broke a rule; worst rules: %s;"
            + " worst files: %s", d.date(), d.bad(), d.read(), 100.0 * d.bad() / d.read(), worst(d.badByRule()),
            worst(d.badByFile())));
        bad += d.bad();
        read += d.read();
      }
    }
    if (!rejected.isEmpty()) {
      List<LocalDate> dates = byDate.values().stream()
          .filter(d -> d.read() > 0 && (double) d.bad() / d.read() > maxRatio).map(DateCounts::date).toList();
      throw Errors.ingestBatchRejected(label, dateCount, dates.stream().map(LocalDate::toString).toList(), rejected,
          bad, read, maxRatio);
    }
  }

  private static String worst(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(3)
        .map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
  }

  /**
   * The quarantine rows of a batch: every quarantined record (with its own run date), plus one record per
   * unreadable file (a file none of whose records parses replaces its records by one file-level record).
   */
  Dataset<Row> quarantineRows(SparkSession spark, Map<Source, Landing.SourceRead> reads,
      Map<String, String> allMalformed, Map<Source, Dataset<Row>> validated) {
    Dataset<Row> all = null;
    for (Source source : Source.values()) {
      Dataset<Row> bad = validated.get(source).filter(col(Validation.RULE).isNotNull());
      // Records read from Parquet carry no raw record: it is rebuilt from their typed fields (Parsing.rawRecord).
      Column raw = source == Source.ORDERS ? Enrichment.rawOrderRecord()
          : Parsing.rawRecord(source.schema(), org.apache.spark.sql.functions::col);
      if (!allMalformed.isEmpty()) {
        bad = bad.filter(col(Parsing.FILE).isin(allMalformed.keySet().toArray()).equalTo(false));
      }
      Dataset<Row> rows = bad.select(
          col(Parsing.RUN_DATE).as("run_date"), lit(source.label()).as("source"), col(Parsing.FILE).as("source_file"),
          col(Parsing.ROW).as("row_number"), col(Validation.RULE).as("rule"), col(Validation.RULES).as("rules"),
          col(Validation.REASON).as("reason"), to_json(raw).as("raw_record"),
          lit(context.runId()).as("run_id"));
      all = all == null ? rows : all.unionByName(rows);
    }
    List<Row> fileLevel = new ArrayList<>();
    for (Source source : Source.values()) {
      Landing.SourceRead read = reads.get(source);
      for (Landing.LandingFile f : read.files()) {
        String error = read.unreadable().containsKey(f) ? read.unreadable().get(f) : allMalformed.get(f.path());
        if (error != null) {
          fileLevel.add(RowFactory.create(java.sql.Date.valueOf(f.runDate()), source.label(), f.path(), null,
              Validation.FILE_UNREADABLE,
              scala.jdk.javaapi.CollectionConverters.asScala(List.of(Validation.FILE_UNREADABLE)).toSeq(),
              error, null, context.runId()));
        }
      }
    }
    Dataset<Row> fileRows = spark.createDataFrame(fileLevel, Tables.QUARANTINE.schema());
    return all.unionByName(fileRows);
  }

  /** "t.COL IN (dates...)": the partitions the batch writes to, so that MERGE only reads those. */
  private static String pruned(String dateColumn, Set<LocalDate> dates) {
    return dates.isEmpty() ? "false" : "t." + dateColumn + " IN ("
        + dates.stream().sorted().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", ")) + ")";
  }

  /** MERGE on the key: update when {@code updateWhen} (or always), insert when new. */
  private static void merge(Warehouse warehouse, Table table, Dataset<Row> rows, String on, String updateWhen) {
    DeltaTable target = warehouse.ensureCreated(table);
    if (isEmpty(warehouse, table)) {
      // Nothing to match (a first load or backfill): rows are already one per key, so an append writes exactly
      // what the MERGE would, without materialising the source and scanning for matches.
      rows.write().format("delta").mode("append").save(warehouse.path(table));
      return;
    }
    var builder = target.as("t").merge(rows.as("s"), on);
    (updateWhen == null ? builder.whenMatched() : builder.whenMatched(updateWhen)).updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }
}

package io.dropcast.directory;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;

/**
 * What the directory's web service embeds to show Dropcast's decisions: the latest hub prepositioning plan and
 * drop cadence recommendations, for a date or a hub, read straight from the Delta tables the nightly run publishes, with Delta Kernel
 * (no Spark, no cluster, a few MB of jars).
 *
 * <pre>{@code
 * DirectoryClient dropcast = DirectoryClient.open("s3a://bucket/dropcast");   // once, at start-up
 * Optional<LocalDate> latest = dropcast.latestPlanDate();
 * List<PlanLine> hub01 = dropcast.latestPlanForHub("hub-01");                  // what to place at hub-01 now
 * List<CadenceRecommendation> when = dropcast.latestCadenceForHub("hub-01");   // when and how to release
 * }</pre>
 *
 * <p>Every call reads the table's latest snapshot, so a plan republished by a rerun is seen at once; reads are
 * consistent (one Delta version per call) and never see a half-written night. Only the partitions asked for
 * are read: a plan date (a run date) is a partition, and a hub filter skips the files whose statistics exclude the hub.
 * A missing table or a table whose columns no longer match this client fails with a
 * {@link DirectoryClientException} that says what, why and how to fix. Instances are thread-safe.
 */
public final class DirectoryClient {
  /** The plan table's name in the warehouse (docs/tables.md). */
  public static final String PLAN_TABLE = "hub_prepositioning_plan";

  private static final Map<String, DataType> PLAN_COLUMNS = columns(
      "plan_date", DateType.DATE, "drop_date", DateType.DATE, "drop_id", StringType.STRING,
      "sku_id", StringType.STRING, "category", StringType.STRING, "hub_id", StringType.STRING,
      "units", IntegerType.INTEGER, "expected_demand", DoubleType.DOUBLE, "demand_p10", DoubleType.DOUBLE,
      "demand_p90", DoubleType.DOUBLE, "expected_fill_rate", DoubleType.DOUBLE,
      "expected_leftover", DoubleType.DOUBLE, "expected_within_sla", DoubleType.DOUBLE,
      "reason", StringType.STRING, "model_id", StringType.STRING, "run_id", StringType.STRING);

  /** The cadence table's name in the warehouse (docs/tables.md). */
  public static final String CADENCE_TABLE = "cadence_recommendations";

  private static final StructType BATCH = new StructType().add("batch", IntegerType.INTEGER, true)
      .add("units", IntegerType.INTEGER, true).add("release_at_local", StringType.STRING, true);

  private static final Map<String, DataType> CADENCE_COLUMNS = columns(
      "run_date", DateType.DATE, "level", StringType.STRING, "category", StringType.STRING,
      "hub_id", StringType.STRING, "merchant_id", StringType.STRING,
      "weekdays", new ArrayType(StringType.STRING, true), "window_start_local", StringType.STRING,
      "window_end_local", StringType.STRING, "interval_days", IntegerType.INTEGER,
      "units_per_drop", IntegerType.INTEGER, "batches", new ArrayType(BATCH, true),
      "expected_sell_through", DoubleType.DOUBLE, "expected_sell_out_hours", DoubleType.DOUBLE,
      "expected_peak_hub_load_per_hour", DoubleType.DOUBLE, "pick_pack_per_hour", IntegerType.INTEGER,
      "confidence", StringType.STRING, "what_would_change", new ArrayType(StringType.STRING, true));

  /** Cadence rows by category, then the category's own row before its merchants'. */
  private static final Comparator<CadenceRecommendation> CADENCE_ORDER =
      Comparator.comparing(CadenceRecommendation::hubId).thenComparing(CadenceRecommendation::category)
          .thenComparing(CadenceRecommendation::level)
          .thenComparing(CadenceRecommendation::merchantId, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** Plan lines in the order a hub works through them: by drop date, hub, drop. */
  private static final Comparator<PlanLine> PLAN_ORDER = Comparator.comparing(PlanLine::planDate)
      .thenComparing(PlanLine::dropDate).thenComparing(PlanLine::hubId).thenComparing(PlanLine::dropId);

  private final KernelTable plan;
  private final KernelTable cadence;

  private DirectoryClient(Engine engine, String warehouse) {
    this.plan = new KernelTable(engine, warehouse, PLAN_TABLE, "plan");
    this.cadence = new KernelTable(engine, warehouse, CADENCE_TABLE, "cadence");
  }

  /**
   * A client on the warehouse folder (a path, or a URI the Hadoop file systems on the classpath know, such as
   * s3a:// with hadoop-aws), with the Hadoop settings of the environment (core-site.xml on the classpath).
   */
  public static DirectoryClient open(String warehouse) {
    return open(warehouse, new Configuration());
  }

  /** A client on the warehouse with explicit Hadoop settings (credentials, endpoints). */
  public static DirectoryClient open(String warehouse, Configuration hadoopConf) {
    Objects.requireNonNull(warehouse, "warehouse");
    return new DirectoryClient(DefaultEngine.create(hadoopConf), warehouse);
  }

  /** The newest plan date published, or empty when no plan was ever written. Reads the Delta log only. */
  public Optional<LocalDate> latestPlanDate() {
    List<LocalDate> dates = plan.partitionDates(plan.snapshot(PLAN_COLUMNS), "plan_date");
    return dates.isEmpty() ? Optional.empty() : Optional.of(dates.get(dates.size() - 1));
  }

  /** Every plan date published, oldest first. Reads the Delta log only. */
  public List<LocalDate> planDates() {
    return plan.partitionDates(plan.snapshot(PLAN_COLUMNS), "plan_date");
  }

  /** The plan of a date, all hubs; empty if no plan was published for it. */
  public List<PlanLine> plan(LocalDate planDate) {
    return readPlan(planDate, null);
  }

  /** The plan of a date for one hub; empty if the plan has no line for the hub. */
  public List<PlanLine> planForHub(LocalDate planDate, String hubId) {
    return readPlan(planDate, Objects.requireNonNull(hubId, "hubId"));
  }

  /** The newest published plan for one hub (empty if no plan exists or it has no line for the hub). */
  public List<PlanLine> latestPlanForHub(String hubId) {
    return latestPlanDate().map(d -> planForHub(d, hubId)).orElse(List.of());
  }

  /** The newest run date of the cadence recommendations, or empty when none was written. Reads the Delta log only. */
  public Optional<LocalDate> latestCadenceDate() {
    List<LocalDate> dates = cadence.partitionDates(cadence.snapshot(CADENCE_COLUMNS), "run_date");
    return dates.isEmpty() ? Optional.empty() : Optional.of(dates.get(dates.size() - 1));
  }

  /** The cadence recommendations of a run date, every hub; empty if none was published for it. */
  public List<CadenceRecommendation> cadence(LocalDate runDate) {
    return readCadence(runDate, null);
  }

  /** The cadence recommendations of a run date for one hub. */
  public List<CadenceRecommendation> cadenceForHub(LocalDate runDate, String hubId) {
    return readCadence(runDate, Objects.requireNonNull(hubId, "hubId"));
  }

  /** The newest cadence recommendations for one hub (empty if none exists or none is for the hub). */
  public List<CadenceRecommendation> latestCadenceForHub(String hubId) {
    return latestCadenceDate().map(d -> cadenceForHub(d, hubId)).orElse(List.of());
  }

  private List<PlanLine> readPlan(LocalDate planDate, String hubId) {
    return readPartition(plan, PLAN_COLUMNS, "plan_date", planDate, hubId, o -> r -> new PlanLine(date(r, o[0]),
        date(r, o[1]), r.getString(o[2]), r.getString(o[3]), r.getString(o[4]), r.getString(o[5]), r.getInt(o[6]),
        r.getDouble(o[7]), r.getDouble(o[8]), r.getDouble(o[9]), r.getDouble(o[10]), r.getDouble(o[11]),
        r.getDouble(o[12]), r.getString(o[13]), string(r, o[14]), string(r, o[15])))
        .stream().sorted(PLAN_ORDER).toList();
  }

  private List<CadenceRecommendation> readCadence(LocalDate runDate, String hubId) {
    return readPartition(cadence, CADENCE_COLUMNS, "run_date", runDate, hubId, o -> r -> new CadenceRecommendation(
        date(r, o[0]), r.getString(o[1]), r.getString(o[2]), r.getString(o[3]), string(r, o[4]),
        strings(r.getArray(o[5])), r.getString(o[6]), r.getString(o[7]), r.getInt(o[8]), r.getInt(o[9]),
        batches(r.getArray(o[10])), r.getDouble(o[11]), r.getDouble(o[12]), r.getDouble(o[13]), r.getInt(o[14]),
        r.getString(o[15]), strings(r.getArray(o[16]))))
        .stream().sorted(CADENCE_ORDER).toList();
  }

  /**
   * The rows of one run-date partition (and one hub, when given): partition pruning on the date, file skipping
   * on the hub, and an exact test of both on every row. {@code mapper} gets the ordinals of {@code columns}.
   */
  private static <T> List<T> readPartition(KernelTable table, Map<String, DataType> columns, String dateColumn,
      LocalDate date, String hubId, Function<int[], Function<Row, T>> mapper) {
    Objects.requireNonNull(date, dateColumn);
    Snapshot snapshot = table.snapshot(columns);
    int days = (int) date.toEpochDay();
    Predicate filter = new Predicate("=", new Column(dateColumn), Literal.ofDate(days));
    if (hubId != null) {
      filter = new Predicate("AND", filter, new Predicate("=", new Column("hub_id"), Literal.ofString(hubId)));
    }
    int[] o = columns.keySet().stream().mapToInt(c -> KernelTable.ordinal(snapshot, c)).toArray();
    int dateAt = KernelTable.ordinal(snapshot, dateColumn);
    int hubAt = KernelTable.ordinal(snapshot, "hub_id");
    return table.read(snapshot, filter,
        r -> !r.isNullAt(dateAt) && r.getInt(dateAt) == days && (hubId == null || hubId.equals(r.getString(hubAt))),
        mapper.apply(o));
  }

  private static List<String> strings(ArrayValue array) {
    ColumnVector v = array.getElements();
    List<String> out = new ArrayList<>(array.getSize());
    for (int i = 0; i < array.getSize(); i++) {
      out.add(v.isNullAt(i) ? null : v.getString(i));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private static List<CadenceRecommendation.Batch> batches(ArrayValue array) {
    ColumnVector v = array.getElements();
    List<CadenceRecommendation.Batch> out = new ArrayList<>(array.getSize());
    for (int i = 0; i < array.getSize(); i++) {
      out.add(new CadenceRecommendation.Batch(v.getChild(0).getInt(i), v.getChild(1).getInt(i),
          v.getChild(2).getString(i)));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private static LocalDate date(Row r, int i) {
    return LocalDate.ofEpochDay(r.getInt(i));
  }

  private static String string(Row r, int i) {
    return r.isNullAt(i) ? null : r.getString(i);
  }

  private static Map<String, DataType> columns(Object... nameThenType) {
    Map<String, DataType> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenType.length; i += 2) {
      m.put((String) nameThenType[i], (DataType) nameThenType[i + 1]);
    }
    return m;
  }
}

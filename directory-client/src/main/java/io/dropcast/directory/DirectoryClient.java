package io.dropcast.directory;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * What the directory's web service embeds to show Dropcast's decisions: the latest hub prepositioning plan,
 * for a date or a hub, read straight from the Delta tables the nightly run publishes, with Delta Kernel
 * (no Spark, no cluster, a few MB of jars).
 *
 * <pre>{@code
 * DirectoryClient dropcast = DirectoryClient.open("s3a://bucket/dropcast");   // once, at start-up
 * Optional<LocalDate> latest = dropcast.latestPlanDate();
 * List<PlanLine> hub01 = dropcast.latestPlanForHub("hub-01");                  // what to place at hub-01 now
 * }</pre>
 *
 * <p>Every call reads the table's latest snapshot, so a plan republished by a rerun is seen at once; reads are
 * consistent (one Delta version per call) and never see a half-written night. Only the partitions asked for
 * are read: a plan date is a partition, and a hub filter skips the files whose statistics exclude the hub.
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

  /** Plan lines in the order a hub works through them: by drop date, hub, drop. */
  private static final Comparator<PlanLine> PLAN_ORDER = Comparator.comparing(PlanLine::planDate)
      .thenComparing(PlanLine::dropDate).thenComparing(PlanLine::hubId).thenComparing(PlanLine::dropId);

  private final KernelTable plan;

  private DirectoryClient(Engine engine, String warehouse) {
    this.plan = new KernelTable(engine, warehouse, PLAN_TABLE, "plan");
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

  private List<PlanLine> readPlan(LocalDate planDate, String hubId) {
    Objects.requireNonNull(planDate, "planDate");
    Snapshot snapshot = plan.snapshot(PLAN_COLUMNS);
    int days = (int) planDate.toEpochDay();
    Predicate filter = new Predicate("=", new Column("plan_date"), Literal.ofDate(days));
    if (hubId != null) {
      filter = new Predicate("AND", filter, new Predicate("=", new Column("hub_id"), Literal.ofString(hubId)));
    }
    int[] o = PLAN_COLUMNS.keySet().stream().mapToInt(c -> KernelTable.ordinal(snapshot, c)).toArray();
    return plan.read(snapshot, filter,
            r -> !r.isNullAt(o[0]) && r.getInt(o[0]) == days && (hubId == null || hubId.equals(r.getString(o[5]))),
            r -> new PlanLine(date(r, o[0]), date(r, o[1]), r.getString(o[2]), r.getString(o[3]), r.getString(o[4]),
                r.getString(o[5]), r.getInt(o[6]), r.getDouble(o[7]), r.getDouble(o[8]), r.getDouble(o[9]),
                r.getDouble(o[10]), r.getDouble(o[11]), r.getDouble(o[12]), r.getString(o[13]), string(r, o[14]),
                string(r, o[15])))
        .stream().sorted(PLAN_ORDER).toList();
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

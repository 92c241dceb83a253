package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Leak-free forecast features. For an origin {@code o} (the first forecast day: data up to {@code o - 1}
 * may be used) and a horizon {@code h} (target {@code t = o + h - 1}) a row holds:
 * <ul>
 *   <li>{@code lag_1 .. lag_7}: demand on {@code o-1 .. o-7};</li>
 *   <li>{@code same_weekday_1 .. same_weekday_4}: demand on the latest four days before {@code o} that
 *       share {@code t}'s weekday ({@code same_weekday_1} is the seasonal-naive value);</li>
 *   <li>{@code mean_W}, {@code std_W} (population) over the W days before {@code o}, W in 7, 28, 56 and
 *       any extra window of the spec;</li>
 *   <li>{@code category_mean_28}, {@code neighbourhood_mean_28}: the mean of {@code mean_28} over the
 *       series of the same category / neighbourhood at the same origin that have at least 28 days of
 *       history (target encodings, data before {@code o} only); {@code neighbours_category_mean_28}: the
 *       same over the category's series in the H3 neighbour cells, the series' own cell excluded;</li>
 *   <li>calendar of {@code t}: {@code day_of_week} (1 = Sunday .. 7 = Saturday), {@code day_of_month},
 *       {@code is_holiday} (0/1), {@code days_to_payday} (0 on a payday);</li>
 *   <li>{@code horizon}, the covariates of the target day (0 when absent, {@link #UNKNOWN_COVARIATE} for
 *       horizons beyond the spec's covariateHorizon), {@code first_date} (the
 *       series' first day with demand, kept only when before {@code o}) and {@code history_days}
 *       (days from it to {@code o}, 0 when none).</li>
 * </ul>
 * Only the covariates are read at or after the origin, as the contract says they are known in advance.
 * Built with joins, conditional aggregates and built-in functions; no UDF, and only the distinct
 * neighbourhood cells reach the driver (for the H3 neighbour mapping).
 *
 * <p>Gaps: with {@code fillMissingAsZero} a missing day between the series' first day and the origin
 * counts as 0 (lags 0, window denominators the full window clipped to the history); without it lags of
 * missing days are null and means and stds use the observed days only.
 */
public final class ForecastFeatures {
  public static final String ORIGIN = "origin";
  public static final String HORIZON = "horizon";
  public static final String TARGET_DATE = "target_date";
  public static final String FIRST_DATE = "first_date";
  public static final String HISTORY_DAYS = "history_days";
  public static final String DAY_OF_WEEK = "day_of_week";
  public static final String DAY_OF_MONTH = "day_of_month";
  public static final String IS_HOLIDAY = "is_holiday";
  public static final String DAYS_TO_PAYDAY = "days_to_payday";
  public static final String CATEGORY_MEAN = "category_mean_28";
  public static final String NEIGHBOURHOOD_MEAN = "neighbourhood_mean_28";
  public static final String NEIGHBOURS_CATEGORY_MEAN = "neighbours_category_mean_28";
  /** Value of a covariate beyond the spec's covariateHorizon: not known that far ahead. */
  public static final double UNKNOWN_COVARIATE = -1.0;
  /** Lags exposed as features. */
  public static final int LAGS = 7;
  /** Same-weekday values exposed as features. */
  public static final int SAME_WEEKDAYS = 4;
  /** Daily values read to place the same-weekday features: 7 x SAME_WEEKDAYS. */
  static final int DAILY_SLOTS = 7 * SAME_WEEKDAYS;

  private static final String D = "__d";
  private static final String U = "__u";
  private static final String AGE = "__age";

  private ForecastFeatures() {}

  public static String lag(int k) { return "lag_" + k; }
  public static String sameWeekday(int j) { return "same_weekday_" + j; }
  public static String mean(int window) { return "mean_" + window; }
  public static String std(int window) { return "std_" + window; }
  private static String slot(int k) { return "__l" + k; }

  /** Origins as a one-column Dataset ({@code origin}: date), duplicates removed. */
  public static Dataset<Row> originsFrame(SparkSession spark, List<LocalDate> origins) {
    List<Row> rows = new ArrayList<>();
    for (LocalDate o : new TreeSet<>(origins)) {
      rows.add(RowFactory.create(Date.valueOf(o)));
    }
    return spark.createDataFrame(rows, new StructType().add(ORIGIN, DataTypes.DateType, false));
  }

  /** Features of every series of {@code history} for each origin and horizons 1..spec.horizon(). */
  public static Dataset<Row> build(Dataset<Row> history, List<LocalDate> origins, FeatureSpec spec) {
    SparkSession spark = history.sparkSession();
    String nb = spec.neighbourhoodCol();
    String cat = spec.categoryCol();
    boolean fill = spec.fillMissingAsZero();
    int[] windows = spec.windows();
    int lookback = spec.lookbackDays();

    List<Column> inputCols = new ArrayList<>(List.of(col(nb), col(cat),
        col(spec.dateCol()).as(D), col(spec.unitsCol()).cast("double").as(U)));
    for (String c : spec.covariateCols()) {
      inputCols.add(col(c).cast("double").as(c));
    }
    Dataset<Row> input = history.select(inputCols.toArray(new Column[0]));
    Dataset<Row> obs = input.filter(col(U).isNotNull()).select(nb, cat, D, U);
    Dataset<Row> originsDf = originsFrame(spark, origins);

    // Observations in the lookback window of each origin: strictly before it.
    Dataset<Row> windowed = obs
        .join(broadcast(originsDf), col(D).lt(col(ORIGIN)).and(col(D).geq(date_sub(col(ORIGIN), lookback))))
        .withColumn(AGE, datediff(col(ORIGIN), col(D)));
    List<Column> aggs = new ArrayList<>();
    for (int k = 1; k <= DAILY_SLOTS; k++) {
      aggs.add(max(when(col(AGE).equalTo(k), col(U))).as(slot(k)));
    }
    for (int w : windows) {
      Column in = col(AGE).leq(w);
      aggs.add(sum(when(in, col(U))).as("__s" + w));
      aggs.add(sum(when(in, col(U).multiply(col(U)))).as("__ss" + w));
      aggs.add(count(when(in, col(U))).as("__n" + w));
    }
    Dataset<Row> perOrigin = windowed.groupBy(nb, cat, ORIGIN)
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));

    Dataset<Row> firstDates = obs.groupBy(nb, cat).agg(min(col(D)).as("__first"));
    Dataset<Row> series = input.select(nb, cat).distinct();

    // One select per step: a long chain of withColumn makes Spark re-analyse the plan at every link.
    Dataset<Row> joined = series.crossJoin(originsDf)
        .join(firstDates, new String[] {nb, cat}, "left")
        .join(perOrigin, new String[] {nb, cat, ORIGIN}, "left");
    Column firstBefore = when(col("__first").lt(col(ORIGIN)), col("__first"));
    joined = joined.select(col("*"), firstBefore.as(FIRST_DATE),
        coalesce(datediff(col(ORIGIN), firstBefore), lit(0)).as(HISTORY_DAYS));
    List<Column> soCols = new ArrayList<>(List.of(col(nb), col(cat), col(ORIGIN), col(FIRST_DATE), col(HISTORY_DAYS)));
    for (int k = 1; k <= DAILY_SLOTS; k++) {
      soCols.add(fill
          ? when(lit(k).leq(col(HISTORY_DAYS)), coalesce(col(slot(k)), lit(0.0))).as(slot(k))
          : col(slot(k)));
    }
    for (int w : windows) {
      Column denom = fill ? least(lit(w), col(HISTORY_DAYS)) : col("__n" + w);
      Column s = fill ? coalesce(col("__s" + w), lit(0.0)) : col("__s" + w);
      Column ss = fill ? coalesce(col("__ss" + w), lit(0.0)) : col("__ss" + w);
      Column m = when(denom.gt(0), s.divide(denom));
      soCols.add(m.as(mean(w)));
      soCols.add(when(denom.gt(0), sqrt(greatest(lit(0.0), ss.divide(denom).minus(m.multiply(m))))).as(std(w)));
    }
    Dataset<Row> so = joined.select(soCols.toArray(new Column[0]));

    // Target encodings and neighbour pooling, from the per-origin series means (data before o only).
    // Only series with a full 28-day window before the origin feed them, so a cold start never pools itself.
    Dataset<Row> stats = so.filter(col(HISTORY_DAYS).geq(28))
        .select(col(nb), col(cat), col(ORIGIN), col(mean(28)).as("__m"))
        .filter(col("__m").isNotNull());
    Dataset<Row> catMean = stats.groupBy(cat, ORIGIN).agg(avg("__m").as(CATEGORY_MEAN));
    Dataset<Row> nbhMean = stats.groupBy(nb, ORIGIN).agg(avg("__m").as(NEIGHBOURHOOD_MEAN));
    List<String> cells = new ArrayList<>();
    for (Row r : input.select(nb).distinct().collectAsList()) { // bounded by the number of neighbourhoods
      cells.add(r.getString(0));
    }
    Dataset<Row> mapping = broadcast(H3Neighbours.mapping(spark, cells, spec.coldStartRingSize()));
    Dataset<Row> nbrMean = stats.withColumnRenamed(nb, H3Neighbours.NEIGHBOUR)
        .join(mapping, H3Neighbours.NEIGHBOUR)
        .groupBy(col(H3Neighbours.CELL).as(nb), col(cat), col(ORIGIN))
        .agg(avg("__m").as(NEIGHBOURS_CATEGORY_MEAN));
    so = so.join(catMean, new String[] {cat, ORIGIN}, "left")
        .join(nbhMean, new String[] {nb, ORIGIN}, "left")
        .join(nbrMean, new String[] {nb, cat, ORIGIN}, "left");

    // One row per horizon.
    Dataset<Row> horizons = spark.range(1, spec.horizon() + 1L).select(col("id").cast("int").as(HORIZON));
    Column target = date_add(col(ORIGIN), col(HORIZON).minus(1));
    Column[] slots = new Column[DAILY_SLOTS];
    for (int k = 1; k <= DAILY_SLOTS; k++) {
      slots[k - 1] = col(slot(k));
    }
    Column dailyBefore = array(slots);
    Column weeksAhead = ceil(col(HORIZON).divide(7.0)).cast("int");
    List<Column> gridCols = new ArrayList<>(List.of(col("*"), target.as(TARGET_DATE)));
    for (int j = 1; j <= SAME_WEEKDAYS; j++) {
      // Days back from o to t - 7 * (ceil(h / 7) + j - 1): always within 7j-6 .. 7j.
      Column age = weeksAhead.plus(j - 1).multiply(7).minus(col(HORIZON)).plus(1);
      gridCols.add(element_at(dailyBefore, age).as(sameWeekday(j)));
    }
    gridCols.add(dayofweek(target).as(DAY_OF_WEEK));
    gridCols.add(dayofmonth(target).as(DAY_OF_MONTH));
    gridCols.add(isHoliday(target, spec.holidays()).as(IS_HOLIDAY));
    gridCols.add(daysToPayday(target, spec.paydayDays()).as(DAYS_TO_PAYDAY));
    Dataset<Row> grid = so.crossJoin(horizons).select(gridCols.toArray(new Column[0]));

    if (!spec.covariateCols().isEmpty()) {
      List<Column> covSel = new ArrayList<>(List.of(col(nb), col(cat), col(D).as(TARGET_DATE)));
      for (String c : spec.covariateCols()) {
        covSel.add(col(c));
      }
      Dataset<Row> covs = input.select(covSel.toArray(new Column[0]));
      grid = grid.join(covs, new String[] {nb, cat, TARGET_DATE}, "left");
    }

    List<Column> out = new ArrayList<>(List.of(col(nb), col(cat), col(ORIGIN), col(HORIZON), col(TARGET_DATE),
        col(FIRST_DATE), col(HISTORY_DAYS)));
    for (int k = 1; k <= LAGS; k++) {
      out.add(col(slot(k)).as(lag(k)));
    }
    for (int j = 1; j <= SAME_WEEKDAYS; j++) {
      out.add(col(sameWeekday(j)));
    }
    for (int w : windows) {
      out.add(col(mean(w)));
      out.add(col(std(w)));
    }
    out.addAll(List.of(col(CATEGORY_MEAN), col(NEIGHBOURHOOD_MEAN), col(NEIGHBOURS_CATEGORY_MEAN),
        col(DAY_OF_WEEK), col(DAY_OF_MONTH), col(IS_HOLIDAY), col(DAYS_TO_PAYDAY)));
    for (String c : spec.covariateCols()) {
      out.add(when(col(HORIZON).leq(spec.covariateHorizon()), coalesce(col(c), lit(0.0)))
          .otherwise(lit(UNKNOWN_COVARIATE)).as(c));
    }
    return grid.select(out.toArray(new Column[0]));
  }

  /**
   * Adds {@code actualCol}: the demand of the row's series on its target day (null when unknown). With
   * {@code fillMissingAsZero} a missing day between the series' first and last day with demand is 0.
   */
  public static Dataset<Row> withActuals(Dataset<Row> rows, Dataset<Row> history, FeatureSpec spec,
      String targetDateCol, String actualCol) {
    String nb = spec.neighbourhoodCol();
    String cat = spec.categoryCol();
    Dataset<Row> obs = history.filter(col(spec.unitsCol()).isNotNull())
        .select(col(nb), col(cat), col(spec.dateCol()).as(targetDateCol),
            col(spec.unitsCol()).cast("double").as(actualCol));
    Dataset<Row> joined = rows.join(obs, new String[] {nb, cat, targetDateCol}, "left");
    if (!spec.fillMissingAsZero()) {
      return joined;
    }
    Dataset<Row> span = obs.groupBy(nb, cat)
        .agg(min(col(targetDateCol)).as("__span_first"), max(col(targetDateCol)).as("__span_last"));
    return joined.join(span, new String[] {nb, cat}, "left")
        .withColumn(actualCol, when(col(targetDateCol).between(col("__span_first"), col("__span_last")),
            coalesce(col(actualCol), lit(0.0))))
        .drop("__span_first", "__span_last");
  }

  /** 1.0 when the day is a holiday: entries MM-DD recur every year, YYYY-MM-DD are one day. */
  static Column isHoliday(Column day, List<String> holidays) {
    List<String> fixed = new ArrayList<>();
    List<String> specific = new ArrayList<>();
    for (String h : holidays) {
      (h.length() == 5 ? fixed : specific).add(h);
    }
    Column hit = lit(false);
    if (!fixed.isEmpty()) {
      hit = hit.or(date_format(day, "MM-dd").isin(fixed.toArray()));
    }
    if (!specific.isEmpty()) {
      hit = hit.or(date_format(day, "yyyy-MM-dd").isin(specific.toArray()));
    }
    return hit.cast("double");
  }

  /** Days from the day to the next payday (0 on a payday); a payday past the month's end is its last day. */
  static Column daysToPayday(Column day, int[] paydays) {
    Column monthStart = trunc(day, "month");
    Column nextStart = add_months(monthStart, 1);
    List<Column> perPayday = new ArrayList<>();
    for (int p : paydays) {
      Column thisOne = date_add(monthStart, least(lit(p), dayofmonth(last_day(day))).minus(1));
      Column nextOne = date_add(nextStart, least(lit(p), dayofmonth(last_day(nextStart))).minus(1));
      perPayday.add(when(thisOne.geq(day), datediff(thisOne, day)).otherwise(datediff(nextOne, day)));
    }
    Column d = perPayday.size() == 1 ? perPayday.get(0) : least(perPayday.toArray(new Column[0]));
    return d.cast("double");
  }
}

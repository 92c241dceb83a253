package io.dropcast.forecast;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Daily demand per neighbourhood x category from the orders table, with the zero days filled in and the
 * sold-out drops' censored sales raised to an estimate of the unconstrained demand. Pure: Datasets in,
 * Datasets out, no I/O.
 *
 * <h2>Censored demand</h2>
 * A drop's window runs from its first batch's {@code starts_at} to {@code ends_at}; each batch owns the period
 * from its start to the next batch's start (the last one to the window's end). A period sold out when the
 * units ordered before its end (all statuses: a cancelled order took stock too) reach the units released
 * so far; it ran dry at its last order. Demand arrives over the window along the category's <em>sales
 * curve</em> F (share of a window's units ordered by each fraction of the window), learned from the drops of
 * the category that never sold out, dated within the {@code curveDays} days up to the drop's own day (so a
 * day's estimate depends on data up to that day only, whatever the run date). The share of demand a sold-out
 * drop could not serve is the curve's mass between each dry moment and its period's end; the drop's
 * estimated demand is {@code sold / (1 - lost share)}, at most {@code maxUplift x sold}. The estimate is
 * spread over the drop's neighbourhoods in proportion to their sales (a neighbourhood that bought nothing
 * from it gets nothing).
 *
 * <h2>Output of {@link #daily}</h2>
 * {@code neighbourhood, category, date, observed_units} (units ordered, not cancelled), {@code units} (the
 * estimate; equal to observed_units on days without a sold-out drop), {@code censored}. One row per
 * neighbourhood x category x day from the neighbourhood's first order day to the run date, for every
 * category seen in orders or drops up to the run date.
 */
public final class DemandHistory {
  public static final String NEIGHBOURHOOD = "neighbourhood";
  public static final String CATEGORY = "category";
  public static final String DATE = "date";
  public static final String UNITS = "units";
  public static final String OBSERVED_UNITS = "observed_units";
  public static final String CENSORED = "censored";
  /** Per drop: the factor its sales are raised by (1 when it never sold out). */
  public static final String UPLIFT = "uplift";
  /** Resolution of the sales curve: bins of the window. */
  static final int CURVE_BINS = 20;

  private DemandHistory() {}

  /** Parameters of the demand history. */
  public record Params(LocalDate runDate, double maxUplift, int curveDays) {
    public Params {
      if (maxUplift < 1.0) {
        throw new IllegalArgumentException("maxUplift must be >= 1 but is " + maxUplift);
      }
      if (curveDays < 1) {
        throw new IllegalArgumentException("curveDays must be >= 1 but is " + curveDays);
      }
    }
  }

  private static Column runDate(Params p) {
    return lit(Date.valueOf(p.runDate()));
  }

  /** Fraction of the window [start, end] elapsed at t, clipped to [0, 1]. */
  private static Column fraction(Column t, Column start, Column end) {
    Column span = unix_micros(end).minus(unix_micros(start)).cast("double");
    return least(lit(1.0), greatest(lit(0.0),
        unix_micros(t).minus(unix_micros(start)).cast("double").divide(greatest(span, lit(1.0)))));
  }

  /**
   * Batch periods of the drops dated up to the run date: {@code drop_id, category, drop_date, batch_number,
   * window_start, window_end, period_start, period_end, released_so_far}.
   */
  static Dataset<Row> periods(Dataset<Row> drops, Params p) {
    WindowSpec byDrop = Window.partitionBy("drop_id").orderBy("batch_number");
    WindowSpec wholeDrop = Window.partitionBy("drop_id");
    return drops.filter(col("drop_date").leq(runDate(p)))
        .select(col("drop_id"), col("category"), col("drop_date"), col("batch_number"),
            min(col("starts_at")).over(wholeDrop).as("window_start"),
            max(col("ends_at")).over(wholeDrop).as("window_end"),
            col("starts_at").as("period_start"),
            coalesce(lead(col("starts_at"), 1).over(byDrop), max(col("ends_at")).over(wholeDrop)).as("period_end"),
            sum(col("units_released")).over(byDrop.rowsBetween(Window.unboundedPreceding(), Window.currentRow()))
                .as("released_so_far"));
  }

  /**
   * Per batch period: whether it sold out ({@code sold_out}) and the window fractions of its dry moment
   * ({@code dry_fraction}) and its end ({@code end_fraction}); plus the period columns.
   */
  static Dataset<Row> periodOutcomes(Dataset<Row> orders, Dataset<Row> drops, Params p) {
    Dataset<Row> periods = periods(drops, p);
    Dataset<Row> dropOrders = orders.filter(col("order_date").leq(runDate(p)).and(col("drop_id").isNotNull()))
        .select(col("drop_id").as("o_drop"), col("created_at"), col("units"));
    Dataset<Row> joined = periods.join(dropOrders, col("drop_id").equalTo(col("o_drop")), "left");
    Column inPeriod = col("created_at").geq(col("period_start")).and(col("created_at").lt(col("period_end")));
    Dataset<Row> agg = joined.groupBy("drop_id", "category", "drop_date", "batch_number", "window_start",
            "window_end", "period_start", "period_end", "released_so_far")
        .agg(coalesce(sum(when(col("created_at").lt(col("period_end")), col("units"))), lit(0L)).as("sold_by_end"),
            max(when(inPeriod, col("created_at"))).as("dry_at"));
    Column soldOut = col("sold_by_end").geq(col("released_so_far")).and(col("dry_at").isNotNull());
    return agg.select(col("*"), soldOut.as("sold_out"),
        fraction(col("dry_at"), col("window_start"), col("window_end")).as("dry_fraction"),
        fraction(col("period_end"), col("window_start"), col("window_end")).as("end_fraction"));
  }

  /**
   * The sales curve of each (category, day) needed: {@code category, drop_date, curve} where curve is an
   * array of {@link #CURVE_BINS} + 1 cumulative shares at the bin edges (0 first, 1 last), from the units of
   * the non-sold-out drops of the category dated in (day - curveDays, day]. Days with no such drop are absent.
   */
  static Dataset<Row> curves(Dataset<Row> orders, Dataset<Row> outcomes, Dataset<Row> wanted, Params p) {
    Dataset<Row> clean = outcomes.groupBy("drop_id", "category", "drop_date", "window_start", "window_end")
        .agg(max(col("sold_out").cast("int")).as("any_sold_out"))
        .filter(col("any_sold_out").equalTo(0));
    Dataset<Row> binned = clean
        .join(orders.filter(col("order_date").leq(runDate(p))).select(col("drop_id"), col("created_at"), col("units")),
            "drop_id")
        .select(col("category").as("c_category"), col("drop_date").as("c_date"),
            least(lit(CURVE_BINS - 1), floor(fraction(col("created_at"), col("window_start"), col("window_end"))
                .multiply(CURVE_BINS)).cast("int")).as("bin"),
            col("units").cast("double").as("u"))
        .groupBy("c_category", "c_date", "bin").agg(sum("u").as("u"));
    Dataset<Row> joined = wanted.join(binned, col("category").equalTo(col("c_category"))
        .and(col("c_date").leq(col("drop_date")))
        .and(col("c_date").gt(date_sub(col("drop_date"), p.curveDays()))));
    List<Column> aggs = new ArrayList<>();
    for (int b = 0; b < CURVE_BINS; b++) {
      aggs.add(coalesce(sum(when(col("bin").equalTo(b), col("u"))), lit(0.0)).as("__b" + b));
    }
    Dataset<Row> perBin = joined.groupBy("category", "drop_date")
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
    Column total = lit(0.0);
    for (int b = 0; b < CURVE_BINS; b++) {
      total = total.plus(col("__b" + b));
    }
    Column[] edges = new Column[CURVE_BINS + 1];
    Column running = lit(0.0);
    edges[0] = lit(0.0);
    for (int b = 0; b < CURVE_BINS; b++) {
      running = running.plus(col("__b" + b));
      edges[b + 1] = running.divide(total);
    }
    return perBin.filter(total.gt(0)).select(col("category"), col("drop_date"), array(edges).as("curve"));
  }

  /** F(x) by linear interpolation in a curve array (uniform F(x) = x when the curve is null). */
  static Column curveAt(Column curve, Column x) {
    Column pos = x.multiply(CURVE_BINS);
    Column i = least(lit(CURVE_BINS - 1), floor(pos).cast("int"));
    Column lo = element_at(curve, i.plus(1));
    Column hi = element_at(curve, i.plus(2));
    return coalesce(lo.plus(pos.minus(i).multiply(hi.minus(lo))), x);
  }

  /** Per drop up to the run date: {@code drop_id, uplift} (&ge; 1, 1 when it never sold out). */
  public static Dataset<Row> uplifts(Dataset<Row> orders, Dataset<Row> drops, Params p) {
    Dataset<Row> outcomes = periodOutcomes(orders, drops, p).persist();
    try {
      Dataset<Row> soldOut = outcomes.filter(col("sold_out"));
      Dataset<Row> wanted = soldOut.select("category", "drop_date").distinct();
      Dataset<Row> curves = curves(orders, outcomes, wanted, p);
      Dataset<Row> lost = soldOut.join(curves, new String[] {"category", "drop_date"}, "left")
          .select(col("drop_id"), greatest(lit(0.0),
              curveAt(col("curve"), col("end_fraction")).minus(curveAt(col("curve"), col("dry_fraction")))).as("lost"))
          .groupBy("drop_id").agg(sum("lost").as("lost"));
      double cap = p.maxUplift();
      Column served = greatest(lit(1.0 / cap), lit(1.0).minus(col("lost")));
      Dataset<Row> all = outcomes.select("drop_id").distinct();
      // Materialised here so the persisted outcomes can be released: a few rows per drop.
      Dataset<Row> result = all.join(lost, "drop_id", "left")
          // least() and greatest() skip nulls: a drop with no sold-out period (lost null) must get 1 explicitly.
          .select(col("drop_id"), when(col("lost").isNull(), lit(1.0))
              .otherwise(least(lit(cap), lit(1.0).divide(served))).as(UPLIFT))
          .localCheckpoint(true);
      return result;
    } finally {
      outcomes.unpersist();
    }
  }

  /** The daily demand history (see the class doc). */
  public static Dataset<Row> daily(Dataset<Row> orders, Dataset<Row> drops, Params p) {
    Dataset<Row> uplifts = uplifts(orders, drops, p).withColumnRenamed("drop_id", "__u_drop");
    Dataset<Row> valid = orders.filter(col("order_date").leq(runDate(p)));
    Dataset<Row> sales = valid.filter(col("status").notEqual("cancelled"))
        .join(broadcast(uplifts), col("drop_id").equalTo(col("__u_drop")), "left")
        .groupBy(col(NEIGHBOURHOOD), col(CATEGORY), col("order_date").as(DATE))
        .agg(sum(col("units").cast("double")).as(OBSERVED_UNITS),
            sum(col("units").cast("double").multiply(coalesce(col(UPLIFT), lit(1.0)))).as(UNITS),
            max(coalesce(col(UPLIFT), lit(1.0)).gt(1.0)).as(CENSORED));
    Dataset<Row> firsts = valid.groupBy(NEIGHBOURHOOD).agg(min("order_date").as("__first"));
    Dataset<Row> categories = valid.select(CATEGORY)
        .union(drops.filter(col("drop_date").leq(runDate(p))).select(CATEGORY)).distinct();
    Dataset<Row> grid = firsts.crossJoin(broadcast(categories))
        .select(col(NEIGHBOURHOOD), col(CATEGORY), explode(sequence(col("__first"), runDate(p))).as(DATE));
    return grid.join(sales, new String[] {NEIGHBOURHOOD, CATEGORY, DATE}, "left")
        .select(col(NEIGHBOURHOOD), col(CATEGORY), col(DATE),
            coalesce(col(OBSERVED_UNITS), lit(0.0)).as(OBSERVED_UNITS),
            coalesce(col(UNITS), lit(0.0)).as(UNITS),
            coalesce(col(CENSORED), lit(false)).as(CENSORED));
  }
}

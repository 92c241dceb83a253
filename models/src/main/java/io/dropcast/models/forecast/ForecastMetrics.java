package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Forecast accuracy as Spark aggregations over backtest rows (one row per series, origin and target day
 * with the actual, the point forecast and optionally quantile columns).
 *
 * <p>Scales: for each series and origin, from its history strictly before the origin,
 * {@code mase_scale} = mean |y_d - y_{d-season}| and {@code rmsse_scale} = mean (y_d - y_{d-season})^2 over
 * days where both are observed (the in-sample seasonal-naive errors). Rows whose scale is 0 or unknown
 * count for WAPE, pinball and coverage but not for MASE and RMSSE.
 *
 * <p>Each metric scores the forecast its loss is minimised by: the absolute-error metrics (MASE, WAPE) score the
 * median, the 0.5 quantile column when the levels include 0.5 and the rows carry it (else the point forecast);
 * RMSSE scores the point forecast, the mean. This is GluonTS's convention (its evaluator takes the absolute error
 * of {@code forecast.quantile(0.5)} and the squared error of {@code forecast.mean}); on sparse demand, where a
 * day without sales is the most likely outcome, the mean is far from the best absolute-error forecast.
 *
 * <p>Per series, with {@code e = y - median} and {@code e' = y - point}: {@code mase} = mean of |e| / mase_scale;
 * {@code rmsse} = sqrt(mean of e'^2 / rmsse_scale); {@code wape} = sum |e| / sum |y| (null when the scored days
 * have no demand); {@code pinball_<q col>} = mean of max(q (y - Q), (q - 1)(y - Q));
 * {@code coverage} = share of rows with lowest quantile &le; y &le; highest quantile. Overall: mase and
 * rmsse are the unweighted means of the per-series values (M4/M5 style), wape, pinball and coverage pool
 * all rows.
 */
public final class ForecastMetrics {
  public static final String MASE_SCALE = "mase_scale";
  public static final String RMSSE_SCALE = "rmsse_scale";
  public static final String N = "n";
  public static final String SERIES = "series";
  public static final String MASE = "mase";
  public static final String RMSSE = "rmsse";
  public static final String WAPE = "wape";
  public static final String COVERAGE = "coverage";

  private final List<String> keyCols;
  private final String originCol;
  private final String actualCol;
  private final String predictionCol;
  private final String dateCol;
  private final String unitsCol;
  private final double[] quantiles;
  private final List<String> quantileCols;
  private final int season;

  public ForecastMetrics(List<String> keyCols, String originCol, String actualCol, String predictionCol,
      String dateCol, String unitsCol, double[] quantiles, List<String> quantileCols, int season) {
    if (quantiles.length != quantileCols.size()) {
      throw new IllegalArgumentException("Got " + quantiles.length + " quantile levels but "
          + quantileCols.size() + " quantile columns " + quantileCols + "; pass one column per level.");
    }
    if (season < 1) {
      throw new IllegalArgumentException("season must be >= 1 but is " + season);
    }
    this.keyCols = List.copyOf(keyCols);
    this.originCol = originCol;
    this.actualCol = actualCol;
    this.predictionCol = predictionCol;
    this.dateCol = dateCol;
    this.unitsCol = unitsCol;
    this.quantiles = quantiles.clone();
    this.quantileCols = List.copyOf(quantileCols);
    this.season = season;
  }

  /** Metrics for the columns a forecaster or model writes, seasonal-naive-7 scales. */
  public static ForecastMetrics of(HasForecastParams p) {
    return new ForecastMetrics(p.keyCols(), p.getOriginCol(), p.getActualCol(), p.getPredictionCol(),
        p.getDateCol(), p.getUnitsCol(), p.getQuantiles(), p.quantileColNames(), 7);
  }

  /** Adds {@code mase_scale} and {@code rmsse_scale} of each row's series at its origin. */
  public Dataset<Row> withScales(Dataset<Row> rows, Dataset<Row> history) {
    Column[] keys = keyCols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    // History-side columns get private names: rows usually descend from the same history, and joining
    // same-lineage columns by equality would be trivially true.
    Dataset<Row> obs = history.filter(col(unitsCol).isNotNull())
        .select(col(keyCols.get(0)).as("__k0"), col(keyCols.get(1)).as("__k1"), col(dateCol).as("__d"),
            col(unitsCol).cast("double").as("__y"));
    Dataset<Row> earlier = obs.select(col("__k0"), col("__k1"), date_add(col("__d"), season).as("__d"),
        col("__y").as("__y_prev"));
    Dataset<Row> diffs = obs.join(earlier, new String[] {"__k0", "__k1", "__d"}, "inner")
        .select(col("__k0"), col("__k1"), col("__d"), col("__y").minus(col("__y_prev")).as("__diff"));
    Dataset<Row> origins = rows.select(concat(keys, col(originCol))).distinct();
    Dataset<Row> scales = origins.join(diffs,
            col(keyCols.get(0)).equalTo(col("__k0"))
                .and(col(keyCols.get(1)).equalTo(col("__k1")))
                .and(col("__d").lt(col(originCol))), "inner")
        .groupBy(col(keyCols.get(0)), col(keyCols.get(1)), col(originCol))
        .agg(avg(abs(col("__diff"))).as(MASE_SCALE), avg(col("__diff").multiply(col("__diff"))).as(RMSSE_SCALE));
    return rows.join(scales, toArray(keyCols, originCol), "left");
  }

  /** One row per series: n, mase, rmsse, wape, pinball per quantile and coverage (when quantiles are present). */
  public Dataset<Row> perSeries(Dataset<Row> scored) {
    Dataset<Row> rows = errors(scored);
    List<Column> aggs = new ArrayList<>(List.of(
        avg(col("__scaled_abs")).as(MASE),
        sqrt(avg(col("__scaled_sq"))).as(RMSSE),
        try_divide(sum(col("__abs")), sum(abs(col(actualCol)))).as(WAPE)));
    aggs.addAll(quantileAggs(rows));
    return rows.groupBy(keyCols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .agg(count(lit(1)).as(N), aggs.toArray(new Column[0]));
  }

  /** One row: n, series, mase and rmsse (means of the per-series values), wape, pinball and coverage over all rows. */
  public Dataset<Row> overall(Dataset<Row> scored) {
    Dataset<Row> rows = errors(scored);
    Dataset<Row> series = perSeries(scored);
    Dataset<Row> seriesAgg = series.agg(avg(col(MASE)).as(MASE), avg(col(RMSSE)).as(RMSSE));
    List<Column> aggs = new ArrayList<>(List.of(
        countDistinct(col(keyCols.get(0)), col(keyCols.get(1))).as(SERIES),
        try_divide(sum(col("__abs")), sum(abs(col(actualCol)))).as(WAPE)));
    aggs.addAll(quantileAggs(rows));
    Dataset<Row> pooled = rows.agg(count(lit(1)).as(N), aggs.toArray(new Column[0]));
    return pooled.crossJoin(seriesAgg);
  }

  /** The column the absolute-error metrics score: the median when the rows carry it, else the point forecast. */
  public String medianCol(Dataset<Row> scored) {
    for (int i = 0; i < quantiles.length; i++) {
      if (quantiles[i] == 0.5 && Arrays.asList(scored.columns()).contains(quantileCols.get(i))) {
        return quantileCols.get(i);
      }
    }
    return predictionCol;
  }

  private Dataset<Row> errors(Dataset<Row> scored) {
    Column e = col(actualCol).minus(col(medianCol(scored)));
    Column ePoint = col(actualCol).minus(col(predictionCol));
    Column maseOk = col(MASE_SCALE).isNotNull().and(col(MASE_SCALE).gt(0));
    Column rmsseOk = col(RMSSE_SCALE).isNotNull().and(col(RMSSE_SCALE).gt(0));
    Dataset<Row> rows = scored.filter(col(actualCol).isNotNull())
        .withColumn("__abs", abs(e))
        .withColumn("__scaled_abs", when(maseOk, abs(e).divide(col(MASE_SCALE))))
        .withColumn("__scaled_sq", when(rmsseOk, ePoint.multiply(ePoint).divide(col(RMSSE_SCALE))));
    if (hasQuantiles(scored)) {
      for (int i = 0; i < quantiles.length; i++) {
        double q = quantiles[i];
        Column diff = col(actualCol).minus(col(quantileCols.get(i)));
        rows = rows.withColumn("__pin" + i, greatest(diff.multiply(q), diff.multiply(q - 1)));
      }
      Column lo = col(quantileCols.get(0));
      Column hi = col(quantileCols.get(quantileCols.size() - 1));
      rows = rows.withColumn("__covered",
          when(col(actualCol).geq(lo).and(col(actualCol).leq(hi)), 1.0).otherwise(0.0));
    }
    return rows;
  }

  private List<Column> quantileAggs(Dataset<Row> rows) {
    List<Column> aggs = new ArrayList<>();
    if (Arrays.asList(rows.columns()).contains("__covered")) {
      for (int i = 0; i < quantiles.length; i++) {
        aggs.add(avg(col("__pin" + i)).as("pinball_" + quantileCols.get(i)));
      }
      aggs.add(avg(col("__covered")).as(COVERAGE));
    }
    return aggs;
  }

  private boolean hasQuantiles(Dataset<Row> scored) {
    List<String> cols = Arrays.asList(scored.columns());
    return !quantileCols.isEmpty() && cols.containsAll(quantileCols);
  }

  private static String[] toArray(List<String> keys, String extra) {
    List<String> all = new ArrayList<>(keys);
    all.add(extra);
    return all.toArray(new String[0]);
  }

  private static Column[] concat(Column[] keys, Column extra) {
    Column[] all = Arrays.copyOf(keys, keys.length + 1);
    all[keys.length] = extra;
    return all;
  }
}

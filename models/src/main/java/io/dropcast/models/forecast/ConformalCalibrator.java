package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.percentile_approx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Split-conformal quantiles from backtest residuals. Fits on rows with a point forecast, the actual, the
 * horizon and the series level (e.g. the output of {@link RollingOriginBacktest}); residuals are
 * {@code log1p(actual) - log1p(prediction)} (or {@code actual - prediction}, Param residualSpace), pooled
 * per horizon band x volume band (volume bands are equal-count bands of the level, learned here). The
 * empirical quantiles of each band (with fallbacks to the horizon band, then to all residuals, when a band
 * has fewer than minBandCount residuals) become a {@link ConformalCalibration}.
 */
public final class ConformalCalibrator extends Estimator<ConformalCalibration>
    implements HasCalibrationParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  static final String RESIDUAL = "__residual";
  static final String HORIZON_BAND = "__horizon_band";
  static final String VOLUME_BAND = "__volume_band";
  private static final String BANDED_LEVEL = "__banded_level";
  /** percentile_approx accuracy: exact up to 1/10000 of the rank, and exact below 10000 residuals. */
  private static final int ACCURACY = 10_000;

  private final String uid;
  private final HasCalibrationParams.Defs defs;

  public ConformalCalibrator() {
    this(Identifiable$.MODULE$.randomUID("conformalCalibrator"));
  }

  public ConformalCalibrator(String uid) {
    this.uid = uid;
    this.defs = new HasCalibrationParams.Defs(this);
  }

  @Override public String uid() { return uid; }
  @Override public HasCalibrationParams.Defs calibrationDefs() { return defs; }

  public ConformalCalibrator setQuantiles(double... value) { set(quantiles(), value); return this; }
  public ConformalCalibrator setHorizonBands(int... value) { set(horizonBands(), value); return this; }
  public ConformalCalibrator setVolumeBands(int value) { set(volumeBands(), value); return this; }
  public ConformalCalibrator setMinBandCount(int value) { set(minBandCount(), value); return this; }
  public ConformalCalibrator setResidualSpace(String value) { set(residualSpace(), value); return this; }
  public ConformalCalibrator setPredictionCol(String value) { set(predictionCol(), value); return this; }
  public ConformalCalibrator setActualCol(String value) { set(actualCol(), value); return this; }
  public ConformalCalibrator setHorizonCol(String value) { set(horizonCol(), value); return this; }
  public ConformalCalibrator setLevelCol(String value) { set(levelCol(), value); return this; }

  @Override
  public StructType transformSchema(StructType schema) {
    Schemas.requireNumeric(schema, getPredictionCol(), "the point forecast", "predictionCol");
    Schemas.requireNumeric(schema, getActualCol(), "the observed demand", "actualCol");
    Schemas.requireNumeric(schema, getHorizonCol(), "the horizon", "horizonCol");
    Schemas.requireNumeric(schema, getLevelCol(), "the series level", "levelCol");
    return schema;
  }

  @Override
  public ConformalCalibration fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    double[] qs = getQuantiles();
    Dataset<Row> rows = dataset.toDF()
        .filter(col(getActualCol()).isNotNull().and(col(getPredictionCol()).isNotNull()))
        .withColumn(RESIDUAL, residual(col(getActualCol()), col(getPredictionCol()), getResidualSpace()))
        .withColumn(HORIZON_BAND, ConformalCalibration.band(col(getHorizonCol()), toDoubles(getHorizonBands())))
        .persist();
    try {
      int nv = getVolumeBands();
      double[] edges = new double[nv - 1];
      if (nv > 1) {
        double[] probs = new double[nv - 1];
        for (int i = 1; i < nv; i++) {
          probs[i - 1] = (double) i / nv;
        }
        edges = rows.filter(col(getLevelCol()).isNotNull())
            .select(ConformalCalibration.bandedLevel(col(getLevelCol())).as(BANDED_LEVEL)).stat()
            .approxQuantile(BANDED_LEVEL, probs, 0.0);
        if (edges.length == 0) {
          throw ForecastErrors.noData("calibrate quantiles", "The backtest rows have no level; check levelCol.");
        }
      }
      Dataset<Row> banded = rows.withColumn(VOLUME_BAND,
          ConformalCalibration.band(ConformalCalibration.bandedLevel(col(getLevelCol())), edges));
      Column pct = percentile_approx(col(RESIDUAL), lit(qs), lit(ACCURACY));
      int nh = getHorizonBands().length + 1;
      int minCount = getMinBandCount();

      double[] global = null;
      for (Row r : banded.agg(pct.as("q"), count(lit(1)).as("n")).collectAsList()) {
        if (r.getLong(1) > 0) {
          global = toArray(r.getList(0));
        }
      }
      if (global == null) {
        throw ForecastErrors.noData("calibrate quantiles",
            "Pass backtest rows with non-null " + getActualCol() + " and " + getPredictionCol() + ".");
      }
      Map<Integer, double[]> byHorizon = new HashMap<>();
      for (Row r : banded.groupBy(HORIZON_BAND).agg(pct.as("q"), count(lit(1)).as("n")).collectAsList()) {
        if (r.getLong(2) >= minCount) {
          byHorizon.put(r.getInt(0), toArray(r.getList(1)));
        }
      }
      Map<Integer, double[]> byCell = new HashMap<>();
      for (Row r : banded.groupBy(HORIZON_BAND, VOLUME_BAND).agg(pct.as("q"), count(lit(1)).as("n"))
          .collectAsList()) {
        if (r.getLong(3) >= minCount) {
          byCell.put(r.getInt(0) * nv + r.getInt(1), toArray(r.getList(2)));
        }
      }
      double[][] table = new double[nh * nv][];
      for (int h = 0; h < nh; h++) {
        for (int v = 0; v < nv; v++) {
          double[] q = byCell.getOrDefault(h * nv + v, byHorizon.getOrDefault(h, global)).clone();
          for (int i = 1; i < q.length; i++) {
            q[i] = Math.max(q[i], q[i - 1]); // monotone even if a caller builds a table by hand
          }
          table[h * nv + v] = q;
        }
      }
      ConformalCalibration model = new ConformalCalibration(uid, edges, table);
      copyValues(model, ParamMap.empty());
      return model.setParent(this);
    } finally {
      rows.unpersist();
    }
  }

  static Column residual(Column actual, Column prediction, String space) {
    Column p = greatest(prediction, lit(0.0));
    return HasCalibrationParams.Defs.LOG.equals(space)
        ? log1p(greatest(actual, lit(0.0))).minus(log1p(p))
        : actual.minus(p);
  }

  static double[] toDoubles(int[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static double[] toArray(List<Object> values) {
    double[] a = new double[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) values.get(i)).doubleValue();
    }
    return a;
  }

  @Override
  public ConformalCalibrator copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static ConformalCalibrator load(String path) {
    return new DefaultParamsReader<ConformalCalibrator>().load(path);
  }
}

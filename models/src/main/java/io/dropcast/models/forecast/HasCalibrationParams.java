package io.dropcast.models.forecast;

import java.io.Serializable;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * Params shared by the conformal calibrator and every forecaster: the quantile levels, how residuals are
 * banded, and the column names a calibration reads and writes. Definitions (doc, validator) and defaults
 * live in {@link Defs}, once; classes expose them through these default methods.
 */
public interface HasCalibrationParams extends Params {

  /** The Param objects of this instance (internal: use the named accessors). */
  Defs calibrationDefs();

  default Param<String> predictionCol() { return calibrationDefs().predictionCol; }
  default Param<String> actualCol() { return calibrationDefs().actualCol; }
  default Param<String> horizonCol() { return calibrationDefs().horizonCol; }
  default Param<String> levelCol() { return calibrationDefs().levelCol; }
  default DoubleArrayParam quantiles() { return calibrationDefs().quantiles; }
  default Param<String> quantileColPrefix() { return calibrationDefs().quantileColPrefix; }
  default IntArrayParam horizonBands() { return calibrationDefs().horizonBands; }
  default IntParam volumeBands() { return calibrationDefs().volumeBands; }
  default IntParam minBandCount() { return calibrationDefs().minBandCount; }
  default Param<String> residualSpace() { return calibrationDefs().residualSpace; }

  default String getPredictionCol() { return getOrDefault(predictionCol()); }
  default String getActualCol() { return getOrDefault(actualCol()); }
  default String getHorizonCol() { return getOrDefault(horizonCol()); }
  default String getLevelCol() { return getOrDefault(levelCol()); }
  default double[] getQuantiles() { return getOrDefault(quantiles()); }
  default String getQuantileColPrefix() { return getOrDefault(quantileColPrefix()); }
  default int[] getHorizonBands() { return getOrDefault(horizonBands()); }
  default int getVolumeBands() { return (Integer) getOrDefault(volumeBands()); }
  default int getMinBandCount() { return (Integer) getOrDefault(minBandCount()); }
  default String getResidualSpace() { return getOrDefault(residualSpace()); }

  /** Names of the quantile columns, in the order of {@link #getQuantiles()}. */
  default java.util.List<String> quantileColNames() {
    return QuantileColumns.names(getQuantileColPrefix(), getQuantiles());
  }

  /** The definitions and the one place their defaults are set. */
  final class Defs implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final double[] DEFAULT_QUANTILES = {0.1, 0.5, 0.9};
    public static final int[] DEFAULT_HORIZON_BANDS = {1, 3, 7};
    public static final String LOG = "log";
    public static final String ABSOLUTE = "absolute";

    final Param<String> predictionCol;
    final Param<String> actualCol;
    final Param<String> horizonCol;
    final Param<String> levelCol;
    final DoubleArrayParam quantiles;
    final Param<String> quantileColPrefix;
    final IntArrayParam horizonBands;
    final IntParam volumeBands;
    final IntParam minBandCount;
    final Param<String> residualSpace;

    public Defs(HasCalibrationParams owner) {
      predictionCol = new Param<>(owner, "predictionCol",
          "name of the point forecast column (double)", Checks.nonBlank());
      actualCol = new Param<>(owner, "actualCol",
          "name of the observed demand column of backtest rows (double)", Checks.nonBlank());
      horizonCol = new Param<>(owner, "horizonCol",
          "name of the horizon column (int, 1 = the origin day itself)", Checks.nonBlank());
      levelCol = new Param<>(owner, "levelCol",
          "name of the series level column (double: mean demand over the 28 days before origin), "
              + "used to band residuals by volume", Checks.nonBlank());
      quantiles = new DoubleArrayParam(owner, "quantiles",
          "quantile levels to predict, strictly increasing, each in (0, 1)", Checks.quantileLevels());
      quantileColPrefix = new Param<>(owner, "quantileColPrefix",
          "prefix of the quantile columns: level 0.1 with prefix q_ gives q_0_10", Checks.nonBlank());
      horizonBands = new IntArrayParam(owner, "horizonBands",
          "strictly increasing upper bounds of the horizon bands residuals are pooled by: "
              + "[1, 3, 7] gives the bands 1, 2-3, 4-7 and 8+", Checks.increasingPositive());
      volumeBands = new IntParam(owner, "volumeBands",
          "number of volume bands (equal-count bands of the level column; 3 = terciles)",
          ParamValidators.<Object>inRange(1, 20));
      minBandCount = new IntParam(owner, "minBandCount",
          "fewest residuals a horizon x volume band needs; a smaller band uses its horizon band, "
              + "then all residuals", ParamValidators.<Object>gtEq(1));
      residualSpace = new Param<>(owner, "residualSpace",
          "residuals as log1p(actual) - log1p(prediction) ('log', multiplicative intervals) "
              + "or actual - prediction ('absolute')",
          ParamValidators.inArray(java.util.List.of(LOG, ABSOLUTE)));
      owner.setDefault(predictionCol, "prediction");
      owner.setDefault(actualCol, "actual");
      owner.setDefault(horizonCol, "horizon");
      owner.setDefault(levelCol, "level");
      owner.setDefault(quantiles, DEFAULT_QUANTILES.clone());
      owner.setDefault(quantileColPrefix, "q_");
      owner.setDefault(horizonBands, DEFAULT_HORIZON_BANDS.clone());
      owner.setDefault(volumeBands, 3);
      owner.setDefault(minBandCount, 30);
      owner.setDefault(residualSpace, LOG);
    }
  }
}

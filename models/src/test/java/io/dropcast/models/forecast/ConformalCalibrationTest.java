package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.testing.TestSpark;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ConformalCalibrationTest {

  @Test
  void quantileColumnNamesAreStable() {
    assertEquals(List.of("q_0_10", "q_0_50", "q_0_90", "q_0_975", "q_0_05"),
        QuantileColumns.names("q_", new double[] {0.1, 0.5, 0.9, 0.975, 0.05}));
  }

  @Test
  void quantilesAreClippedAtZeroAndMonotoneEvenFromANonMonotoneTable() {
    // One band, residual quantiles deliberately out of order: 0.2, -0.1, 0.5 (log space).
    ConformalCalibration cal = new ConformalCalibration("cal", new double[0], new double[][] {{0.2, -0.1, 0.5}});
    cal.set(cal.volumeBands(), 1);
    cal.set(cal.horizonBands(), new int[0]);
    StructType schema = new StructType().add("prediction", DataTypes.DoubleType).add("horizon", DataTypes.IntegerType)
        .add("level", DataTypes.DoubleType);
    Dataset<Row> rows = TestSpark.get().createDataFrame(List.of(
        RowFactory.create(9.0, 1, 9.0), RowFactory.create(0.0, 3, 0.0)), schema);
    Dataset<Row> out = cal.transform(rows).orderBy(col("prediction").desc());
    Row nine = out.collectAsList().get(0);
    double q10 = 10 * Math.exp(0.2) - 1;
    assertEquals(q10, nine.getDouble(3), 1e-9, "expm1(log1p(9) + 0.2)");
    assertEquals(q10, nine.getDouble(4), 1e-9, "P50 raised to P10: quantiles never cross");
    assertEquals(10 * Math.exp(0.5) - 1, nine.getDouble(5), 1e-9);
    Row zero = out.collectAsList().get(1);
    assertEquals(Math.expm1(0.2), zero.getDouble(3), 1e-9);
    // Absolute residuals below zero clip at 0.
    ConformalCalibration abs = new ConformalCalibration("abs", new double[0], new double[][] {{-5.0, -1.0, 2.0}});
    abs.set(abs.volumeBands(), 1);
    abs.set(abs.residualSpace(), "absolute");
    abs.set(abs.horizonBands(), new int[0]);
    Row clipped = abs.transform(rows).orderBy(col("prediction")).first();
    assertEquals(0.0, clipped.getDouble(3), "0 - 5 clips at 0");
    assertEquals(0.0, clipped.getDouble(4));
    assertEquals(2.0, clipped.getDouble(5));
  }

  @Test
  void aLevelOnItsBandEdgeKeepsItsBandWhenItsLastBitsMove() {
    // Edges are levels themselves, and many series share a level (here 10 units in 28 days). Two runs that add up
    // that mean in different orders must not put the series in different bands.
    double level = 10.0 / 28;
    ConformalCalibration cal = new ConformalCalibration("cal", new double[] {level},
        new double[][] {{-0.1, 0.0, 0.1}, {-0.5, 0.0, 0.5}});
    cal.set(cal.volumeBands(), 2);
    cal.set(cal.horizonBands(), new int[0]);
    StructType schema = new StructType().add("prediction", DataTypes.DoubleType).add("horizon", DataTypes.IntegerType)
        .add("level", DataTypes.DoubleType);
    List<Row> out = cal.transform(TestSpark.get().createDataFrame(List.of(RowFactory.create(2.0, 1, level),
        RowFactory.create(2.0, 1, Math.nextUp(level)), RowFactory.create(2.0, 1, Math.nextDown(level))), schema))
        .collectAsList();
    for (Row r : out) {
      assertEquals(out.get(0).getDouble(3), r.getDouble(3), "P10 of level " + r.getDouble(2));
      assertEquals(out.get(0).getDouble(5), r.getDouble(5), "P90 of level " + r.getDouble(2));
    }
    assertEquals(3 * Math.exp(-0.5) - 1, out.get(0).getDouble(3), 1e-12, "the level rounds to 0.357143, past the edge");
  }

  @Test
  void conformalIntervalsCoverAboutEightyPercentOfHeldOutActuals() {
    // 50 series, 126 days: weekly profile, level 5..80, lognormal noise, no trend; calibrate on the first
    // 105 days (6 weekly folds), then forecast the last 3 weeks from origins the model never saw.
    LocalDate start = LocalDate.of(2026, 1, 5);
    Dataset<Row> history = Fixtures.synthetic(50, 126, start, 7L, 0.0, 0.25, Set.of(), 1.0).cache();
    LocalDate heldOut = start.plusDays(105);
    Dataset<Row> train = history.filter(col("date").lt(java.sql.Date.valueOf(heldOut)));
    DemandForecastModel model = new SeasonalNaiveForecaster().setCalibrationFolds(6).fit(train);
    assertTrue(model.calibration().isPresent(), "calibrationFolds > 0 yields a calibrated model");

    Dataset<Row> preds = model.forecast(history, List.of(heldOut, heldOut.plusDays(7), heldOut.plusDays(14)), 7);
    Dataset<Row> scored = ForecastFeatures.withActuals(preds, history, model.featureSpec(7), "target_date", "actual");
    ForecastMetrics metrics = ForecastMetrics.of(model);
    Row overall = metrics.overall(metrics.withScales(scored, history)).first();
    double coverage = overall.getDouble(overall.fieldIndex(ForecastMetrics.COVERAGE));
    System.out.printf("conformal P10-P90 coverage on held-out folds: %.3f over %d rows%n", coverage,
        overall.getLong(overall.fieldIndex(ForecastMetrics.N)));
    assertEquals(1050L, overall.getLong(overall.fieldIndex(ForecastMetrics.N)), "50 series x 3 origins x 7 days");
    assertTrue(coverage >= 0.7 && coverage <= 0.9, "P10-P90 coverage " + coverage + " outside [0.7, 0.9]");
    long crossing = scored.filter(col("q_0_10").gt(col("q_0_50")).or(col("q_0_50").gt(col("q_0_90")))
        .or(col("q_0_10").lt(0))).count();
    assertEquals(0L, crossing, "quantiles are non-negative and monotone on every row");
    history.unpersist();
  }
}

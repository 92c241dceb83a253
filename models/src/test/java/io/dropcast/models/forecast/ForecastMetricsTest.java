package io.dropcast.models.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dropcast.models.testing.TestSpark;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {
  private static final LocalDate D1 = LocalDate.of(2026, 5, 1);
  private static final StructType SCORED = new StructType()
      .add("neighbourhood", DataTypes.StringType).add("category", DataTypes.StringType)
      .add("origin", DataTypes.DateType).add("target_date", DataTypes.DateType)
      .add("actual", DataTypes.DoubleType).add("prediction", DataTypes.DoubleType)
      .add("q_0_10", DataTypes.DoubleType).add("q_0_50", DataTypes.DoubleType).add("q_0_90", DataTypes.DoubleType);

  /**
   * Series A: 1..7 then 3, 9 on days 1..9 (seasonal-7 diffs 2 and 7: MAE scale 4.5, MSE scale 26.5).
   * Series B: constant 5 (scale 0: excluded from MASE and RMSSE, kept for WAPE, pinball, coverage).
   */
  private static Dataset<Row> history() {
    double[] a = {1, 2, 3, 4, 5, 6, 7, 3, 9};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      rows.add(Fixtures.row("A", "grocery", D1.plusDays(i), a[i]));
      rows.add(Fixtures.row("B", "grocery", D1.plusDays(i), 5.0));
    }
    return Fixtures.history(rows);
  }

  /** Forecasts from origin day 10: A errs by +2 and -2 (second row below its P10), B by +1. */
  private static Dataset<Row> scored() {
    Date o = Date.valueOf(D1.plusDays(9));
    return TestSpark.get().createDataFrame(List.of(
        RowFactory.create("A", "grocery", o, o, 10.0, 8.0, 6.0, 8.0, 12.0),
        RowFactory.create("A", "grocery", o, Date.valueOf(D1.plusDays(10)), 5.0, 7.0, 6.0, 7.0, 9.0),
        RowFactory.create("B", "grocery", o, o, 5.0, 4.0, 3.0, 4.0, 6.0)), SCORED);
  }

  private static double d(Row r, String c) {
    return r.getDouble(r.fieldIndex(c));
  }

  @Test
  void metricsMatchHandComputedValuesOnATinyFixture() {
    ForecastMetrics m = ForecastMetrics.of(new SeasonalNaiveForecaster());
    Dataset<Row> withScales = m.withScales(scored(), history());
    List<Row> series = Fixtures.sortedRows(m.perSeries(withScales));
    Row a = series.get(0);
    assertEquals("A", a.getString(0));
    assertEquals(2L, a.getLong(a.fieldIndex("n")));
    assertEquals((2 / 4.5 + 2 / 4.5) / 2, d(a, "mase"), 1e-12);
    assertEquals(Math.sqrt(4 / 26.5), d(a, "rmsse"), 1e-12);
    assertEquals(4.0 / 15, d(a, "wape"), 1e-12);
    assertEquals((0.4 + 0.9) / 2, d(a, "pinball_q_0_10"), 1e-12, "0.1*4 and 0.9*1");
    assertEquals(1.0, d(a, "pinball_q_0_50"), 1e-12);
    assertEquals((0.2 + 0.4) / 2, d(a, "pinball_q_0_90"), 1e-12, "0.1*2 and 0.1*4");
    assertEquals(0.5, d(a, "coverage"), 1e-12);
    Row b = series.get(1);
    assertNull(b.get(b.fieldIndex("mase")), "a constant series has no MASE scale");

    Row all = m.overall(withScales).first();
    assertEquals(3L, all.getLong(all.fieldIndex("n")));
    assertEquals(2L, all.getLong(all.fieldIndex("series")));
    assertEquals(2 / 4.5, d(all, "mase"), 1e-12, "mean of the per-series MASE that exist");
    assertEquals(5.0 / 20, d(all, "wape"), 1e-12);
    assertEquals((0.4 + 0.9 + 0.2) / 3, d(all, "pinball_q_0_10"), 1e-12);
    assertEquals((1 + 1 + 0.5) / 3, d(all, "pinball_q_0_50"), 1e-12);
    assertEquals((0.2 + 0.4 + 0.1) / 3, d(all, "pinball_q_0_90"), 1e-12);
    assertEquals(2.0 / 3, d(all, "coverage"), 1e-12);
  }

  @Test
  void absoluteErrorMetricsScoreTheMedianAndRmssePointForecastTheMean() {
    ForecastMetrics m = ForecastMetrics.of(new SeasonalNaiveForecaster());
    Date o = Date.valueOf(D1.plusDays(9));
    // Series A again, now with medians below the points: |10 - 9| and |5 - 5| against the means' 2 and 2.
    Dataset<Row> skewed = TestSpark.get().createDataFrame(List.of(
        RowFactory.create("A", "grocery", o, o, 10.0, 8.0, 6.0, 9.0, 12.0),
        RowFactory.create("A", "grocery", o, Date.valueOf(D1.plusDays(10)), 5.0, 7.0, 4.0, 5.0, 9.0)), SCORED);
    assertEquals("q_0_50", m.medianCol(skewed));
    Row a = m.perSeries(m.withScales(skewed, history())).first();
    assertEquals((1 / 4.5 + 0 / 4.5) / 2, d(a, "mase"), 1e-12, "MASE of the median");
    assertEquals(1.0 / 15, d(a, "wape"), 1e-12, "WAPE of the median");
    assertEquals(Math.sqrt(4 / 26.5), d(a, "rmsse"), 1e-12, "RMSSE of the mean: errors 2 and -2");

    Dataset<Row> pointsOnly = skewed.drop("q_0_10", "q_0_50", "q_0_90");
    assertEquals("prediction", m.medianCol(pointsOnly), "without quantiles the point forecast is scored");
    Row p = m.perSeries(m.withScales(pointsOnly, history())).first();
    assertEquals((2 / 4.5 + 2 / 4.5) / 2, d(p, "mase"), 1e-12);
    assertEquals(4.0 / 15, d(p, "wape"), 1e-12);
  }

  @Test
  void scalesUseOnlyHistoryBeforeEachOrigin() {
    ForecastMetrics m = ForecastMetrics.of(new SeasonalNaiveForecaster());
    // Origin day 9: only the day-8 diff (3 - 1 = 2) is before it.
    Date o = Date.valueOf(D1.plusDays(8));
    Dataset<Row> early = TestSpark.get().createDataFrame(List.of(
        RowFactory.create("A", "grocery", o, o, 9.0, 8.0, 6.0, 8.0, 12.0)), SCORED);
    Row r = m.withScales(early, history()).first();
    assertEquals(2.0, d(r, ForecastMetrics.MASE_SCALE), 1e-12);
    assertEquals(4.0, d(r, ForecastMetrics.RMSSE_SCALE), 1e-12);
  }
}

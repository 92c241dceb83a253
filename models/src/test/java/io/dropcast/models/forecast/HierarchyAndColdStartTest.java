package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class HierarchyAndColdStartTest {
  private static final LocalDate START = LocalDate.of(2026, 2, 2);

  @Test
  void bottomUpSumsPointForecastsAndCombinesQuantileSpreadsAsIndependent() {
    StructType forecasts = new StructType().add("neighbourhood", DataTypes.StringType)
        .add("category", DataTypes.StringType).add("origin", DataTypes.DateType)
        .add("target_date", DataTypes.DateType).add("horizon", DataTypes.IntegerType)
        .add("prediction", DataTypes.DoubleType).add("q_0_10", DataTypes.DoubleType)
        .add("q_0_50", DataTypes.DoubleType).add("q_0_90", DataTypes.DoubleType);
    Date o = Date.valueOf(START);
    Dataset<Row> f = TestSpark.get().createDataFrame(List.of(
        RowFactory.create("n1", "grocery", o, o, 1, 10.0, 8.0, 10.0, 13.0),
        RowFactory.create("n2", "grocery", o, o, 1, 4.0, 2.0, 4.0, 8.0),
        RowFactory.create("n3", "grocery", o, o, 1, 7.0, 6.0, 7.0, 9.0)), forecasts);
    // n1 fully and half of n2 feed hub H; n3 feeds hub K.
    Dataset<Row> mapping = TestSpark.get().createDataFrame(List.of(
        RowFactory.create("n1", "H", 1.0), RowFactory.create("n2", "H", 0.5), RowFactory.create("n3", "K", 1.0)),
        new StructType().add("neighbourhood", DataTypes.StringType).add("hub", DataTypes.StringType)
            .add("weight", DataTypes.DoubleType));
    BottomUpAggregator agg = new BottomUpAggregator("neighbourhood", "hub", "weight",
        List.of("category", "origin", "target_date", "horizon"), "prediction", new double[] {0.1, 0.5, 0.9},
        List.of("q_0_10", "q_0_50", "q_0_90"));
    List<Row> rows = agg.aggregate(f, mapping).orderBy("hub").collectAsList();
    Row h = rows.get(0);
    assertEquals("H", h.getString(0));
    assertEquals(12.0, h.getDouble(h.fieldIndex("prediction")), 1e-12, "10 + 0.5 * 4");
    assertEquals(12.0 - Math.sqrt(4 + 1), h.getDouble(h.fieldIndex("q_0_10")), 1e-12, "deviations -2 and -1");
    assertEquals(12.0, h.getDouble(h.fieldIndex("q_0_50")), 1e-12);
    assertEquals(12.0 + Math.sqrt(9 + 4), h.getDouble(h.fieldIndex("q_0_90")), 1e-12, "deviations 3 and 2");
    assertEquals(2L, h.getLong(h.fieldIndex(BottomUpAggregator.CHILDREN)));
    Row k = rows.get(1);
    assertEquals(7.0, k.getDouble(k.fieldIndex("prediction")), 1e-12);
    assertEquals(6.0, k.getDouble(k.fieldIndex("q_0_10")), 1e-12, "one child keeps its own quantiles");
  }

  @Test
  void coldStartSeriesAreFlaggedAndPooledFromTheirH3NeighboursAndCategory() {
    // Two neighbours of the centre sell 10 and 20 a day, a far cell sells 40, all for 35 days; the centre
    // opened 3 days before the origin and sold 100 a day. Another category elsewhere must not interfere.
    List<String> ring = Fixtures.ring1();
    String centre = ring.get(0);
    String far = Fixtures.farCell();
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 35; d++) {
      LocalDate day = START.plusDays(d);
      rows.add(Fixtures.row(ring.get(1), "milk", day, 10.0));
      rows.add(Fixtures.row(ring.get(2), "milk", day, 20.0));
      rows.add(Fixtures.row(far, "milk", day, 40.0));
      rows.add(Fixtures.row(ring.get(3), "bread", day, 500.0));
      if (d >= 32) {
        rows.add(Fixtures.row(centre, "milk", day, 100.0));
      }
    }
    Dataset<Row> history = Fixtures.history(rows);
    DemandForecastModel model = new SeasonalNaiveForecaster().setCalibrationFolds(0).setMinHistoryDays(14)
        .fit(history);
    Dataset<Row> out = model.forecast(history, START.plusDays(35), 2);

    List<Row> cold = out.filter(col("cold_start")).collectAsList();
    assertEquals(2, cold.size(), "only the new series is cold, for both horizons");
    double categoryMean = (10.0 + 20.0 + 40.0) / 3;
    for (Row r : cold) {
      assertEquals(centre, r.getString(0));
      assertEquals(0.5 * 15.0 + 0.5 * categoryMean, r.getDouble(r.fieldIndex("prediction")), 1e-9,
          "half the neighbours' milk mean (10, 20), half milk's mean over all cells with 28 days of history");
      assertEquals(r.getDouble(r.fieldIndex("prediction")), r.getDouble(r.fieldIndex("level")), 1e-12);
    }
    Row warm = out.filter(col("neighbourhood").equalTo(ring.get(1)).and(col("horizon").equalTo(1))).first();
    assertFalse(warm.getBoolean(warm.fieldIndex("cold_start")));
    assertEquals(10.0, warm.getDouble(warm.fieldIndex("prediction")), 1e-12);

    // With weight 0 the pooled forecast is the category mean alone.
    Row catOnly = new SeasonalNaiveForecaster().setCalibrationFolds(0).setMinHistoryDays(14)
        .setColdStartNeighbourWeight(0.0).fit(history).forecast(history, START.plusDays(35), 1)
        .filter(col("cold_start")).first();
    assertEquals(categoryMean, catOnly.getDouble(catOnly.fieldIndex("prediction")), 1e-9);
    assertTrue(catOnly.getBoolean(catOnly.fieldIndex("cold_start")));
  }
}

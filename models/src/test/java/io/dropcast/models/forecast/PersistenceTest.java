package io.dropcast.models.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  private static final LocalDate START = LocalDate.of(2026, 1, 5);
  private static final LocalDate ORIGIN = START.plusDays(63);
  /** 10 series over 63 days with a weekly profile and noise: small, so every fit is quick. */
  private static Dataset<Row> history;

  @BeforeAll
  static void fixture() {
    history = Fixtures.synthetic(10, 63, START, 3L, 0.002, 0.2, Set.of(), 1.0).cache();
  }

  private static void assertRoundTrip(DemandForecastModel model, DemandForecastModel loaded) {
    assertEquals(model.getClass(), loaded.getClass());
    assertEquals(model.uid(), loaded.uid());
    assertEquals(Fixtures.sorted(model.forecast(history, ORIGIN, 7)), Fixtures.sorted(loaded.forecast(history, ORIGIN, 7)),
        "a loaded model forecasts exactly as the saved one");
  }

  @Test
  void seasonalNaiveModelSavesAndLoads(@TempDir Path dir) throws IOException {
    DemandForecastModel model = new SeasonalNaiveForecaster().setCalibrationFolds(0).setHorizon(7).fit(history);
    model.write().save(dir.resolve("m").toString());
    assertRoundTrip(model, SeasonalNaiveModel.load(dir.resolve("m").toString()));
  }

  @Test
  void calibratedMovingAverageModelSavesAndLoadsWithItsQuantiles(@TempDir Path dir) throws IOException {
    DemandForecastModel model = new MovingAverageForecaster().setWindow(14).setCalibrationFolds(2)
        .setMinBandCount(10).setQuantiles(0.1, 0.5, 0.9).fit(history);
    model.write().save(dir.resolve("m").toString());
    MovingAverageModel loaded = MovingAverageModel.load(dir.resolve("m").toString());
    assertEquals(14, loaded.getWindow(), "the subclass Param survives");
    assertTrue(loaded.calibration().isPresent(), "the calibration is saved with the model");
    assertArrayEquals(model.calibration().orElseThrow().volumeEdges(), loaded.calibration().orElseThrow().volumeEdges());
    assertTrue(java.util.List.of(loaded.forecast(history, ORIGIN, 7).columns()).contains("q_0_90"));
    assertRoundTrip(model, loaded);
  }

  @Test
  void globalGbtModelSavesAndLoadsWithItsPipeline(@TempDir Path dir) throws IOException {
    GlobalGbtForecaster forecaster = new GlobalGbtForecaster().setMaxIter(5).setMaxDepth(3).setCalibrationFolds(0)
        .setMaxTrainingOrigins(3);
    DemandForecastModel model = forecaster.fit(history);
    model.write().save(dir.resolve("m").toString());
    GlobalGbtModel loaded = GlobalGbtModel.load(dir.resolve("m").toString());
    assertEquals(5, loaded.getMaxIter());
    assertRoundTrip(model, loaded);

    forecaster.write().save(dir.resolve("estimator").toString());
    GlobalGbtForecaster est = GlobalGbtForecaster.load(dir.resolve("estimator").toString());
    assertEquals(forecaster.uid(), est.uid());
    assertEquals(3, est.getMaxTrainingOrigins(), "the estimator's Params survive too");
  }
}

package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BaselineForecastersTest {
  /** Monday 2026-03-02 .. Sunday 2026-03-22: week 1 is 1..7 (Mon..Sun), week 2 is 11..17, week 3 is 21..27. */
  private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

  private static Dataset<Row> threeWeeks() {
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 21; d++) {
      rows.add(Fixtures.row(Fixtures.CENTRE, "grocery", MONDAY.plusDays(d), (double) (10 * (d / 7) + d % 7 + 1)));
    }
    return Fixtures.history(rows);
  }

  private static List<Double> predictions(Dataset<Row> forecast) {
    List<Double> out = new ArrayList<>();
    for (Row r : forecast.orderBy("horizon").collectAsList()) {
      out.add(r.getDouble(r.fieldIndex("prediction")));
    }
    return out;
  }

  @Test
  void seasonalNaiveRepeatsTheLastFullWeekAlignedByWeekday() {
    DemandForecastModel model = new SeasonalNaiveForecaster().setMinHistoryDays(7).setCalibrationFolds(0)
        .fit(threeWeeks());
    assertEquals(List.of(21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0),
        predictions(model.forecast(threeWeeks(), MONDAY.plusDays(21), 7)), "origin Monday 23 March");
    // Origin Thursday 19 March: the last full week is Thu 12 .. Wed 18 = 14, 15, 16, 17, 21, 22, 23.
    assertEquals(List.of(14.0, 15.0, 16.0, 17.0, 21.0, 22.0, 23.0, 14.0),
        predictions(model.forecast(threeWeeks(), MONDAY.plusDays(17), 8)), "origin Thursday 19 March");
  }

  @Test
  void movingAverageIsTheFlatMeanOfTheLastWindowDays() {
    Dataset<Row> f7 = new MovingAverageForecaster().setWindow(7).setMinHistoryDays(7).setCalibrationFolds(0)
        .fit(threeWeeks()).forecast(threeWeeks(), MONDAY.plusDays(21), 3);
    assertEquals(List.of(24.0, 24.0, 24.0), predictions(f7));
    Dataset<Row> f14 = new MovingAverageForecaster().setWindow(14).setMinHistoryDays(7).setCalibrationFolds(0)
        .fit(threeWeeks()).forecast(threeWeeks(), MONDAY.plusDays(21), 2);
    assertEquals(List.of(19.0, 19.0), predictions(f14), "(11+..+17 + 21+..+27) / 14");
  }

  @Test
  void transformUsesTheDayAfterTheLastDemandAsOriginAndNamesOutputColumnsByParams() {
    DemandForecastModel model = new SeasonalNaiveForecaster().setMinHistoryDays(7).setCalibrationFolds(0)
        .setHorizon(2).fit(threeWeeks());
    Dataset<Row> out = model.transform(threeWeeks());
    assertEquals(List.of("neighbourhood", "category", "origin", "target_date", "horizon", "prediction", "level",
        "cold_start"), List.of(out.columns()));
    assertEquals(typed(model.transformSchema(threeWeeks().schema())), typed(out.schema()),
        "transformSchema predicts the output's names and types");
    Row first = out.orderBy("horizon").first();
    assertEquals(LocalDate.of(2026, 3, 23), first.getDate(2).toLocalDate());
    assertEquals(21.0, first.getDouble(5));
    assertEquals(false, first.getBoolean(7));
  }

  private static List<String> typed(StructType schema) {
    List<String> out = new ArrayList<>();
    for (var f : schema.fields()) {
      out.add(f.name() + ":" + f.dataType().simpleString());
    }
    return out;
  }

  @Test
  void transformSchemaRejectsAMissingColumnNamingIt() {
    StructType noUnits = new StructType(java.util.Arrays.stream(Fixtures.HISTORY.fields())
        .filter(f -> !f.name().equals("units")).toArray(org.apache.spark.sql.types.StructField[]::new));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SeasonalNaiveForecaster().transformSchema(noUnits));
    assertTrue(e.getMessage().contains("Column 'units'") && e.getMessage().contains("unitsCol"), e.getMessage());
  }

  @Test
  void transformSchemaRejectsAColumnOfTheWrongTypeNamingIt() {
    Dataset<Row> textDates = threeWeeks().withColumn("date", col("date").cast("string"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MovingAverageForecaster().fit(textDates));
    assertTrue(e.getMessage().contains("Column 'date'") && e.getMessage().contains("type string")
        && e.getMessage().contains("date is required"), e.getMessage());
  }

  @Test
  void transformSchemaRejectsOutputColumnsThatClash() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GlobalGbtForecaster().setPredictionCol("horizon").transformSchema(Fixtures.HISTORY));
    assertTrue(e.getMessage().contains("'horizon'"), e.getMessage());
  }

  @Test
  void invalidParamValuesAreRejectedWhenSet() {
    assertThrows(IllegalArgumentException.class, () -> new SeasonalNaiveForecaster().setQuantiles(0.9, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new SeasonalNaiveForecaster().setQuantiles(0.0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new SeasonalNaiveForecaster().setHolidays("2026-13-01"));
    assertThrows(IllegalArgumentException.class, () -> new MovingAverageForecaster().setWindow(0));
    assertThrows(IllegalArgumentException.class, () -> new GlobalGbtForecaster().setSubsamplingRate(0.0));
  }

  @Test
  void everyParamHasADocAndADefault() {
    for (var est : List.of(new SeasonalNaiveForecaster(), new MovingAverageForecaster(), new GlobalGbtForecaster())) {
      for (var p : est.params()) {
        assertFalse(p.doc().isBlank(), p.name() + " has no doc");
        assertTrue(est.hasDefault(p), est.getClass().getSimpleName() + "." + p.name() + " has no default");
      }
    }
  }
}

package io.dropcast.models.forecast;

import com.uber.h3core.H3Core;
import io.dropcast.models.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Shared test fixtures: history rows, real H3 cells around Lisbon and a seeded synthetic demand generator. */
final class Fixtures {
  static final StructType HISTORY = new StructType()
      .add("neighbourhood", DataTypes.StringType, false)
      .add("category", DataTypes.StringType, false)
      .add("date", DataTypes.DateType, false)
      .add("units", DataTypes.DoubleType, true);

  private static final H3Core H3;

  static {
    try {
      H3 = H3Core.newInstance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The resolution-8 cell of Lisbon's Baixa. */
  static final String CENTRE = H3.latLngToCellAddress(38.7103, -9.1370, 8);

  private Fixtures() {}

  /** The centre cell then its ring-1 neighbours (7 cells in all). */
  static List<String> ring1() {
    List<String> cells = new ArrayList<>(List.of(CENTRE));
    H3.gridDisk(CENTRE, 1).stream().filter(c -> !c.equals(CENTRE)).sorted().forEach(cells::add);
    return cells;
  }

  /** A cell at grid distance 5 from the centre: no neighbour of it. */
  static String farCell() {
    return H3.gridRing(CENTRE, 5).stream().sorted().findFirst().orElseThrow();
  }

  /** n distinct cells around the centre, ordered. */
  static List<String> cells(int n) {
    List<String> all = H3.gridDisk(CENTRE, 4).stream().sorted().collect(Collectors.toList());
    return all.subList(0, n);
  }

  static Row row(String cell, String category, LocalDate date, Double units) {
    return RowFactory.create(cell, category, Date.valueOf(date), units);
  }

  static Dataset<Row> history(List<Row> rows) {
    return TestSpark.get().createDataFrame(rows, HISTORY);
  }

  /** Rows of a Dataset as strings, sorted: an exact, order-free comparison. */
  static List<String> sorted(Dataset<Row> ds) {
    return ds.collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  /** Rows sorted by their string form. */
  static List<Row> sortedRows(Dataset<Row> ds) {
    List<Row> rows = new ArrayList<>(ds.collectAsList());
    rows.sort(Comparator.comparing(Row::toString));
    return rows;
  }

  /**
   * Seeded synthetic demand: {@code series} series (cells x 2 categories) over {@code days} days from
   * {@code start}; level log-uniform in [5, 80], a weekly profile per category, a multiplicative daily
   * trend, holiday days multiplied by {@code holidayFactor}, lognormal noise of sd {@code noise}.
   */
  static Dataset<Row> synthetic(int series, int days, LocalDate start, long seed, double trendPerDay,
      double noise, Set<LocalDate> holidays, double holidayFactor) {
    Random rnd = new Random(seed);
    double[][] weekly = {
        {0.7, 0.8, 0.9, 1.0, 1.3, 1.8, 0.5}, // Mon..Sun, category "grocery"
        {1.2, 1.0, 0.9, 0.9, 1.0, 1.4, 0.6}}; // category "fresh"
    List<String> cells = cells((series + 1) / 2);
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < series; s++) {
      String cell = cells.get(s / 2);
      int c = s % 2;
      String category = c == 0 ? "grocery" : "fresh";
      double level = 5 * Math.pow(16, rnd.nextDouble());
      for (int d = 0; d < days; d++) {
        LocalDate date = start.plusDays(d);
        double mu = level * weekly[c][date.getDayOfWeek().getValue() - 1] * (1 + trendPerDay * d)
            * (holidays.contains(date) ? holidayFactor : 1.0);
        double y = mu * Math.exp(noise * rnd.nextGaussian() - noise * noise / 2);
        rows.add(row(cell, category, date, Math.round(y * 100) / 100.0));
      }
    }
    return history(rows);
  }
}

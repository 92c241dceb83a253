package io.dropcast.forecast;

import io.dropcast.tables.Tables;
import io.dropcast.testing.SharedSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Rows of the ingest tables (orders, drops, catchments, hubs) with the declared schemas, for forecasting tests. */
final class ForecastFixtures {
  private ForecastFixtures() {}

  private static final com.uber.h3core.H3Core H3 = h3();
  /** Three H3 cells (resolution 8) in Lisbon: A in Baixa, B one of its neighbours, C 5 km away. */
  static final String CELL_A = H3.latLngToCellAddress(38.7139, -9.1394, 8);
  static final String CELL_B = H3.gridDisk(CELL_A, 1).stream().filter(c -> !c.equals(CELL_A)).sorted().findFirst()
      .orElseThrow();
  static final String CELL_C = H3.latLngToCellAddress(38.7600, -9.1000, 8);

  private static com.uber.h3core.H3Core h3() {
    try {
      return com.uber.h3core.H3Core.newInstance();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  /** One batch of a drop at hub H1: window [starts, ends], units released, 20% discount, push. */
  static Row batch(String dropId, int batch, String category, LocalDate day, String starts, String ends, int units) {
    return RowFactory.create(dropId, batch, Date.valueOf(day), "M1", "SKU1", category, "title",
        scala.jdk.javaapi.CollectionConverters.asScala(List.of("H1")).toSeq(), at(starts), at(ends), units,
        new BigDecimal("8.00"), new BigDecimal("10.00"),
        scala.jdk.javaapi.CollectionConverters.asScala(List.of("push")).toSeq(), "f");
  }

  /** An order of a drop, created at the instant, picked up. */
  static Row order(String id, String dropId, String category, String cell, String created, int units, String status) {
    Timestamp t = at(created);
    LocalDate day = t.toInstant().atZone(java.time.ZoneId.of("Europe/Lisbon")).toLocalDate();
    return RowFactory.create(id, Date.valueOf(day), dropId, "SKU1", category, "hash", cell, t, units, "pickup", "H1",
        null, status, null, t, "f");
  }

  static Dataset<Row> drops(List<Row> rows) {
    return SharedSpark.get().createDataFrame(rows, Tables.DROPS.schema());
  }

  static Dataset<Row> orders(List<Row> rows) {
    return SharedSpark.get().createDataFrame(rows, Tables.ORDERS.schema());
  }

  /** Every cell is 0.5 km from H1 (its nearest hub) and 2 km from H2. */
  static Dataset<Row> catchments(String... cells) {
    List<Row> rows = new ArrayList<>();
    for (String c : cells) {
      rows.add(RowFactory.create(c, "H1", 0.5, 3.0, 0.8, true, true));
      rows.add(RowFactory.create(c, "H2", 2.0, 12.0, 0.2, false, true));
    }
    return SharedSpark.get().createDataFrame(rows, Tables.CATCHMENTS.schema());
  }

  /** Hubs H1 (always open) and H2 (opens on the date given). */
  static Dataset<Row> hubs(LocalDate h2Opens) {
    List<Row> rows = List.of(
        RowFactory.create("H1", "Hub 1", 38.71, -9.14, CELL_A, 400, 60, 2.0, "08:00", "20:00", null,
            at("2026-01-01T00:00:00Z"), "f"),
        RowFactory.create("H2", "Hub 2", 38.72, -9.13, CELL_B, 400, 60, 2.0, "08:00", "20:00",
            Date.valueOf(h2Opens), at("2026-01-01T00:00:00Z"), "f"));
    return SharedSpark.get().createDataFrame(rows, Tables.HUBS.schema());
  }
}

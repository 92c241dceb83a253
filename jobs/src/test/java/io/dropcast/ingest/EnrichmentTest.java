package io.dropcast.ingest;

import static io.dropcast.ingest.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Pure enrichment: salted customer hashes kept out of plans, H3 neighbourhoods, catchments. */
class EnrichmentTest {
  private static final String SALT = "s3cr3t-salt-for-this-test";

  @Test
  void customerIdsAreSaltedHashesAndTheSaltIsInNoPlanString() {
    Dataset<Row> landed = Fixtures.landed(Source.ORDERS, "f.csv", List.of(order("O1")));
    Dataset<Row> hashed = Enrichment.hashCustomers(landed, Enrichment.saltFrame(SharedSpark.get(), SALT));
    Dataset<Row> rows = Enrichment.orderRows(hashed, 8);
    Row r = rows.head();
    Row expected = SharedSpark.get().sql("SELECT sha2('" + SALT + "customer-O1', 256)").head();
    assertEquals(expected.getString(0), r.getAs("customer_hash"), "sha256(salt + customer_id)");
    assertFalse(List.of(rows.columns()).contains("customer_id"), "no customer_id column");
    assertFalse(List.of(rows.columns()).contains("latitude"), "no latitude column");
    String plans = rows.queryExecution().toString() + rows.queryExecution().explainString(
        org.apache.spark.sql.execution.ExtendedMode$.MODULE$);
    assertFalse(plans.contains(SALT), "the salt appears in a plan string");
  }

  @Test
  void theNeighbourhoodIsTheH3CellOfTheOrderLocation() {
    Dataset<Row> landed = Fixtures.landed(Source.ORDERS, "f.csv", List.of(order("O1")));
    Row r = Enrichment.orderRows(Enrichment.hashCustomers(landed, Enrichment.saltFrame(SharedSpark.get(), SALT)), 8)
        .head();
    assertEquals(H3Cells.h3().latLngToCellAddress(38.7139, -9.1334, 8), r.getAs("neighbourhood"), "H3 res 8 cell");
  }

  @Test
  void catchmentsKeepHubsWithinReachWeightedByInverseDistanceAndAlwaysTheNearest() {
    String near = H3Cells.h3().latLngToCellAddress(38.7139, -9.1334, 8);
    String far = H3Cells.h3().latLngToCellAddress(39.20, -9.60, 8);
    Dataset<Row> cells = SharedSpark.get().createDataFrame(
        List.of(RowFactory.create(near), RowFactory.create(far)), new StructType().add("neighbourhood", DataTypes.StringType));
    Dataset<Row> hubs = SharedSpark.get().createDataFrame(List.of(
            RowFactory.create("H1", 38.7108, -9.1368), RowFactory.create("H2", 38.7289, -9.1400),
            RowFactory.create("H3", 38.80, -9.38)),
        new StructType().add("hub_id", DataTypes.StringType).add("latitude", DataTypes.DoubleType)
            .add("longitude", DataTypes.DoubleType));
    List<Row> c = Enrichment.catchments(cells, hubs, new Enrichment.CatchmentParams(10.0, 15.0))
        .orderBy("neighbourhood", "distance_km").collectAsList();
    Map<String, List<Row>> byCell = new java.util.TreeMap<>();
    c.forEach(r -> byCell.computeIfAbsent(r.getAs("neighbourhood"), k -> new java.util.ArrayList<>()).add(r));
    List<Row> nearRows = byCell.get(near);
    assertEquals(List.of("H1", "H2"), nearRows.stream().map(r -> r.<String>getAs("hub_id")).toList(),
        "H1 (0.4 km) and H2 (1.8 km: 11 min at 10 km/h) serve the Baixa cell; H3 (22 km) does not");
    double sum = nearRows.stream().mapToDouble(r -> r.<Double>getAs("weight")).sum();
    assertEquals(1.0, sum, 1e-12, "weights sum to 1");
    assertTrue(nearRows.get(0).<Double>getAs("weight") > nearRows.get(1).<Double>getAs("weight"), "nearer weighs more");
    assertTrue(nearRows.get(0).<Boolean>getAs("nearest"), "H1 is the nearest");
    List<Row> farRows = byCell.get(far);
    assertEquals(1, farRows.size(), "an out-of-reach neighbourhood keeps only its nearest hub");
    assertEquals("H3", farRows.get(0).getAs("hub_id"), "nearest hub of the far cell");
    assertEquals(1.0, farRows.get(0).<Double>getAs("weight"), 0.0, "its weight is 1");
    assertFalse(farRows.get(0).<Boolean>getAs("within_reach"), "flagged beyond reach");
  }
}

package io.dropcast.ingest;

import static org.apache.spark.sql.functions.asin;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.radians;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.dropcast.tables.Tables;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Pure transformations from validated records to table rows: personal data reduced (customer id to a salted
 * hash, location to an H3 cell), local dates derived, versions collapsed to the latest; and catchments.
 *
 * <p>Local dates use {@code to_date} on the session time zone, which {@link io.dropcast.spark.Sessions} sets to
 * dropcast.time-zone (the ingest job checks it).
 */
public final class Enrichment {
  static final String SALT = "_salt";
  private static final double EARTH_RADIUS_KM = 6371.0088;
  /** Distances below this count as this (a hub inside the cell) so that inverse-distance weights stay finite. */
  static final double MIN_DISTANCE_KM = 0.1;

  private Enrichment() {}

  /**
   * The salt as a one-row frame. Joined (broadcast) instead of used as a literal, so that the salt is data in
   * a local relation and never appears in a plan string (explain, Spark UI, event log) or in an error message.
   */
  public static Dataset<Row> saltFrame(SparkSession spark, String salt) {
    StructType schema = new StructType().add(SALT, DataTypes.StringType, false);
    return spark.createDataFrame(List.of(RowFactory.create(salt)), schema);
  }

  /**
   * Adds {@code customer_hash} = hex SHA-256 of salt + customer_id, and hashes customer_id in the raw record (a
   * record read from Parquet has none: its raw record is rebuilt with {@link #rawOrderRecord}).
   */
  public static Dataset<Row> hashCustomers(Dataset<Row> orders, Dataset<Row> salt) {
    Column hash = sha2(concat(col(SALT), col("customer_id")), 256);
    Column rawHash = sha2(concat(col(SALT), col(Parsing.RAW + ".customer_id")), 256);
    return orders.crossJoin(broadcast(salt))
        .withColumn("customer_hash", hash)
        .withColumn(Parsing.RAW, when(col(Parsing.RAW).isNotNull(),
            col(Parsing.RAW).withField("customer_id", concat(lit("sha256:"), rawHash))))
        .drop(SALT);
  }

  /**
   * The raw record of a hashed order (see {@link Parsing#rawRecord}), customer_id replaced by its salted hash
   * exactly as {@link #hashCustomers} replaces it, so that the raw customer id is not needed to rebuild it.
   */
  public static Column rawOrderRecord() {
    return Parsing.rawRecord(io.dropcast.contract.RawSchemas.ORDERS, name -> name.equals("customer_id")
        ? concat(lit("sha256:"), col("customer_hash")) : col(name));
  }

  /**
   * Accepted order versions to orders rows: the latest version per order_id and order_date (ties: last run
   * date, last file, last record), so that one MERGE source row at most matches each target row.
   */
  public static Dataset<Row> orderRows(Dataset<Row> acceptedHashed, int h3Resolution) {
    Dataset<Row> rows = withOrderColumns(acceptedHashed, h3Resolution);
    return latest(rows, List.of("order_id", "order_date"), col("updated_at")).select(columns(Tables.ORDERS.schema()));
  }

  /**
   * Accepted order versions that are already the latest of their order (one per order_id, as
   * {@link Validation#orderMarks} leaves them once its superseded versions are dropped) to orders rows.
   */
  public static Dataset<Row> latestOrderRows(Dataset<Row> latestAcceptedHashed, int h3Resolution) {
    return withOrderColumns(latestAcceptedHashed, h3Resolution).select(columns(Tables.ORDERS.schema()));
  }

  private static Dataset<Row> withOrderColumns(Dataset<Row> acceptedHashed, int h3Resolution) {
    return acceptedHashed
        .withColumn("updated_at", coalesce(col("updated_at"), col("created_at")))
        .withColumn("order_date", to_date(col("created_at")))
        .withColumn("neighbourhood", H3Cells.cell(col("latitude"), col("longitude"), h3Resolution))
        .withColumn("source_file", col(Parsing.FILE));
  }

  /**
   * Accepted drop batches to drops rows. A batch twice on one run date was already quarantined as duplicate;
   * a batch delivered again on a later run date of the batch replaces the earlier delivery (latest run date,
   * then last file and record), as when the dates are ingested one by one.
   */
  public static Dataset<Row> dropRows(Dataset<Row> accepted) {
    Dataset<Row> rows = accepted
        .withColumn("drop_date", to_date(col("starts_at")))
        .withColumn("source_file", col(Parsing.FILE));
    return latest(rows, List.of("drop_id", "batch_number", "drop_date"), lit(0))
        .select(columns(Tables.DROPS.schema()));
  }

  /** Accepted hub snapshots to hubs rows: the latest snapshot per hub. */
  public static Dataset<Row> hubRows(Dataset<Row> accepted, int h3Resolution) {
    Dataset<Row> rows = accepted
        .withColumn("neighbourhood", H3Cells.cell(col("latitude"), col("longitude"), h3Resolution))
        .withColumn("source_file", col(Parsing.FILE));
    return latest(rows, List.of("hub_id"), col("updated_at")).select(columns(Tables.HUBS.schema()));
  }

  private static Dataset<Row> latest(Dataset<Row> rows, List<String> key, Column version) {
    List<Column> order = new java.util.ArrayList<>(List.of(version.desc()));
    if (Arrays.asList(rows.columns()).contains(Parsing.RUN_DATE)) {
      order.add(col(Parsing.RUN_DATE).desc());
    }
    order.add(col(Parsing.FILE).desc());
    order.add(col(Parsing.ROW).desc());
    var w = Window.partitionBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .orderBy(order.toArray(Column[]::new));
    return rows.withColumn("_rank", row_number().over(w)).filter(col("_rank").equalTo(1)).drop("_rank");
  }

  /** Catchment settings. */
  public record CatchmentParams(double travelSpeedKmh, double maxTravelMinutes) {}

  /**
   * The hubs serving each neighbourhood: every hub within {@code maxTravelMinutes} at {@code travelSpeedKmh}
   * (great-circle distance from the cell centre), and always the nearest hub, flagged {@code within_reach =
   * false} when it is farther. Weights are inverse distance, normalised to sum to 1 per neighbourhood.
   *
   * @param neighbourhoods column {@code neighbourhood} (H3 addresses), distinct
   * @param hubs columns {@code hub_id, latitude, longitude} (small: broadcast)
   */
  public static Dataset<Row> catchments(Dataset<Row> neighbourhoods, Dataset<Row> hubs, CatchmentParams p) {
    Dataset<Row> cells = neighbourhoods
        .withColumn("_lat", H3Cells.centreLatitude(col("neighbourhood")))
        .withColumn("_lng", H3Cells.centreLongitude(col("neighbourhood")))
        .filter(col("_lat").isNotNull());
    Dataset<Row> h = hubs.select(col("hub_id"), col("latitude").as("_hlat"), col("longitude").as("_hlng"));
    Column distance = haversineKm(col("_lat"), col("_lng"), col("_hlat"), col("_hlng"));
    var byDistance = Window.partitionBy("neighbourhood").orderBy(col("distance_km"), col("hub_id"));
    Dataset<Row> pairs = cells.crossJoin(broadcast(h))
        .withColumn("distance_km", distance)
        .withColumn("travel_minutes", col("distance_km").divide(p.travelSpeedKmh()).multiply(60.0))
        .withColumn("nearest", row_number().over(byDistance).equalTo(1))
        .withColumn("within_reach", col("travel_minutes").leq(p.maxTravelMinutes()))
        .filter(col("within_reach").or(col("nearest")))
        .withColumn("_inverse", lit(1.0).divide(greatest(col("distance_km"), lit(MIN_DISTANCE_KM))));
    return pairs
        .withColumn("weight", col("_inverse").divide(sum("_inverse").over(Window.partitionBy("neighbourhood"))))
        .select(columns(io.dropcast.tables.Tables.CATCHMENTS.schema()));
  }

  /** Great-circle distance in km (haversine), with Spark's built-in functions. */
  static Column haversineKm(Column lat1, Column lng1, Column lat2, Column lng2) {
    Column dLat = radians(lat2.minus(lat1));
    Column dLng = radians(lng2.minus(lng1));
    Column a = pow(sin(dLat.divide(2)), 2)
        .plus(cos(radians(lat1)).multiply(cos(radians(lat2))).multiply(pow(sin(dLng.divide(2)), 2)));
    return asin(least(lit(1.0), sqrt(greatest(lit(0.0), a)))).multiply(2 * EARTH_RADIUS_KM);
  }

  static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(n -> col(n)).toArray(Column[]::new);
  }
}

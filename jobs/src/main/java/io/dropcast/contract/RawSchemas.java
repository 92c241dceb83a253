package io.dropcast.contract;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The landing contract (contract/v1/*.avsc) as Spark schemas, written as code: raw files are always read with
 * these, never with an inferred schema. A test keeps field names, types and nullability equal to the .avsc.
 *
 * <p>Avro to Spark: string → string, int → int, double → double, boolean → boolean, timestamp-micros → timestamp
 * (an instant, UTC), date → date, decimal(10,2) → decimal(10,2), array&lt;string&gt; → array&lt;string&gt;;
 * a union with null → nullable. CSV and JSON-lines carry the same field names and are read as
 * {@link #asText(StructType) text} first, then cast (see io.dropcast.ingest.Parsing).
 */
public final class RawSchemas {
  private RawSchemas() {}

  public static final StructType DROPS = new StructType(new StructField[] {
      required("drop_id", StringType),
      required("batch_number", IntegerType),
      required("merchant_id", StringType),
      required("sku_id", StringType),
      required("category", StringType),
      required("title", StringType),
      required("hub_ids", createArrayType(StringType, false)),
      required("starts_at", TimestampType),
      required("ends_at", TimestampType),
      required("units_released", IntegerType),
      required("price", createDecimalType(10, 2)),
      required("list_price", createDecimalType(10, 2)),
      required("channels", createArrayType(StringType, false))});

  public static final StructType ORDERS = new StructType(new StructField[] {
      required("order_id", StringType),
      optional("drop_id", StringType),
      optional("sku_id", StringType),
      required("category", StringType),
      required("customer_id", StringType),
      required("created_at", TimestampType),
      required("units", IntegerType),
      required("latitude", DoubleType),
      required("longitude", DoubleType),
      required("fulfilment_mode", StringType),
      optional("hub_id", StringType),
      optional("picked_up_at", TimestampType),
      required("status", StringType),
      optional("next_drop_opt_in", BooleanType),
      optional("updated_at", TimestampType)});

  public static final StructType HUBS = new StructType(new StructField[] {
      required("hub_id", StringType),
      required("name", StringType),
      required("latitude", DoubleType),
      required("longitude", DoubleType),
      required("capacity_units", IntegerType),
      required("pick_pack_per_hour", IntegerType),
      required("pickup_sla_hours", DoubleType),
      required("opens_at", StringType),
      required("closes_at", StringType),
      optional("opened_on", DateType),
      required("updated_at", TimestampType)});

  /** Fields whose Avro declaration has a default and may therefore be absent from a file (not only null). */
  public static final List<String> DEFAULTED_ARRAYS = List.of("channels");

  /**
   * The text form of a schema, how CSV and JSON-lines are read before casting: every scalar becomes a
   * nullable string, an array stays an array of strings; reading never fails on a value, casting decides.
   */
  public static StructType asText(StructType typed) {
    return new StructType(Arrays.stream(typed.fields())
        .map(f -> new StructField(f.name(), f.dataType() instanceof ArrayType
            ? createArrayType(StringType, true) : StringType, true, f.metadata()))
        .toArray(StructField[]::new));
  }

  /** Names of the fields that the contract requires (not nullable). */
  public static List<String> requiredFields(StructType schema) {
    return Arrays.stream(schema.fields()).filter(f -> !f.nullable()).map(StructField::name).toList();
  }

  private static StructField required(String name, DataType type) {
    return new StructField(name, type, false, org.apache.spark.sql.types.Metadata.empty());
  }

  private static StructField optional(String name, DataType type) {
    return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
  }
}

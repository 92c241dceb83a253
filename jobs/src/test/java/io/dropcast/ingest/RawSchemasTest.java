package io.dropcast.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.contract.AvroContract;
import io.dropcast.contract.RawSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The Spark schemas ingest reads with are the Avro contract: same fields, order, types and nullability. */
class RawSchemasTest {

  /** "name type nullable" per field, from Avro, with the documented Avro-to-Spark mapping. */
  private static List<String> fromAvro(Schema record) {
    List<String> out = new ArrayList<>();
    for (Schema.Field f : record.getFields()) {
      Schema s = f.schema();
      boolean nullable = false;
      if (s.getType() == Schema.Type.UNION) {
        nullable = s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
        s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
      }
      out.add(f.name() + " " + sparkType(s) + " " + nullable);
    }
    return out;
  }

  private static String sparkType(Schema s) {
    if (s.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
      return "timestamp";
    }
    if (s.getLogicalType() instanceof LogicalTypes.Date) {
      return "date";
    }
    if (s.getLogicalType() instanceof LogicalTypes.Decimal d) {
      return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    }
    return switch (s.getType()) {
      case STRING -> "string";
      case INT -> "int";
      case LONG -> "bigint";
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      case ARRAY -> "array<" + sparkType(s.getElementType()) + ">";
      default -> throw new AssertionError("unmapped Avro type " + s);
    };
  }

  private static List<String> fromSpark(StructType schema) {
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(f.name() + " " + f.dataType().simpleString() + " " + f.nullable());
    }
    return out;
  }

  @Test
  void dropsMatchTheAvroContract() {
    assertEquals(fromAvro(AvroContract.drops()), fromSpark(RawSchemas.DROPS), "RawSchemas.DROPS vs drops.avsc");
  }

  @Test
  void ordersMatchTheAvroContract() {
    assertEquals(fromAvro(AvroContract.orders()), fromSpark(RawSchemas.ORDERS), "RawSchemas.ORDERS vs orders.avsc");
  }

  @Test
  void hubsMatchTheAvroContract() {
    assertEquals(fromAvro(AvroContract.hubs()), fromSpark(RawSchemas.HUBS), "RawSchemas.HUBS vs hubs.avsc");
  }
}

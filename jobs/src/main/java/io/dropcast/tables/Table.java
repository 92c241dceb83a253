package io.dropcast.tables;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructType;

/**
 * A Delta table Dropcast writes: its name (also its folder under the warehouse and its SQL name), its
 * schema as code (column comments included), partition and key columns, and a comment saying who reads it.
 * docs/tables.md documents the same; a test keeps them equal.
 */
public record Table(String name, StructType schema, List<String> partitionColumns, List<String> keyColumns,
    String comment) {

  public Table {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema of " + name);
    partitionColumns = List.copyOf(partitionColumns);
    keyColumns = List.copyOf(keyColumns);
    Objects.requireNonNull(comment, "comment of " + name);
    for (String column : partitionColumns) {
      requireColumn(schema, column, name);
    }
    for (String column : keyColumns) {
      requireColumn(schema, column, name);
    }
  }

  private static void requireColumn(StructType schema, String column, String table) {
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("table " + table + " names column " + column + " that its schema lacks");
    }
  }
}

package io.dropcast.ingest;

import io.dropcast.contract.RawSchemas;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * A landing source: its folder name under dropcast.landing, its contract schema and the fields that must be
 * present. Processed in this order, because drops name hubs and orders name hubs and drops.
 */
public enum Source {
  HUBS("hubs", RawSchemas.HUBS),
  DROPS("drops", RawSchemas.DROPS),
  ORDERS("orders", RawSchemas.ORDERS);

  private final String label;
  private final StructType schema;

  Source(String label, StructType schema) {
    this.label = label;
    this.schema = schema;
  }

  /** Folder name and the name used in counts, quarantine and the ledger. */
  public String label() {
    return label;
  }

  /** The typed contract schema (RawSchemas). */
  public StructType schema() {
    return schema;
  }

  /** Fields a record must carry: the contract's non-nullable fields without a default. */
  public List<String> requiredFields() {
    return RawSchemas.requiredFields(schema).stream()
        .filter(f -> !RawSchemas.DEFAULTED_ARRAYS.contains(f)).toList();
  }
}

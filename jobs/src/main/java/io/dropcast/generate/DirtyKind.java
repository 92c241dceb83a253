package io.dropcast.generate;

/**
 * Kinds of bad order rows {@code --dirty-ratio} injects, each breaking exactly one rule the ingest job checks.
 * The slug is the key in world.json's {@code bad_rows}.
 */
public enum DirtyKind {
  /** latitude outside [-90, 90]. */
  LATITUDE_OUT_OF_RANGE("latitude_out_of_range"),
  /** units 0 or negative. */
  NON_POSITIVE_UNITS("non_positive_units"),
  /** status not one of the five the contract allows. */
  UNKNOWN_STATUS("unknown_status"),
  /** picked_up_at earlier than created_at (status picked_up). */
  PICKED_UP_BEFORE_CREATED("picked_up_before_created"),
  /** an extra row reusing the order_id of an order created on an earlier day, with another created_at. */
  DUPLICATE_ORDER_ID("duplicate_order_id"),
  /** hub_id that no hub snapshot knows. */
  UNKNOWN_HUB_ID("unknown_hub_id"),
  /** customer_id, category or fulfilment_mode missing (CSV and JSON lines only; Parquet cannot hold it). */
  MISSING_REQUIRED_FIELD("missing_required_field");

  private final String slug;

  DirtyKind(String slug) {
    this.slug = slug;
  }

  public String slug() {
    return slug;
  }
}

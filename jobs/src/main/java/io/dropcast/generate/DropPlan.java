package io.dropcast.generate;

/**
 * A drop as scheduled for a day, before demand: what is offered, where, when, at what price, announced how,
 * released in how many batches, and the merchant's planning factor (units released = planned demand times
 * this factor). Arrays are owned by the plan and must not be modified.
 *
 * @param dropId identifier, unique over the history ({@code dr-YYYYMMDD-NNN})
 * @param category category index in {@link World#categories()}
 * @param merchant merchant index in {@link World#merchants()}
 * @param sku SKU index within the merchant
 * @param hubs eligible hub indexes, ascending
 * @param batchStarts release instant of each batch, epoch seconds, ascending; batch 1 opens the window
 * @param endsAt instant the window closes, epoch seconds
 * @param listPriceCents regular price, cents
 * @param priceCents drop price, cents
 * @param push whether the drop is announced by push
 * @param sms whether the drop is announced by SMS (first batch only)
 * @param planFactor merchant's units released per unit of planned demand
 * @param batchShares share of the units released in each batch (sums to 1)
 */
public record DropPlan(
    String dropId,
    int category,
    int merchant,
    int sku,
    int[] hubs,
    long[] batchStarts,
    long endsAt,
    long listPriceCents,
    long priceCents,
    boolean push,
    boolean sms,
    double planFactor,
    double[] batchShares) {

  /** Number of micro-release batches. */
  public int batches() {
    return batchStarts.length;
  }

  /** Discount depth, 1 - price / list price. */
  public double discount() {
    return 1.0 - (double) priceCents / listPriceCents;
  }
}

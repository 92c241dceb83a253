package io.dropcast.models.cadence;

import java.io.Serializable;

/**
 * A micro-release batch: {@code units} released at the start of hour {@code hourOffset} of the drop window
 * (0 = the window's first hour).
 */
public record Batch(int hourOffset, int units) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Batch {
    if (hourOffset < 0) {
      throw CadenceErrors.invalid("A batch is released at hour offset " + hourOffset,
          "offsets count whole hours from the window start, >= 0", "release batches inside the window");
    }
    if (units < 1) {
      throw CadenceErrors.invalid("A batch has " + units + " units", "a batch releases at least one unit",
          "drop empty batches");
    }
  }
}

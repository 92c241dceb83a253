package io.dropcast.models.plan;

import java.io.Serializable;

/**
 * The newsvendor's two costs per unit, in currency: {@code shortage} ({@code p}, the margin and goodwill lost
 * on a unit of demand that finds no stock) and {@code leftover} ({@code h}, the cost of a unit placed but not
 * sold: return trip, markdown, spoilage). Both finite and >= 0, not both 0.
 */
public record UnitCosts(double shortage, double leftover) implements Serializable {
  private static final long serialVersionUID = 1L;

  public UnitCosts {
    PlanErrors.requireFiniteNonNegative(shortage, "The shortage cost p",
        "set the category's shortage cost (margin lost per unit of unmet demand) to a number >= 0");
    PlanErrors.requireFiniteNonNegative(leftover, "The leftover cost h",
        "set the category's leftover cost (cost of a placed unit left unsold) to a number >= 0");
    if (shortage + leftover == 0) {
      throw PlanErrors.invalid("Shortage and leftover costs are both 0",
          "the critical ratio p / (p + h) is then undefined", "give at least one of them a positive value");
    }
  }
}

package io.dropcast.models.plan;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * Unit costs per category where configured, and a fallback for every other category.
 *
 * @param fallback the costs of a category not listed
 * @param byCategory the configured categories (copied, immutable)
 */
public record CategoryCosts(UnitCosts fallback, Map<String, UnitCosts> byCategory) implements Serializable {
  private static final long serialVersionUID = 1L;

  public CategoryCosts {
    Objects.requireNonNull(fallback, "fallback");
    byCategory = Map.copyOf(Objects.requireNonNull(byCategory, "byCategory"));
  }

  /** The costs of a category: its own where configured, else the fallback. */
  public UnitCosts forCategory(String category) {
    return byCategory.getOrDefault(category, fallback);
  }
}

package io.dropcast.models.plan;

import java.util.Objects;

/**
 * The single-location newsvendor on a {@link QuantileDistribution}.
 *
 * <p>Placing {@code q} units at a hub whose demand is {@code D} earns the expected profit
 * <pre>  pi(q) = p E[min(D, q)] - h E[(q - D)+] - c q</pre>
 * with {@code p} the shortage cost, {@code h} the leftover cost and {@code c} an optional handling or transfer
 * cost per placed unit. Equivalently {@code pi(q) = p E[D] - (p E[(D - q)+] + h E[(q - D)+]) - c q}: maximising
 * it minimises the expected shortage and leftover cost. {@code pi} is concave: the {@code k}-th unit adds
 * <pre>  pi(k) - pi(k-1) = integral over x in [k-1, k] of (p P(D > x) - h P(D <= x)) dx - c</pre>
 * which is {@code p P(D >= k) - h P(D < k) - c} when demand is integer-valued, and decreases with {@code k}.
 *
 * <p>The continuous optimum is the quantile at the critical ratio {@code (p - c) / (p + h)} ({@code p/(p+h)}
 * without handling cost). The integer optimum, {@link #targetUnits}, is the number of units whose marginal
 * expected profit is positive: never a unit that earns nothing or loses, so zero demand gives zero units. It is
 * the floor or the ceiling of the continuous optimum.
 *
 * <p>All expectations are exact for the distribution's piecewise shape (closed-form integration of the
 * quantile function). Pure functions; no state.
 */
public final class Newsvendor {
  private Newsvendor() {}

  /**
   * A marginal profit at most this fraction of {@code p + h + c} counts as zero, so floating-point noise on a
   * marginal that is exactly 0 by hand never places a unit.
   */
  public static final double ZERO_MARGIN_TOLERANCE = 1e-9;

  /** {@code p / (p + h)}. */
  public static double criticalRatio(UnitCosts costs) {
    return criticalRatio(costs, 0);
  }

  /** {@code (p - c) / (p + h)}, at least 0: the critical ratio net of a per-unit handling cost {@code c}. */
  public static double criticalRatio(UnitCosts costs, double unitCost) {
    Objects.requireNonNull(costs, "costs");
    requireUnitCost(unitCost);
    return Math.max(0, (costs.shortage() - unitCost) / (costs.shortage() + costs.leftover()));
  }

  /** The continuous newsvendor quantity: the demand quantile at the critical ratio. */
  public static double targetQuantity(QuantileDistribution demand, UnitCosts costs) {
    return targetQuantity(demand, costs, 0);
  }

  /** The continuous newsvendor quantity net of a per-unit handling cost. */
  public static double targetQuantity(QuantileDistribution demand, UnitCosts costs, double unitCost) {
    return demand.quantile(criticalRatio(costs, unitCost));
  }

  /** The integer newsvendor target: the number of units with a positive marginal expected profit. */
  public static int targetUnits(QuantileDistribution demand, UnitCosts costs) {
    return targetUnits(demand, costs, 0, Integer.MAX_VALUE);
  }

  /** The integer newsvendor target net of a per-unit handling cost. */
  public static int targetUnits(QuantileDistribution demand, UnitCosts costs, double unitCost) {
    return targetUnits(demand, costs, unitCost, Integer.MAX_VALUE);
  }

  /**
   * The integer newsvendor target net of a per-unit handling cost, at most {@code maxUnits}: the largest
   * {@code k <= maxUnits} whose {@link #marginalProfit} is positive (beyond {@link #ZERO_MARGIN_TOLERANCE}),
   * 0 if none is. With {@code h = c = 0} and an unbounded tail the target stops where the chance of selling
   * one more unit falls below the tolerance.
   */
  public static int targetUnits(QuantileDistribution demand, UnitCosts costs, double unitCost, int maxUnits) {
    Objects.requireNonNull(demand, "demand");
    double ratio = criticalRatio(costs, unitCost);
    if (ratio <= 0 || maxUnits <= 0) {
      return 0;
    }
    double qStar = demand.quantile(Math.min(ratio, 1 - ZERO_MARGIN_TOLERANCE));
    long t = Math.max(0, Math.min((long) Math.floor(qStar) - 1, maxUnits));
    while (t < maxUnits && isPositive(marginalProfit(demand, costs, unitCost, t + 1), costs, unitCost)) {
      t++;
    }
    while (t > 0 && !isPositive(marginalProfit(demand, costs, unitCost, t), costs, unitCost)) {
      t--;
    }
    return (int) t;
  }

  /** Whether a marginal profit counts as positive under {@link #ZERO_MARGIN_TOLERANCE}. */
  public static boolean isPositive(double marginalProfit, UnitCosts costs, double unitCost) {
    return marginalProfit > ZERO_MARGIN_TOLERANCE * (costs.shortage() + costs.leftover() + unitCost);
  }

  /** {@code pi(k) - pi(k-1)}: the expected profit of the {@code k}-th unit ({@code k >= 1}). */
  public static double marginalProfit(QuantileDistribution demand, UnitCosts costs, double unitCost, long k) {
    if (k < 1) {
      throw PlanErrors.invalid("Unit number " + k + " was asked for its marginal profit",
          "units are numbered from 1", "ask for k >= 1");
    }
    double extraSales = demand.expectedMin(k) - demand.expectedMin(k - 1);
    return costs.shortage() * extraSales - costs.leftover() * (1 - extraSales) - unitCost;
  }

  /** {@code pi(q)}: expected profit of placing {@code q} units. */
  public static double expectedProfit(QuantileDistribution demand, UnitCosts costs, double unitCost, double q) {
    requireUnitCost(unitCost);
    double sales = expectedSales(demand, q);
    return costs.shortage() * sales - costs.leftover() * (q - sales) - unitCost * q;
  }

  /** {@code E[min(D, q)]}. */
  public static double expectedSales(QuantileDistribution demand, double q) {
    requireQuantity(q);
    return demand.expectedMin(q);
  }

  /** {@code E[(q - D)+] = q - E[min(D, q)]}. */
  public static double expectedLeftover(QuantileDistribution demand, double q) {
    return Math.max(0, q - expectedSales(demand, q));
  }

  /** {@code E[(D - q)+] = E[D] - E[min(D, q)]}. */
  public static double expectedShortage(QuantileDistribution demand, double q) {
    return Math.max(0, demand.mean() - expectedSales(demand, q));
  }

  /**
   * The expected fill rate {@code E[min(D, q)] / E[D]}: the share of demand served (the type-2 service level).
   * 1 when there is no demand to serve.
   */
  public static double fillRate(QuantileDistribution demand, double q) {
    double mean = demand.mean();
    return mean <= 0 ? 1 : Math.min(1, expectedSales(demand, q) / mean);
  }

  private static void requireQuantity(double q) {
    PlanErrors.requireFiniteNonNegative(q, "A placed quantity", "place 0 units or more");
  }

  private static void requireUnitCost(double unitCost) {
    PlanErrors.requireFiniteNonNegative(unitCost, "The handling cost per unit c",
        "set the hub's handling cost per unit to a number >= 0 (0 when there is none)");
  }
}

package io.dropcast.plan;

/**
 * How one drop's orders are served once its units are placed, the rule plans and evaluations share:
 * <ol>
 *   <li>an order finding a unit on hand at its hub is served at once, within the hub's pickup SLA; only these
 *       orders count as served within the SLA and as not short ("pickup within 3 hours is only a promise if the
 *       units are already at the hub");</li>
 *   <li>an order finding none is shortage. Units the plan kept back (stock minus units placed) may still reach
 *       some of those customers later, while they last, shared between the hubs in proportion to their shortage:
 *       that late service is reported on its own ({@link Served#late}) and stays outside the SLA and inside the
 *       shortage;</li>
 *   <li>units placed and not sold are leftover; units kept back never moved and cost nothing.</li>
 * </ol>
 * Pure.
 */
public final class KeptBackStock {
  private KeptBackStock() {}

  /**
   * The outcome per hub of one drop.
   *
   * @param withinSla units sold on hand at each hub: the only sales within the SLA
   * @param late units of each hub's shortage served later from the units kept back (still shortage)
   * @param keptBackSold the kept-back units sold late, summed over the hubs
   */
  public record Served(double[] withinSla, double[] late, double keptBackSold) {}

  /**
   * @param keptBack units of the drop not placed at any hub, >= 0
   * @param onHandSales sales from units placed at each hub
   * @param shortage demand at each hub beyond its units placed
   */
  public static Served serve(double keptBack, double[] onHandSales, double[] shortage) {
    int n = onHandSales.length;
    double total = 0;
    for (double s : shortage) {
      total += s;
    }
    double served = Math.min(Math.max(0, keptBack), total);
    double share = total > 0 ? served / total : 0;
    double[] late = new double[n];
    for (int i = 0; i < n; i++) {
      late[i] = share * shortage[i];
    }
    return new Served(onHandSales.clone(), late, served);
  }
}

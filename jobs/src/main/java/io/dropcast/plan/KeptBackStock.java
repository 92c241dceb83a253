package io.dropcast.plan;

/**
 * How one drop's orders are served once its units are placed, the rule plans and evaluations share:
 * <ol>
 *   <li>an order finding a unit on hand at its hub is served at once, within the hub's pickup SLA;</li>
 *   <li>an order finding none is served from the units the plan kept back (stock minus units placed) while they
 *       last, shared between the hubs in proportion to their shortage; such a unit is brought to the hub in
 *       {@code dropcast.plan.restock-hours}, so the order is within the SLA only where that is at most the hub's
 *       {@code pickup_sla_hours};</li>
 *   <li>the rest is shortage. Units placed and not sold are leftover; units kept back and not sold never moved
 *       and cost nothing.</li>
 * </ol>
 * With expected values (a plan) the kept-back share uses expected shortages, {@code min(keptBack, E[S])}, an
 * upper bound of {@code E[min(keptBack, S)]}; with realised demand (an evaluation) it is exact. Pure.
 */
public final class KeptBackStock {
  private KeptBackStock() {}

  /**
   * The outcome per hub of one drop.
   *
   * @param sold units sold at each hub (on hand, then kept back)
   * @param withinSla units sold within each hub's SLA
   */
  public record Served(double[] sold, double[] withinSla, double keptBackSold) {}

  /**
   * @param keptBack units of the drop not placed at any hub, >= 0
   * @param onHandSales sales from units placed at each hub
   * @param shortage demand at each hub beyond its units placed
   * @param restockInSla whether a kept-back unit reaches each hub within its SLA
   */
  public static Served serve(double keptBack, double[] onHandSales, double[] shortage, boolean[] restockInSla) {
    int n = onHandSales.length;
    double total = 0;
    for (double s : shortage) {
      total += s;
    }
    double served = Math.min(Math.max(0, keptBack), total);
    double share = total > 0 ? served / total : 0;
    double[] sold = new double[n];
    double[] within = new double[n];
    for (int i = 0; i < n; i++) {
      double fromKeptBack = share * shortage[i];
      sold[i] = onHandSales[i] + fromKeptBack;
      within[i] = onHandSales[i] + (restockInSla[i] ? fromKeptBack : 0);
    }
    return new Served(sold, within, served);
  }
}

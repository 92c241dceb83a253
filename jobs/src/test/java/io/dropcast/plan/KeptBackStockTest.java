package io.dropcast.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The serving rule on hand-worked drops: on-hand sales are the SLA sales, units kept back serve only late. */
class KeptBackStockTest {
  @Test
  void unitsKeptBackServeTheShortagesLateInProportionWhileTheyLast() {
    // Three hubs short 2, 6 and 0 units; 4 kept back serve 4 / 8 of each shortage late: 1, 3 and 0.
    KeptBackStock.Served s = KeptBackStock.serve(4, new double[] {5, 1, 3}, new double[] {2, 6, 0});
    assertArrayEquals(new double[] {5, 1, 3}, s.withinSla(), 1e-12, "within the SLA: only the units on hand");
    assertArrayEquals(new double[] {1, 3, 0}, s.late(), 1e-12, "served late from the units kept back");
    assertEquals(4.0, s.keptBackSold(), 1e-12, "kept-back units sold");
  }

  @Test
  void moreKeptBackThanShortageServesTheWholeShortageLateAndTheRestStaysUnsold() {
    KeptBackStock.Served s = KeptBackStock.serve(10, new double[] {2, 0}, new double[] {1.5, 3});
    assertArrayEquals(new double[] {2, 0}, s.withinSla(), 1e-12);
    assertArrayEquals(new double[] {1.5, 3}, s.late(), 1e-12);
    assertEquals(4.5, s.keptBackSold(), 1e-12, "only the shortage is served; 5.5 units stay kept back, unsold");
  }

  @Test
  void nothingKeptBackOrNothingShortServesNothingLate() {
    assertArrayEquals(new double[] {0, 0}, KeptBackStock.serve(0, new double[] {1, 1}, new double[] {2, 2}).late(),
        1e-12, "nothing kept back");
    assertArrayEquals(new double[] {0, 0}, KeptBackStock.serve(5, new double[] {1, 1}, new double[] {0, 0}).late(),
        1e-12, "no shortage");
  }
}

package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SellThroughSimulatorTest {

  // Half of an hour's orders are picked in the same hour, half in the next.
  private static final PickupModel HALF_NEXT_HOUR = new PickupModel(List.of(0.5, 0.5), 1.0);

  @Test
  void theFluidModelIsExactOnAThreeHourToyWindow() {
    // Demand 10, 20, 10 units per hour; 15 units at the start, 10 more at hour 1; capacity 12 pickups per hour.
    // h0: stock 15, sells 10 (5 left). h1: stock 15, demand 20: sells 15, out at 1 + 15/20 = 1.75, 5 unmet.
    // h2: nothing left, 10 unmet. Pickups: h0 5, h1 5 + 7.5 = 12.5, h2 7.5, h3 0.
    DropScenario s = new DropScenario(List.of(10.0, 20.0, 10.0), List.of(new Batch(0, 15), new Batch(1, 10)),
        List.of(12.0), HALF_NEXT_HOUR, 0.0);

    SimulationResult r = SellThroughSimulator.simulate(s);

    assertEquals(List.of(10.0, 15.0, 0.0), r.salesByHour(), "units sold per hour");
    assertEquals(25.0, r.sold(), "units sold");
    assertEquals(1.0, r.sellThrough(), "every unit sells");
    assertTrue(r.soldOut(), "the drop sells out");
    assertEquals(1.75, r.sellOutHours(), "the last unit sells three quarters into hour 1");
    assertEquals(15.0, r.unmet(), "5 unmet in hour 1 and 10 in hour 2");
    assertEquals(40.0, r.demand(), "demand over the window");
    assertEquals(List.of(5.0, 12.5, 7.5, 0.0), r.pickupsByHour(), "pickups per hour, one hour past the window");
    assertEquals(12.5, r.peakPickupsPerHour(), "peak pickups");
    assertEquals(1, r.peakHour(), "the peak is in hour 1");
    assertEquals(0.5, r.overCapacityPickups(), "12.5 - 12 in hour 1");
    assertEquals(0.5, r.peakExcessPickupsPerHour(), "largest hourly excess");
    assertEquals(12.5 / 12, r.peakLoadRatio(), 1e-15, "peak pickups over capacity");
    assertEquals(List.of(12.0, 12.0, 12.0, 12.0), r.capacityByHour(), "a single capacity value holds every hour");
  }

  @Test
  void customersWhoFindNoStockComeBackAtTheNextReleaseByTheBacklogShare() {
    // 10 units at each of hours 0, 1, 2; demand 10, 20, 10; half of the unmet demand waits for the next release.
    // h0: sells 10 (stock 0, more to come). h1: sells 10, 10 unmet: 5 wait, 5 lost. h2: release 10, the 5 waiting
    // buy first, then 5 of the hour's 10: out at 2.5; 5 unmet, 2.5 wait for a release that never comes (lost).
    DropScenario s = new DropScenario(List.of(10.0, 20.0, 10.0),
        List.of(new Batch(0, 10), new Batch(1, 10), new Batch(2, 10)), List.of(100.0), PickupModel.sameHour(), 0.5);

    SimulationResult r = SellThroughSimulator.simulate(s);

    assertEquals(List.of(10.0, 10.0, 10.0), r.salesByHour(), "units sold per hour");
    assertEquals(2.5, r.sellOutHours(), "sell-out half-way through hour 2");
    assertEquals(10.0, r.unmet(), "demand 40, sold 30");
    assertEquals(0.0, r.overCapacityPickups(), "ample capacity");
  }

  @Test
  void aDropThatDoesNotSellOutReportsTheWindowLengthAndItsSellThrough() {
    DropScenario s = new DropScenario(List.of(4.0, 4.0), List.of(new Batch(0, 10)), List.of(5.0),
        PickupModel.sameHour(), 0.0);

    SimulationResult r = SellThroughSimulator.simulate(s);

    assertFalse(r.soldOut(), "2 units remain");
    assertEquals(2.0, r.sellOutHours(), "window length when units remain");
    assertEquals(0.8, r.sellThrough(), 1e-15, "8 of 10 sold");
    assertEquals(0.0, r.unmet(), "all demand served");
  }

  @Test
  void pickupsAreCountedInOrdersWhenAnOrderCarriesSeveralUnits() {
    DropScenario s = new DropScenario(List.of(30.0), List.of(new Batch(0, 30)), List.of(10.0),
        new PickupModel(List.of(1.0), 1.5), 0.0);

    SimulationResult r = SellThroughSimulator.simulate(s);

    assertEquals(20.0, r.peakPickupsPerHour(), 1e-12, "30 units at 1.5 units per order are 20 pickups");
    assertEquals(10.0, r.overCapacityPickups(), 1e-12, "20 pickups against a capacity of 10");
  }

  @Test
  void theMonteCarloTwinIsSeededAndAgreesWithTheFluidModelWhereStockNeverBinds() {
    // Stock far above demand: expected sales equal expected demand (36), in both models.
    DropScenario s = new DropScenario(List.of(12.0, 16.0, 8.0), List.of(new Batch(0, 500)), List.of(10.0),
        HALF_NEXT_HOUR, 0.0);

    SellThroughSimulator.MonteCarloSummary a = SellThroughSimulator.monteCarlo(s, 4000, 42L);
    SellThroughSimulator.MonteCarloSummary b = SellThroughSimulator.monteCarlo(s, 4000, 42L);

    assertEquals(a, b, "same seed, same summary");
    double se = a.sdSold() / Math.sqrt(a.runs());
    assertEquals(36.0, a.meanSold(), 4 * se, "mean sales within 4 standard errors of the fluid expectation");
    assertEquals(Math.sqrt(36.0), a.sdSold(), 0.5, "Poisson spread of the sales: sd = sqrt(36)");
    assertTrue(a.meanOverCapacityPickups() > SellThroughSimulator.simulate(s).overCapacityPickups(),
        "noise adds load above capacity that the expectation averages away (Jensen)");
  }

  @Test
  void aBatchOutsideTheWindowIsRejectedWithTheWindowLength() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DropScenario(
        List.of(1.0, 1.0), List.of(new Batch(2, 5)), List.of(5.0), PickupModel.sameHour(), 0.0));
    assertTrue(e.getMessage().contains("hour offset 2") && e.getMessage().contains("the window has 2 hours")
        && e.getMessage().contains("Fix:"), "message: " + e.getMessage());
  }

  @Test
  void pickupDelaySharesAboveOneAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PickupModel(List.of(0.7, 0.4), 1.0));
    assertTrue(e.getMessage().contains("sum to 1.1") && e.getMessage().contains("[0, 1]")
        && e.getMessage().contains("Fix: divide"), "message: " + e.getMessage());
  }

  @Test
  void ordersThatNeverReachTheHubAddNoLoad() {
    // 10 units demanded in hour 0 with stock to spare, one unit per order; only 60 % of the orders are picked at
    // the hub (same hour).
    DropScenario s = new DropScenario(List.of(10.0), List.of(new Batch(0, 100)), List.of(100.0),
        new PickupModel(List.of(0.6), 1.0), 0.0);
    SimulationResult r = SellThroughSimulator.simulate(s);
    assertEquals(10.0, r.sold(), 1e-12, "the demand buys 10 units");
    assertEquals(6.0, r.peakPickupsPerHour(), 1e-12, "40 % of the orders are couriered or shipped");
    SellThroughSimulator.MonteCarloSummary mc = SellThroughSimulator.monteCarlo(s, 2000, 7);
    assertEquals(6.0, mc.meanPeakPickupsPerHour(), 0.2, "the stochastic twin thins the pickups the same way");
  }
}

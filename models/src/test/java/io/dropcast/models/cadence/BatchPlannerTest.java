package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

  @Test
  void aHubWhoseCapacityAllowsThirtyPickupsAnHourGetsThreeBatchesOfThirty() {
    // 90 units, demand 100 an hour for 4 hours (one release would sell out in 54 minutes), capacity 30 pickups
    // an hour, every order picked in the hour it is sold. Only batches of at most 30 in separate hours stay
    // within capacity, so 3 batches of 30 at hours 0, 1, 2 (sell-out at 2.3 h) beat 1 batch (60 pickups over),
    // every 2-batch plan (at least 30 over) and every 4-batch plan (sell-out after 3 h). Unmet demand is
    // 400 - 90 = 310 whenever everything sells.
    List<Double> demand = List.of(100.0, 100.0, 100.0, 100.0);

    BatchPlan plan = BatchPlanner.plan(90, demand, List.of(30.0), PickupModel.sameHour(), BatchingParams.defaults());

    assertEquals(List.of(new Batch(0, 30), new Batch(1, 30), new Batch(2, 30)), plan.batches(),
        "three batches of 30 released at window hours 0, 1 and 2");
    assertEquals(List.of(30.0, 30.0, 30.0, 0.0), plan.expected().pickupsByHour(), "30 pickups in each hour");
    assertEquals(30.0, plan.expected().peakPickupsPerHour(), "peak load at capacity, not above");
    assertEquals(0.0, plan.expected().overCapacityPickups(), "nothing above capacity");
    assertEquals(2.3, plan.expected().sellOutHours(), 1e-12, "the last batch sells out 18 minutes into hour 2");
    assertEquals(310 + 0.5 * 2.3, plan.cost(), 1e-9, "unmet 310 x 1 + 2.3 h x 0.5");
    assertEquals(60.0, plan.singleRelease().overCapacityPickups(), "one release: 90 pickups in hour 0");
    // n = 1: 1 candidate; n = 2: 3 offsets x 17 sizes; n = 3: 3 x 136; n = 4: 1 x 680 (step ceil(90/20) = 5).
    assertEquals(1 + 3 * 17 + 3 * 136 + 680, plan.candidatesEvaluated(), "the whole grid is searched");
  }

  @Test
  void ampleCapacityKeepsASingleRelease() {
    BatchPlan plan = BatchPlanner.plan(40, List.of(20.0, 20.0, 20.0), List.of(100.0), PickupModel.sameHour(),
        BatchingParams.defaults());

    assertEquals(List.of(new Batch(0, 40)), plan.batches(), "nothing to gain from batching");
    assertEquals(2.0, plan.expected().sellOutHours(), "sold out at the end of hour 1");
  }

  @Test
  void withoutACapacityCostThePlannerDoesNotBatch() {
    BatchingParams noLoadCost = BatchingParams.defaults().with("overCapacityWeight", 0);

    BatchPlan plan = BatchPlanner.plan(90, List.of(100.0, 100.0, 100.0, 100.0), List.of(30.0),
        PickupModel.sameHour(), noLoadCost);

    assertEquals(List.of(new Batch(0, 90)), plan.batches(), "fastest sell-out wins when overload is free");
  }

  @Test
  void whenLaterHoursHaveNoDemandStagingUnitsOnlyLosesSalesSoTheyAllGoUpFront() {
    // Demand 50 then 0, capacity 40. One release: 10 pickups over, nothing unmet, sold out at 1 h: cost 10.5.
    // Holding k <= 10 units back removes k pickups over but leaves k units unsold (k unmet) and the drop open
    // to the window end (2 h): cost 10 - k + k + 1 = 11.
    BatchPlan plan = BatchPlanner.plan(50, List.of(50.0, 0.0), List.of(40.0), PickupModel.sameHour(),
        BatchingParams.defaults());

    assertEquals(List.of(new Batch(0, 50)), plan.batches(), "one release");
    assertEquals(10.5, plan.cost(), 1e-12, "10 pickups over + 0.5 x 1 h");
    assertEquals(1.0, plan.expected().sellThrough(), "everything sells");
  }

  @Test
  void theWeightsTradeOverloadAgainstUnmetDemand() {
    // Demand 50 then 5, capacity 40, 50 units. With equal weights the planner accepts 8 lost sales to cut the
    // overload from 10 to 2 (42 then 8: cost 2 + 8 + 0.5 x 2 = 11, against 10 + 5 + 0.5 = 15.5 for one release).
    List<Double> demand = List.of(50.0, 5.0);
    BatchPlan even = BatchPlanner.plan(50, demand, List.of(40.0), PickupModel.sameHour(), BatchingParams.defaults());
    assertEquals(List.of(new Batch(0, 42), new Batch(1, 8)), even.batches(), "equal weights");
    assertEquals(11.0, even.cost(), 1e-12, "2 over + 8 unmet + 1");

    // When a lost sale costs 5 over-capacity pickups, the planner stages only the 5 units hour 1 buys anyway:
    // 45 then 5 loses no more sales than one release (5 either way) and has 5 pickups over instead of 10.
    BatchPlan salesFirst = BatchPlanner.plan(50, demand, List.of(40.0), PickupModel.sameHour(),
        BatchingParams.defaults().with("unmetDemandWeight", 5));
    assertEquals(List.of(new Batch(0, 45), new Batch(1, 5)), salesFirst.batches(), "unmet demand weighted 5");
    assertEquals(5 + 5 * 5 + 0.5 * 2, salesFirst.cost(), 1e-12, "5 over + 5 x 5 unmet + 0.5 x 2 h");
    assertEquals(even.expected().unmet() - 3, salesFirst.expected().unmet(), 1e-12, "3 fewer lost sales");
  }

  @Test
  void equalCostPlansAreBrokenTowardsBalancedSizes() {
    // Capacity 100 and demand 100 per hour: with no time cost every plan that sells by the end costs the same
    // unmet demand; fewer batches win, and one batch sells everything in hour 0.
    BatchingParams noTime = BatchingParams.defaults().with("sellOutTimeWeight", 0);
    BatchPlan plan = BatchPlanner.plan(60, List.of(100.0, 100.0), List.of(100.0), PickupModel.sameHour(), noTime);
    assertEquals(List.of(new Batch(0, 60)), plan.batches(), "fewest batches on a tie");

    // Capacity 30: 2 batches at hours 0 and 1 are needed; (30, 30) is the balanced one of the zero-overload plans.
    BatchPlan two = BatchPlanner.plan(60, List.of(100.0, 100.0), List.of(30.0), PickupModel.sameHour(), noTime);
    assertEquals(List.of(new Batch(0, 30), new Batch(1, 30)), two.batches(), "balanced sizes");
  }

  @Test
  void thePlanIsDeterministic() {
    List<Double> demand = List.of(35.0, 25.0, 20.0, 12.0, 8.0, 5.0);
    PickupModel pickup = new PickupModel(List.of(0.4, 0.4, 0.2), 1.3);
    BatchPlan a = BatchPlanner.plan(77, demand, List.of(15.0, 18.0, 20.0), pickup, BatchingParams.defaults());
    BatchPlan b = BatchPlanner.plan(77, demand, List.of(15.0, 18.0, 20.0), pickup, BatchingParams.defaults());
    assertEquals(a, b, "same inputs, same plan");
    assertTrue(a.expected().overCapacityPickups() < a.singleRelease().overCapacityPickups(),
        "batching relieves the hub");
  }

  @Test
  void aFirstReleaseAllowedToWaitMovesOutOfAFullHourInsteadOfSendingOneUnitIntoIt() {
    // 10 units, demand 10 then 10, no capacity left in hour 0 and 10 in hour 1, every order picked the hour it is
    // sold. Opening the window with k units costs k pickups over + 10 unmet + 0.5 x (1 + (10 - k) / 10) h; with the
    // first release free to wait, releasing all 10 at hour 1 costs 0 over + 10 unmet (hour 0's demand) + 0.5 x 2 h.
    List<Double> demand = List.of(10.0, 10.0);
    List<Double> capacity = List.of(0.0, 10.0);

    BatchPlan opens = BatchPlanner.plan(10, demand, capacity, PickupModel.sameHour(), BatchingParams.defaults());
    BatchPlan waits = BatchPlanner.plan(10, demand, capacity, PickupModel.sameHour(), BatchingParams.defaults(), 1);

    assertEquals(List.of(new Batch(0, 1), new Batch(1, 9)), opens.batches(), "one unit opens the window");
    assertEquals(1 + 10 + 0.5 * 1.9, opens.cost(), 1e-12, "1 over + 10 unmet + 0.5 x 1.9 h");
    assertEquals(List.of(new Batch(1, 10)), waits.batches(), "the whole drop waits one hour");
    assertEquals(11.0, waits.cost(), 1e-12, "0 over + 10 unmet + 0.5 x 2 h");
    // n = 1: first offset 0 or 1; n = 2: offsets (0, 1) x first sizes 9..1.
    assertEquals(2 + 9, waits.candidatesEvaluated(), "the grid with a free first release");
  }

  @Test
  void whenOrdersFollowTheReleaseTheRushIsSplitIntoBatchesThatTheProfileWouldReleaseAtOnce() {
    // 10 units, 10 units of demand over 3 hours, capacity 5 pickups an hour, picked in the hour sold. On the
    // profile (4, 3, 3) one release never overloads: sold out after 3 h, cost 1.5. When every order comes in the
    // first hour after a release (curve (1.0)), one release draws all 10 orders into hour 0 (5 over, cost 5.5);
    // 5 + 5 at hours 0 and 1 draw 5 each (nothing over, sold out after 2 h, cost 1.0), and every other plan
    // overloads or sells out later.
    List<Double> profile = List.of(4.0, 3.0, 3.0);
    ReleaseCurve rush = new ReleaseCurve(List.of(1.0), 20);

    BatchPlan onProfile = BatchPlanner.plan(10, profile, List.of(5.0), PickupModel.sameHour(),
        BatchingParams.defaults());
    BatchPlan onRush = BatchPlanner.plan(10, profile, List.of(5.0), PickupModel.sameHour(),
        BatchingParams.defaults(), 0, rush);

    assertEquals(List.of(new Batch(0, 10)), onProfile.batches(), "the profile sees no overload");
    assertEquals(List.of(new Batch(0, 5), new Batch(1, 5)), onRush.batches(), "two batches an hour apart");
    assertEquals(1.0, onRush.cost(), 1e-12, "sold out after 2 h x 0.5");
    assertEquals(List.of(5.0, 5.0, 0.0), onRush.expected().pickupsByHour(), "each batch's rush at capacity");
    assertEquals(5.0, onRush.singleRelease().overCapacityPickups(), 1e-12, "one release: 10 pickups in hour 0");
    assertEquals(10.0, onRush.expected().demand(), 1e-12, "the demand the plan draws is the profile's total");
  }
}

package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.cadence.HubDayPlanner.HubDayCourse;
import io.dropcast.models.cadence.HubDayPlanner.HubDayDrop;
import io.dropcast.models.cadence.HubDayPlanner.HubDayPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubDayPlannerTest {

  /** Two drops of 10 units at one hub, both with a 10:00-12:00 window and demand 10 in each hour. */
  private static final List<HubDayDrop> TWIN_DROPS = List.of(
      new HubDayDrop("b", 10, 10, List.of(10.0, 10.0)),
      new HubDayDrop("a", 10, 10, List.of(10.0, 10.0)));

  @Test
  void twoDropsWhoseSingleReleasesOverloadTheSameHourAreStaggered() {
    // Capacity 10 pickups an hour, every order picked the hour it is sold. Released together at 10:00 both sell
    // out within hour 10: 20 pickups against 10, 10 over. The first pass plans a (release order: 10:00, then id)
    // on the whole capacity: one release at 10:00 (cost 10 unmet + 0.5 x 1 h). b then finds hour 10 full: k
    // units at 10:00 cost 11 + 0.95 k, all 10 at 11:00 cost 10 unmet (hour 10's demand) + 0.5 x 2 h = 11. The
    // round after changes nothing (a's best reply to b at 11:00 is its own plan), so the search stops.
    HubCapacity hub = new HubCapacity("hub-1", 10, 8, 20);

    HubDayPlan plan = HubDayPlanner.plan(TWIN_DROPS, hub, PickupModel.sameHour(), BatchingParams.defaults());

    assertEquals(List.of("a", "b"), plan.drops().stream().map(HubDayPlanner.PlannedDrop::dropId).toList(),
        "release order, then id");
    assertEquals(List.of(new Batch(0, 10)), plan.drop("a").batches(), "a opens its window");
    assertEquals(List.of(new Batch(1, 10)), plan.drop("b").batches(), "b waits one hour");
    assertEquals(List.of(11), plan.drop("b").releaseHours(), "b is released at 11:00");
    assertEquals(0.0, plan.expected().overCapacityPickups(), "nothing above capacity");
    assertEquals(1.0, plan.expected().peakLoadRatio(), "10 pickups in hours 10 and 11");
    assertEquals(10.0, plan.expected().loadByHour().get(10), "a's pickups at 10:00");
    assertEquals(10.0, plan.expected().loadByHour().get(11), "b's pickups at 11:00");
    assertEquals(10.5 + 11.0, plan.cost(), 1e-12, "a: 10 unmet + 0.5 h; b: 10 unmet + 1 h");
    assertEquals(1, plan.rounds(), "one round without a change");
    // Each of the three plans (a, b, a again; b's capacity did not change) searches 2 + 9 candidates.
    assertEquals(33, plan.candidatesEvaluated(), "plans searched");

    HubDayCourse single = plan.singleRelease();
    assertEquals(10.0, single.overCapacityPickups(), "20 pickups against 10 at 10:00");
    assertEquals(2.0, single.peakLoadRatio(), "twice the capacity");
    assertEquals(10.5 + 10.5 + 10.0, single.cost(BatchingParams.defaults()), 1e-12, "both sell out at 11:00");
    assertEquals(List.of(5.0, 5.0), single.drops().stream().map(SimulationResult::overCapacityPickups).toList(),
        "the excess split in proportion to the drops' pickups");
  }

  @Test
  void ampleCapacityLeavesEveryDropWithASingleReleaseAtItsWindowStart() {
    HubCapacity hub = new HubCapacity("hub-1", 100, 8, 20);

    HubDayPlan plan = HubDayPlanner.plan(TWIN_DROPS, hub, PickupModel.sameHour(), BatchingParams.defaults());

    assertEquals(List.of(new Batch(0, 10)), plan.drop("a").batches(), "a: one release");
    assertEquals(List.of(new Batch(0, 10)), plan.drop("b").batches(), "b: one release");
    assertEquals(0.0, plan.expected().overCapacityPickups(), "nothing above capacity");
    assertEquals(0.2, plan.expected().peakLoadRatio(), 1e-12, "20 pickups against 100");
    assertEquals(21.0, plan.cost(), 1e-12, "two drops: 10 unmet + 0.5 h each");
    assertEquals(plan.expected(), plan.singleRelease(), "the plan is the single release");
  }

  @Test
  void backgroundLoadIsCapacityTheDropsCannotUse() {
    // Capacity 20, of which 10 is taken at 10:00 by other orders: the same two drops are staggered as with 10.
    List<Double> background = new java.util.ArrayList<>(java.util.Collections.nCopies(24, 0.0));
    background.set(10, 10.0);
    background.set(11, 10.0);
    HubCapacity hub = new HubCapacity("hub-1", 20, 8, 20, background);

    HubDayPlan plan = HubDayPlanner.plan(TWIN_DROPS, hub, PickupModel.sameHour(), BatchingParams.defaults());

    assertEquals(List.of(11), plan.drop("b").releaseHours(), "b waits for 11:00");
    assertEquals(1.0, plan.expected().peakLoadRatio(), 1e-12, "10 background + 10 pickups against 20");
    assertEquals(0.0, plan.expected().overCapacityPickups(), "nothing above capacity");
  }

  @Test
  void withoutImprovementRoundsTheFirstPassIsThePlan() {
    // jointRounds 0: each drop planned once in release order on what the earlier ones left.
    HubDayPlan plan = HubDayPlanner.plan(TWIN_DROPS, new HubCapacity("hub-1", 10, 8, 20), PickupModel.sameHour(),
        BatchingParams.defaults().with("jointRounds", 0));

    assertEquals(List.of(11), plan.drop("b").releaseHours(), "b is still staggered");
    assertEquals(0, plan.rounds(), "no rounds");
    assertEquals(22, plan.candidatesEvaluated(), "two plans of 11 candidates");
  }

  @Test
  void theJointCostNeverExceedsTheSingleReleases() {
    // Four drops with overlapping windows and a two-hour pickup delay; a seeded mix of sizes.
    java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
    List<HubDayDrop> drops = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      List<Double> demand = new java.util.ArrayList<>();
      for (int h = 0; h < 5; h++) {
        demand.add((double) rng.nextInt(4, 20));
      }
      drops.add(new HubDayDrop("d" + i, rng.nextInt(10, 60), 9 + rng.nextInt(3), demand));
    }
    PickupModel pickup = new PickupModel(List.of(0.5, 0.3, 0.2), 1.2);

    HubDayPlan plan = HubDayPlanner.plan(drops, new HubCapacity("hub-1", 15, 8, 20), pickup,
        BatchingParams.defaults());

    assertTrue(plan.cost() <= plan.singleRelease().cost(BatchingParams.defaults()) + 1e-9,
        "joint cost " + plan.cost() + " above the single releases' " + plan.singleRelease().cost(BatchingParams.defaults()));
    assertTrue(plan.expected().overCapacityPickups() < plan.singleRelease().overCapacityPickups(),
        "the joint plan relieves the hub");
    assertEquals(plan, HubDayPlanner.plan(drops, new HubCapacity("hub-1", 15, 8, 20), pickup,
        BatchingParams.defaults()), "deterministic");
  }

  @Test
  void aDropTwiceInTheDayIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HubDayPlanner.plan(
        List.of(TWIN_DROPS.get(0), TWIN_DROPS.get(0)), new HubCapacity("hub-1", 10, 8, 20), PickupModel.sameHour(),
        BatchingParams.defaults()));
    assertTrue(e.getMessage().startsWith("Drop 'b' is twice in the hub's day"), "message: " + e.getMessage());
  }

  @Test
  void aDropWhoseOrdersFollowItsReleaseWaitsForAnHourTheEarlierDaysPickupsLeaveFree() {
    // Capacity 10 an hour, all of it taken at 08:00 by pickups of earlier days' orders. A drop of 10 units with
    // the window 08:00-10:00 and 10 units of demand. On the profile (5, 5) the demand at 08:00 is there whatever
    // the release: releasing at 08:00 (5 over, sold out at 2 h: cost 6) ties with waiting (5 unmet, open to the
    // end: cost 6), and ties go to the earlier release. When the orders come in the first hour after the release
    // (curve (1.0)), releasing at 09:00 draws all 10 into 09:00 (nothing over, cost 1) where 08:00 puts all 10
    // over capacity (cost 10.5).
    List<Double> background = new java.util.ArrayList<>(java.util.Collections.nCopies(24, 0.0));
    background.set(8, 10.0);
    HubCapacity hub = new HubCapacity("hub-1", 10, 8, 20, background);
    List<Double> profile = List.of(5.0, 5.0);

    HubDayPlan onProfile = HubDayPlanner.plan(List.of(new HubDayPlanner.HubDayDrop("a", 10, 8, profile)), hub,
        PickupModel.sameHour(), BatchingParams.defaults());
    HubDayPlan onRush = HubDayPlanner.plan(List.of(new HubDayPlanner.HubDayDrop("a", 10, 8, profile,
        new ReleaseCurve(List.of(1.0), 20))), hub, PickupModel.sameHour(), BatchingParams.defaults());

    assertEquals(List.of(8), onProfile.drop("a").releaseHours(), "on the profile: released at opening");
    assertEquals(5.0, onProfile.expected().overCapacityPickups(), 1e-12, "5 sold at 08:00, all over");
    assertEquals(List.of(9), onRush.drop("a").releaseHours(), "with the rush: released at 09:00");
    assertEquals(0.0, onRush.expected().overCapacityPickups(), 1e-12, "nothing over capacity");
    assertEquals(10.0, onRush.expected().drops().get(0).sold(), 1e-12, "every unit sells in the hour after");
    assertEquals(1.0, onRush.cost(), 1e-12, "sold out 2 h after the window start x 0.5");
    assertEquals(10.0, onRush.singleRelease().overCapacityPickups(), 1e-12, "released at 08:00: all 10 over");
  }
}

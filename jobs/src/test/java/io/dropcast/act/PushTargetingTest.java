package io.dropcast.act;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcast.models.cadence.DropOutcome;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The ranking, the audience cap and the uplift shrinkage on hand-made cases, exact values. No Spark. */
class PushTargetingTest {
  private static final double EPS = 1e-12;

  /** Four neighbourhoods for a drop with 10 units; nb-b has the most demand once its uplift counts. */
  private static final List<PushTargeting.Candidate> FOUR = List.of(
      new PushTargeting.Candidate("nb-a", 4.0, 1.0),   // 4.0 notified
      new PushTargeting.Candidate("nb-b", 3.0, 1.5),   // 4.5 notified: ranks above nb-a
      new PushTargeting.Candidate("nb-c", 2.0, 1.25),  // 2.5
      new PushTargeting.Candidate("nb-d", 1.0, 1.0));  // 1.0

  @Test
  void neighbourhoodsRankByExpectedDemandTimesUpliftAndTheAudienceStopsWhereItWouldExceedTheUnits() {
    List<PushTargeting.Target> t = PushTargeting.rankAndCap(FOUR, 10);
    assertEquals(List.of("nb-b", "nb-a", "nb-c", "nb-d"), t.stream().map(x -> x.candidate().neighbourhood()).toList(),
        "ranked by expected demand when notified, not by demand alone");
    assertEquals(List.of(1, 2, 3, 4), t.stream().map(PushTargeting.Target::rank).toList());
    assertEquals(List.of(4.5, 8.5, 11.0, 12.0), t.stream().map(PushTargeting.Target::cumulativeExpectedDemand).toList());
    assertEquals(List.of(true, true, false, false), t.stream().map(PushTargeting.Target::notified).toList(),
        "4.5 + 4.0 = 8.5 fits in 10 units; adding nb-c (11.0) would not, so the audience stops there");
  }

  @Test
  void theAudienceStopsAtTheFirstNeighbourhoodOverTheCapEvenIfASmallerOneWouldStillFit() {
    // nb-c would take the total to 11 > 10.5; nb-d (1.0) alone would fit, but the audience is a prefix.
    List<PushTargeting.Target> t = PushTargeting.rankAndCap(FOUR, 10.5);
    assertEquals(List.of(true, true, false, false), t.stream().map(PushTargeting.Target::notified).toList());
  }

  @Test
  void cumulativeDemandExactlyAtTheUnitsPlacedIsStillNotified() {
    List<PushTargeting.Target> t = PushTargeting.rankAndCap(FOUR, 11.0);
    assertEquals(List.of(true, true, true, false), t.stream().map(PushTargeting.Target::notified).toList());
  }

  @Test
  void whenTheTopNeighbourhoodAloneExceedsTheUnitsNobodyIsNotified() {
    List<PushTargeting.Target> t = PushTargeting.rankAndCap(FOUR, 4.0);
    assertEquals(List.of(false, false, false, false), t.stream().map(PushTargeting.Target::notified).toList());
  }

  @Test
  void aNeighbourhoodWithNoExpectedDemandIsRankedLastAndNotNotified() {
    List<PushTargeting.Target> t = PushTargeting.rankAndCap(List.of(
        new PushTargeting.Candidate("nb-a", 0.0, 1.5), new PushTargeting.Candidate("nb-b", 2.0, 1.0)), 10);
    assertEquals(List.of("nb-b", "nb-a"), t.stream().map(x -> x.candidate().neighbourhood()).toList());
    assertEquals(List.of(true, false), t.stream().map(PushTargeting.Target::notified).toList(),
        "nobody there is expected to order: no notification, although the cap is not reached");
  }

  @Test
  void tiesRankByNeighbourhoodName() {
    List<PushTargeting.Target> t = PushTargeting.rankAndCap(List.of(
        new PushTargeting.Candidate("nb-z", 2.0, 1.0), new PushTargeting.Candidate("nb-y", 1.0, 2.0)), 100);
    assertEquals(List.of("nb-y", "nb-z"), t.stream().map(x -> x.candidate().neighbourhood()).toList());
  }

  @Test
  void aNeighbourhoodsUpliftIsShrunkTowardsItsCategoryByItsEvidence() {
    // own 2.0 on 10 drops of evidence, category 1.25, prior 10 drops: the geometric mean of the two.
    assertEquals(Math.sqrt(2.0 * 1.25), PushTargeting.shrink(2.0, 10, 1.25, 10), EPS);
    // 30 drops of evidence against 10 of prior: exp((30 ln 2 + 10 ln 1.25) / 40) = 2^0.75 x 1.25^0.25.
    assertEquals(Math.pow(2.0, 0.75) * Math.pow(1.25, 0.25), PushTargeting.shrink(2.0, 30, 1.25, 10), EPS);
    assertEquals(1.25, PushTargeting.shrink(3.0, 0, 1.25, 10), EPS, "no evidence of its own: the category's");
    assertEquals(2.0, PushTargeting.shrink(2.0, 5, 1.25, 0), EPS, "no prior: its own");
  }

  @Test
  void theChannelFitOfAGroupIsTheUpliftModelsWithEvidenceTheSmallerOfDropsWithAndWithout() {
    // Two push drops (demand 3 each, +0.5) and two without (demand 1, +0.5), same baseline and discount: the
    // push effect is 3.5 / 1.5.
    List<DropOutcome> outcomes = List.of(
        new DropOutcome("d1", 3.5, 2.5, true, false, 0.2), new DropOutcome("d2", 3.5, 2.5, true, false, 0.2),
        new DropOutcome("d3", 1.5, 2.5, false, false, 0.2), new DropOutcome("d4", 1.5, 2.5, false, false, 0.2));
    Row r = ChannelUplift.estimate("nb|bakery", outcomes);
    assertEquals("nb|bakery", r.getString(0));
    assertEquals(4, r.getInt(1), "drops used");
    assertEquals(3.5 / 1.5, r.getDouble(2), 1e-9, "push effect");
    assertEquals(2, r.getInt(3), "push evidence: 2 drops with, 2 without");
    assertEquals(1.0, r.getDouble(4), EPS, "SMS never used: not identified, effect 1");
    assertEquals(0, r.getInt(5), "SMS evidence");
  }

  @Test
  void pushAndSmsAlwaysTogetherCannotBeToldApartAndAreNotIdentified() {
    List<DropOutcome> outcomes = List.of(
        new DropOutcome("d1", 3.5, 2.5, true, true, 0.2), new DropOutcome("d2", 1.5, 2.5, false, false, 0.2));
    Row r = ChannelUplift.estimate("bakery", outcomes);
    assertEquals(List.of(1.0, 0, 1.0, 0), List.of(r.getDouble(2), r.getInt(3), r.getDouble(4), r.getInt(5)));
  }
}

package io.dropcast.models.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.models.plan.PlanCost.PairScore;
import io.dropcast.models.plan.PlanCost.RealisedDemand;
import io.dropcast.models.plan.PlanCost.Score;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCostTest {

  @Test
  void realisedSalesShortageLeftoverAndCostAreExactOnATinyDay() {
    // The equal split of the tiny day places a: 2/3/2 at h1/h2/h3 and b: 2/2 at h2/h3 (p = 4, h = 1 everywhere,
    // handling 0.5 at h2). Realised: a 4/1/2, b 0/5, and a row for b at h1, where b is not eligible.
    AllocationProblem problem = PlanBaselinesTest.tinyDay();
    Plan plan = PlanBaselines.equalSplit(problem);

    Score score = PlanCost.score(problem, plan, List.of(
        new RealisedDemand("a", "h1", 4), new RealisedDemand("a", "h2", 1), new RealisedDemand("a", "h3", 2),
        new RealisedDemand("b", "h3", 5), new RealisedDemand("b", "h1", 3)));

    assertEquals(List.of(
            new PairScore("a", "h1", 2, 4, 2, 2, 0, 0.5, 8, 0),
            new PairScore("a", "h2", 3, 1, 1, 0, 2, 1, 2, 1.5),
            new PairScore("a", "h3", 2, 2, 2, 0, 0, 1, 0, 0),
            new PairScore("b", "h2", 2, 0, 0, 0, 2, 1, 2, 1),
            new PairScore("b", "h3", 2, 5, 2, 3, 0, 0.4, 12, 0)),
        score.pairs(), "per pair: placed, demand, sales, shortage, leftover, fill rate, cost, handling");
    assertEquals(11, score.placed(), "units placed");
    assertEquals(12, score.demand(), "demand (the unmatched row excluded)");
    assertEquals(7, score.sales(), "sales");
    assertEquals(5, score.shortage(), "shortage");
    assertEquals(4, score.leftover(), "leftover");
    assertEquals(7.0 / 12, score.fillRate(), 1e-15, "sales / demand");
    assertEquals(24.0, score.cost(), 1e-12, "h * leftover + p * shortage = 4 + 20");
    assertEquals(2.5, score.handlingCost(), 1e-12, "0.5 * 5 units at h2");
    assertEquals(1, score.unmatchedDemandRows(), "the row for b at h1 is counted, not scored");
  }

  @Test
  void aRepeatedDemandRowIsRejected() {
    AllocationProblem problem = PlanBaselinesTest.tinyDay();
    Plan plan = PlanBaselines.equalSplit(problem);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanCost.score(problem, plan,
        List.of(new RealisedDemand("a", "h1", 1), new RealisedDemand("a", "h1", 2))));
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("'h1'"),
        "message must name the pair, was: " + e.getMessage());
  }
}

package io.dropcast.models.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dropcast.models.plan.HubChoice.Occasion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubChoiceTest {
  @Test
  void withOneOfferTheAttractionsAreThePickupShares() {
    // Two drops offered at A and B: 3 pickups at A, 1 at B in all. One choice set: v proportional to the wins.
    Map<String, Double> v = HubChoice.fit(List.of(new Occasion(List.of("A", "B"), Map.of("A", 2.0, "B", 1.0)),
        new Occasion(List.of("A", "B"), Map.of("A", 1.0))), Map.of(), 0);
    assertEquals(0.75, v.get("A"), 1e-9, "A's attraction");
    assertEquals(0.25, v.get("B"), 1e-9, "B's attraction");
  }

  @Test
  void offersThatOverlapInOneHubAreFittedJointly() {
    // {A, B}: A 3, B 1, so v(A) / v(B) = 3; {B, C}: 2 and 2, so v(B) = v(C): v = (3, 1, 1) / 5 maximises the
    // likelihood (each offer's ratio is free).
    Map<String, Double> v = HubChoice.fit(List.of(new Occasion(List.of("A", "B"), Map.of("A", 3.0, "B", 1.0)),
        new Occasion(List.of("B", "C"), Map.of("B", 2.0, "C", 2.0))), Map.of(), 0);
    assertEquals(0.6, v.get("A"), 1e-8, "A");
    assertEquals(0.2, v.get("B"), 1e-8, "B");
    assertEquals(0.2, v.get("C"), 1e-8, "C");
  }

  @Test
  void aHubUsedOnlyWhenTheNearestIsNotOfferedGetsLittleOfADropOfferedAtBoth() {
    // Six pickups at A of a drop offered at A and B; two at B of a drop offered at B only; a prior of 2 pickups
    // split 0.5 / 0.5 over both. Wins: A 6 + 1 = 7, B 2 + 1 = 3. Fixed point with v(A) + v(B) = 1:
    // v(A) = 7 / (6 / 1 + 2 / 1) = 0.875, v(B) = 3 / (6 + 2 + 2 / v(B)) = 0.125. The share of pickups would give B
    // (2 + 1) / (8 + 2) = 0.3 of such a drop instead of 0.125.
    Map<String, Double> v = HubChoice.fit(List.of(new Occasion(List.of("A", "B"), Map.of("A", 6.0)),
        new Occasion(List.of("B"), Map.of("B", 2.0))), Map.of("A", 0.5, "B", 0.5), 2);
    assertEquals(0.875, v.get("A"), 1e-8, "A");
    assertEquals(0.125, v.get("B"), 1e-8, "B");
  }

  @Test
  void withoutPickupsTheDistanceWeightsAreKept() {
    Map<String, Double> v = HubChoice.fit(List.of(new Occasion(List.of("A", "B"), Map.of())),
        Map.of("A", 0.6, "B", 0.2, "C", 0.2), 2);
    assertEquals(Map.of("A", 0.6, "B", 0.2, "C", 0.2).keySet(), v.keySet());
    assertEquals(0.6, v.get("A"), 1e-12, "A");
    assertEquals(0.2, v.get("B"), 1e-12, "B");
    assertEquals(0.2, v.get("C"), 1e-12, "C");
    assertEquals(0.0, HubChoice.fit(List.of(), Map.of("A", 1.0), 0).get("A"), 0.0, "no data and no prior");
  }

  @Test
  void pickupsAtAHubTheDropWasNotOfferedAtAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Occasion(List.of("A"), Map.of("B", 1.0)));
    assertEquals(true, e.getMessage().contains("hub 'B', which it does not offer"), e.getMessage());
  }
}

package io.dropcast.models.cadence;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The micro-release plan of one drop chosen by {@link BatchPlanner}, with its expected course and, for
 * comparison, the course of releasing every unit at the window start.
 *
 * @param batches the batches, by release offset
 * @param cost the plan's cost under the planner's weights
 * @param expected the plan's expected course
 * @param singleRelease the expected course of one release of all units at offset 0
 * @param candidatesEvaluated plans simulated by the search
 */
public record BatchPlan(List<Batch> batches, double cost, SimulationResult expected,
    SimulationResult singleRelease, long candidatesEvaluated) implements Serializable {
  private static final long serialVersionUID = 1L;

  public BatchPlan {
    batches = List.copyOf(batches);
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(singleRelease, "singleRelease");
  }

  /** The units of each batch, in release order. */
  public List<Integer> units() {
    return batches.stream().map(Batch::units).toList();
  }

  /** The release offset of each batch, in hours from the window start. */
  public List<Integer> hourOffsets() {
    return batches.stream().map(Batch::hourOffset).toList();
  }
}

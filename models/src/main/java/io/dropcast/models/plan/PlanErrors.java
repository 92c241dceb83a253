package io.dropcast.models.plan;

/**
 * Builds the errors of the planning package, each saying what is wrong (with the offending value), why, and
 * how to fix it. One place, so the messages keep one shape.
 */
final class PlanErrors {
  private PlanErrors() {}

  static IllegalArgumentException invalid(String what, String why, String fix) {
    return new IllegalArgumentException(what + ". " + why + ". Fix: " + fix);
  }

  static IllegalStateException solverFailed(String what, String why, String fix) {
    return new IllegalStateException(what + ". " + why + ". Fix: " + fix);
  }

  static void requireFiniteNonNegative(double value, String name, String fix) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw invalid(name + " is " + value, "it must be a finite number >= 0", fix);
    }
  }

  static String requireId(String id, String kind) {
    if (id == null || id.isBlank()) {
      throw invalid("A " + kind + " has id '" + id + "'", "every " + kind + " needs a non-blank id",
          "set the " + kind + "'s id from its natural key");
    }
    return id;
  }
}

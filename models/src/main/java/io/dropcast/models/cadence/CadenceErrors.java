package io.dropcast.models.cadence;

import java.util.List;

/**
 * Builds the errors of the cadence package, each saying what is wrong (with the offending value), why, and how
 * to fix it. One place, so the messages keep one shape.
 */
final class CadenceErrors {
  private CadenceErrors() {}

  static IllegalArgumentException invalid(String what, String why, String fix) {
    return new IllegalArgumentException(what + ". " + why + ". Fix: " + fix);
  }

  /** A configuration parameter out of its range: names the record, the parameter, the value and the rule. */
  static IllegalArgumentException badParam(String owner, String name, Object value, String rule, String fix) {
    return invalid(owner + "." + name + " is " + value, "it must be " + rule, fix);
  }

  static double requireFiniteNonNegative(double value, String name, String fix) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw invalid(name + " is " + value, "it must be a finite number >= 0", fix);
    }
    return value;
  }

  static double requirePositive(double value, String name, String fix) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(name + " is " + value, "it must be a finite number > 0", fix);
    }
    return value;
  }

  /** A copy of a list of finite non-negative numbers of the given size (any size when {@code size < 0}). */
  static List<Double> nonNegativeList(List<Double> values, int size, String name, String fix) {
    if (values == null || (size >= 0 && values.size() != size)) {
      throw invalid(name + " has " + (values == null ? "no" : values.size()) + " values",
          size >= 0 ? "it needs exactly " + size + " values" : "it needs a list", fix);
    }
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      if (v == null || !(v >= 0) || v.isInfinite()) {
        throw invalid(name + " has value " + v + " at position " + i, "every value must be a finite number >= 0",
            fix);
      }
    }
    return List.copyOf(values);
  }

  static double[] toArray(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  static List<Double> toList(double[] values) {
    Double[] boxed = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return List.of(boxed);
  }
}

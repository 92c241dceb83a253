package io.dropcast.models.cadence;

import java.util.List;
import java.util.stream.Collectors;

/** Helpers for setting parameters by name. */
final class ParamNames {
  private ParamNames() {}

  static int integer(String owner, String name, double value) {
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw CadenceErrors.badParam(owner, name, value, "a whole number", "set " + name + " to an integer");
    }
    return (int) value;
  }

  static IllegalArgumentException unknown(String owner, String name, List<ParamDoc> params) {
    return CadenceErrors.invalid(owner + " has no parameter '" + name + "'",
        "the known parameters are " + params.stream().map(ParamDoc::name).collect(Collectors.joining(", ")),
        "check the spelling of the configuration key");
  }
}

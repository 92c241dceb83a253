package io.dropcast.models.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CadenceParamsTest {

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    CadenceParams p = CadenceParams.defaults();
    for (ParamDoc d : CadenceParams.PARAMS) {
      assertEquals(d.defaultValue(), value(p, d.name()),
          "documented default of " + d.name());
    }
    for (ParamDoc d : BatchingParams.PARAMS) {
      assertEquals(d.defaultValue(), value(p.batching(), d.name()), "documented default of " + d.name());
    }
  }

  private static String value(Object record, String name) {
    try {
      return String.valueOf(record.getClass().getMethod(name).invoke(record));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no accessor " + name, e);
    }
  }

  @Test
  void aNegativeCostWeightIsRejectedNamingTheParameterTheValueAndTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchingParams.defaults().with("overCapacityWeight", -1));
    assertEquals("BatchingParams.overCapacityWeight is -1.0. it must be a finite number >= 0. Fix: set "
        + "overCapacityWeight to a finite number >= 0 (0 switches the term off)", e.getMessage(), "message");
  }

  @Test
  void allWeightsZeroIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BatchingParams(0, 0, 0, 4, 20, 0, 3));
    assertTrue(e.getMessage().contains("are all 0") && e.getMessage().contains("Fix: give at least one"),
        "message: " + e.getMessage());
  }

  @Test
  void outOfRangeParametersNameTheirRule() {
    assertMessage(() -> CadenceParams.defaults().with("maxBatches", 5),
        "BatchingParams.maxBatches is 5. it must be an integer from 1 to 4. Fix: set it between 1 and 4");
    assertMessage(() -> CadenceParams.defaults().with("windowCoverage", 1.5),
        "CadenceParams.windowCoverage is 1.5. it must be a number in (0, 1]. Fix:");
    assertMessage(() -> CadenceParams.defaults().with("dropsPerWeek", 0),
        "CadenceParams.dropsPerWeek is 0. it must be an integer from 1 to 7. Fix:");
    assertMessage(() -> CadenceParams.defaults().with("mediumConfidenceMaxRelativeError", 0.05),
        "CadenceParams.mediumConfidenceMaxRelativeError is 0.05. it must be a number in "
            + "(highConfidenceMaxRelativeError = 0.1, 1]");
    assertMessage(() -> CadenceParams.defaults().with("dropsPerWeek", 2.5),
        "CadenceParams.dropsPerWeek is 2.5. it must be a whole number");
    assertMessage(() -> BatchingParams.defaults().with("backlogShare", 2),
        "BatchingParams.backlogShare is 2.0. it must be a number from 0 to 1");
  }

  @Test
  void anUnknownParameterNameListsTheKnownOnes() {
    assertMessage(() -> CadenceParams.defaults().with("dropsPerWeak", 2),
        "CadenceParams has no parameter 'dropsPerWeak'. the known parameters are dropsPerWeek, windowCoverage");
  }

  @Test
  void aParameterSetByNameChangesOnlyItself() {
    CadenceParams p = CadenceParams.defaults().with("recoveryThreshold", 0.8).with("sellOutTimeWeight", 2);
    assertEquals(0.8, p.recoveryThreshold(), "set");
    assertEquals(2.0, p.batching().sellOutTimeWeight(), "nested batching parameter set");
    assertEquals(CadenceParams.defaults().with("recoveryThreshold", 0.8).withBatching(
        BatchingParams.defaults().with("sellOutTimeWeight", 2)), p, "nothing else changed");
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String prefix) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(prefix), "message starts with '" + prefix + "', was: "
        + e.getMessage());
  }
}

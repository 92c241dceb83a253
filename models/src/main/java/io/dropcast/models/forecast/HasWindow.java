package io.dropcast.models.forecast;

import java.io.Serializable;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/** The moving average's window, shared by its forecaster and model; defined and defaulted once in {@link Defs}. */
public interface HasWindow extends Params {
  Defs windowDefs();

  default IntParam window() { return windowDefs().window; }

  default int getWindow() { return (Integer) getOrDefault(window()); }

  final class Defs implements Serializable {
    private static final long serialVersionUID = 1L;
    final IntParam window;

    public Defs(HasWindow owner) {
      window = new IntParam(owner, "window", "days before the origin averaged by the moving average",
          ParamValidators.<Object>inRange(1, 366));
      owner.setDefault(window, 28);
    }
  }
}

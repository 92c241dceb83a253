package io.dropcast.models.forecast;

import java.io.Serializable;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/** Params of the global GBT forecaster and its model; defined and defaulted once in {@link Defs}. */
public interface HasGbtParams extends Params {
  Defs gbtDefs();

  default IntParam maxIter() { return gbtDefs().maxIter; }
  default IntParam maxDepth() { return gbtDefs().maxDepth; }
  default DoubleParam stepSize() { return gbtDefs().stepSize; }
  default DoubleParam subsamplingRate() { return gbtDefs().subsamplingRate; }
  default LongParam seed() { return gbtDefs().seed; }
  default BooleanParam logTarget() { return gbtDefs().logTarget; }
  default IntParam originStepDays() { return gbtDefs().originStepDays; }
  default IntParam maxTrainingOrigins() { return gbtDefs().maxTrainingOrigins; }
  default IntParam trainingPartitions() { return gbtDefs().trainingPartitions; }

  default int getMaxIter() { return (Integer) getOrDefault(maxIter()); }
  default int getMaxDepth() { return (Integer) getOrDefault(maxDepth()); }
  default double getStepSize() { return (Double) getOrDefault(stepSize()); }
  default double getSubsamplingRate() { return (Double) getOrDefault(subsamplingRate()); }
  default long getSeed() { return (Long) getOrDefault(seed()); }
  default boolean getLogTarget() { return (Boolean) getOrDefault(logTarget()); }
  default int getOriginStepDays() { return (Integer) getOrDefault(originStepDays()); }
  default int getMaxTrainingOrigins() { return (Integer) getOrDefault(maxTrainingOrigins()); }
  default int getTrainingPartitions() { return (Integer) getOrDefault(trainingPartitions()); }

  final class Defs implements Serializable {
    private static final long serialVersionUID = 1L;
    final IntParam maxIter;
    final IntParam maxDepth;
    final DoubleParam stepSize;
    final DoubleParam subsamplingRate;
    final LongParam seed;
    final BooleanParam logTarget;
    final IntParam originStepDays;
    final IntParam maxTrainingOrigins;
    final IntParam trainingPartitions;

    public Defs(HasGbtParams owner) {
      maxIter = new IntParam(owner, "maxIter", "boosting iterations (trees)", ParamValidators.<Object>gtEq(1));
      maxDepth = new IntParam(owner, "maxDepth", "depth of each tree", ParamValidators.<Object>inRange(1, 30));
      stepSize = new DoubleParam(owner, "stepSize", "learning rate in (0, 1]",
          ParamValidators.<Object>inRange(0, 1, false, true));
      subsamplingRate = new DoubleParam(owner, "subsamplingRate",
          "fraction of training rows sampled per tree, in (0, 1]", ParamValidators.<Object>inRange(0, 1, false, true));
      seed = new LongParam(owner, "seed", "random seed of the row subsampling");
      logTarget = new BooleanParam(owner, "logTarget",
          "learn log1p(demand) - log1p(mean_28) (multiplicative, scale-free) instead of demand - mean_28");
      originStepDays = new IntParam(owner, "originStepDays",
          "days between consecutive training origins (each origin gives rows for horizons 1..horizon)",
          ParamValidators.<Object>inRange(1, 366));
      maxTrainingOrigins = new IntParam(owner, "maxTrainingOrigins",
          "most training origins, counted back from the last origin whose whole horizon is observed",
          ParamValidators.<Object>gtEq(1));
      trainingPartitions = new IntParam(owner, "trainingPartitions",
          "partitions the training rows are hashed into by key and sorted within before the fit, so that the same "
              + "rows give the same model whatever partitioning produced them", ParamValidators.<Object>gtEq(1));
      owner.setDefault(maxIter, 50);
      owner.setDefault(maxDepth, 5);
      owner.setDefault(stepSize, 0.1);
      owner.setDefault(subsamplingRate, 0.8);
      owner.setDefault(seed, 20_261_126L);
      owner.setDefault(logTarget, true);
      owner.setDefault(originStepDays, 7);
      owner.setDefault(maxTrainingOrigins, 52);
      owner.setDefault(trainingPartitions, 8);
    }
  }
}

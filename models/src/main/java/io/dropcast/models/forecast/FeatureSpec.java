package io.dropcast.models.forecast;

import java.io.Serializable;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@link ForecastFeatures} needs to know, taken from a forecaster's Params by
 * {@link HasForecastParams#featureSpec(int, int...)}.
 *
 * @param extraWindows rolling windows (days) wanted besides 7, 28 and 56, e.g. a moving average's
 * @param covariateHorizon covariates are read for horizons 1..covariateHorizon; later horizons get
 *     {@link ForecastFeatures#UNKNOWN_COVARIATE} (the value is not known that far ahead)
 */
public record FeatureSpec(
    String neighbourhoodCol,
    String categoryCol,
    String dateCol,
    String unitsCol,
    List<String> covariateCols,
    int horizon,
    List<String> holidays,
    int[] paydayDays,
    boolean fillMissingAsZero,
    int[] extraWindows,
    int coldStartRingSize,
    int covariateHorizon) implements Serializable {

  /** The rolling windows whose mean and std are computed: 7, 28, 56 and the extra ones, ascending. */
  public int[] windows() {
    TreeSet<Integer> w = new TreeSet<>(List.of(7, 28, 56));
    for (int e : extraWindows) {
      w.add(e);
    }
    return w.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Days before the origin the features read: the longest window (never less than 56). */
  public int lookbackDays() {
    int[] w = windows();
    return w[w.length - 1];
  }

  public List<String> keyCols() {
    return List.of(neighbourhoodCol, categoryCol);
  }
}

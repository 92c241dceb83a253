package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Bottom-up aggregation of neighbourhood forecasts to a parent level (e.g. hubs) through a mapping
 * {@code (neighbourhood, parent, weight)}: a neighbourhood may feed several parents with weights.
 *
 * <p>Point forecasts add up: parent prediction = sum of weight x child prediction. Quantiles of a sum are
 * not the sum of quantiles (that would assume perfectly correlated children and give too wide intervals),
 * so: the parent's centre is the weighted sum of the children's median column (the point forecast when no
 * 0.5 level is present); for every other level q the children are taken as independent with a normal
 * approximation of their spread on each side, which gives
 * {@code Q_q = centre + sign(q - 0.5) * sqrt(sum (weight * (Q_q,i - centre_i))^2)} (the normal quantile
 * factor cancels). Results are clipped at 0 and made non-decreasing across levels. Positive correlation
 * between neighbours (shared weather, promotions) makes these intervals too narrow; calibrate at the
 * parent level with a backtest where that matters.
 *
 * <p>Output: the parent column, the group columns (category, origin, target date, horizon), the
 * prediction, the quantile columns and {@code children} (number of contributing rows).
 */
public final class BottomUpAggregator {
  public static final String CHILDREN = "children";

  private final String neighbourhoodCol;
  private final String parentCol;
  private final String weightCol;
  private final List<String> groupCols;
  private final String predictionCol;
  private final double[] quantiles;
  private final List<String> quantileCols;

  public BottomUpAggregator(String neighbourhoodCol, String parentCol, String weightCol, List<String> groupCols,
      String predictionCol, double[] quantiles, List<String> quantileCols) {
    if (quantiles.length != quantileCols.size()) {
      throw new IllegalArgumentException("Got " + quantiles.length + " quantile levels but "
          + quantileCols.size() + " quantile columns " + quantileCols + "; pass one column per level.");
    }
    this.neighbourhoodCol = neighbourhoodCol;
    this.parentCol = parentCol;
    this.weightCol = weightCol;
    this.groupCols = List.copyOf(groupCols);
    this.predictionCol = predictionCol;
    this.quantiles = quantiles.clone();
    this.quantileCols = List.copyOf(quantileCols);
  }

  /** For a model's output: groups by category, origin, target date and horizon; its quantile columns. */
  public static BottomUpAggregator forModel(DemandForecastModel model, String parentCol, String weightCol) {
    double[] qs = model.outputQuantiles() == null ? new double[0] : model.outputQuantiles();
    return new BottomUpAggregator(model.getNeighbourhoodCol(), parentCol, weightCol,
        List.of(model.getCategoryCol(), model.getOriginCol(), model.getTargetDateCol(), model.getHorizonCol()),
        model.getPredictionCol(), qs, QuantileColumns.names(model.getQuantileColPrefix(), qs));
  }

  public Dataset<Row> aggregate(Dataset<Row> forecasts, Dataset<Row> mapping) {
    Schemas.require(mapping.schema(), neighbourhoodCol, "the child cell", "neighbourhoodCol");
    Schemas.require(mapping.schema(), parentCol, "the parent", "parentCol");
    Schemas.requireNumeric(mapping.schema(), weightCol, "the child's weight", "weightCol");
    Schemas.require(forecasts.schema(), predictionCol, "the point forecast", "predictionCol");
    for (String q : quantileCols) {
      Schemas.require(forecasts.schema(), q, "a quantile forecast", "quantileCols");
    }
    Dataset<Row> joined = forecasts.join(
        mapping.select(col(neighbourhoodCol), col(parentCol), col(weightCol).cast(DataTypes.DoubleType).as("__w")),
        neighbourhoodCol);
    int median = Arrays.binarySearch(quantiles, 0.5);
    Column centre = median >= 0 ? col(quantileCols.get(median)) : col(predictionCol);
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(col("__w").multiply(col(predictionCol))).as(predictionCol));
    aggs.add(sum(col("__w").multiply(centre)).as("__centre"));
    for (int i = 0; i < quantiles.length; i++) {
      Column dev = col("__w").multiply(col(quantileCols.get(i)).minus(centre));
      aggs.add(sum(dev.multiply(dev)).as("__var" + i));
    }
    List<Column> groups = new ArrayList<>(List.of(col(parentCol)));
    groupCols.forEach(g -> groups.add(col(g)));
    Dataset<Row> sums = joined.groupBy(groups.toArray(new Column[0]))
        .agg(count(lit(1)).as(CHILDREN), aggs.toArray(new Column[0]));

    List<Column> out = new ArrayList<>(groups);
    out.add(col(predictionCol));
    Column previous = null;
    for (int i = 0; i < quantiles.length; i++) {
      double sign = Math.signum(quantiles[i] - 0.5);
      Column q = greatest(lit(0.0), col("__centre").plus(sqrt(col("__var" + i)).multiply(sign)));
      if (previous != null) {
        q = greatest(q, previous);
      }
      previous = q;
      out.add(q.as(quantileCols.get(i)));
    }
    out.add(col(CHILDREN));
    return sums.select(out.toArray(new Column[0]));
  }
}

package io.dropcast.models.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expm1;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * Fitted conformal quantiles: adds one column per quantile level (named by {@link QuantileColumns}) to
 * rows with a point forecast, a horizon and a level. Each is {@code expm1(log1p(prediction) + r_q)} (log
 * residuals) or {@code prediction + r_q} (absolute), with {@code r_q} the residual quantile of the row's
 * horizon x volume band; clipped at 0. The residual quantiles of each band are made non-decreasing on
 * construction, so the quantile columns never cross.
 */
public final class ConformalCalibration extends Model<ConformalCalibration>
    implements HasCalibrationParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final HasCalibrationParams.Defs defs;
  private final double[] volumeEdges;
  /** Residual quantiles per band: index horizonBand * volumeBands + volumeBand, then quantile. */
  private final double[][] table;

  public ConformalCalibration(String uid, double[] volumeEdges, double[][] table) {
    this.uid = uid;
    this.defs = new HasCalibrationParams.Defs(this);
    this.volumeEdges = volumeEdges.clone();
    this.table = new double[table.length][];
    for (int i = 0; i < table.length; i++) {
      this.table[i] = table[i].clone();
      for (int q = 1; q < this.table[i].length; q++) {
        // Non-decreasing residual quantiles give non-decreasing quantile forecasts: expm1(log1p(p) + r) and
        // p + r grow with r, and clipping at 0 keeps the order.
        this.table[i][q] = Math.max(this.table[i][q], this.table[i][q - 1]);
      }
    }
  }

  @Override public String uid() { return uid; }
  @Override public HasCalibrationParams.Defs calibrationDefs() { return defs; }

  public ConformalCalibration setPredictionCol(String value) { set(predictionCol(), value); return this; }
  public ConformalCalibration setHorizonCol(String value) { set(horizonCol(), value); return this; }
  public ConformalCalibration setLevelCol(String value) { set(levelCol(), value); return this; }
  public ConformalCalibration setQuantileColPrefix(String value) { set(quantileColPrefix(), value); return this; }

  /** Upper edges of the volume bands (level &le; edge 0 is band 0, ...). */
  public double[] volumeEdges() { return volumeEdges.clone(); }

  /** Residual quantiles of a horizon band x volume band. */
  public double[] residualQuantiles(int horizonBand, int volumeBand) {
    return table[horizonBand * getVolumeBands() + volumeBand].clone();
  }

  /**
   * The level as the volume bands see it: 0 when unknown, rounded ({@link StableDoubles#decimals}). The edges
   * are levels themselves, and many series share a level (means of small counts), so a level that two runs add up
   * in different orders must not fall on either side of its edge.
   */
  static Column bandedLevel(Column level) {
    return StableDoubles.decimals(org.apache.spark.sql.functions.coalesce(level, lit(0.0)));
  }

  /** The band index of a value: how many edges it exceeds. */
  static Column band(Column value, double[] edges) {
    Column b = lit(0);
    for (double e : edges) {
      b = b.plus(when(value.gt(e), 1).otherwise(0));
    }
    return b;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Schemas.requireNumeric(schema, getPredictionCol(), "the point forecast", "predictionCol");
    Schemas.requireNumeric(schema, getHorizonCol(), "the horizon", "horizonCol");
    Schemas.requireNumeric(schema, getLevelCol(), "the series level", "levelCol");
    StructType out = schema;
    for (String q : quantileColNames()) {
      Schemas.requireAbsent(schema, q, "quantileColPrefix");
      out = out.add(q, DataTypes.DoubleType, false);
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    int nv = getVolumeBands();
    Column cell = band(col(getHorizonCol()), ConformalCalibrator.toDoubles(getHorizonBands())).multiply(nv)
        .plus(band(bandedLevel(col(getLevelCol())), volumeEdges));
    Column p = greatest(col(getPredictionCol()), lit(0.0));
    boolean log = Defs.LOG.equals(getResidualSpace());
    Dataset<Row> out = dataset.toDF();
    List<String> names = quantileColNames();
    List<Column> cols = new ArrayList<>(List.of(col("*")));
    for (int qi = 0; qi < names.size(); qi++) {
      double[] byCell = new double[table.length];
      for (int c = 0; c < table.length; c++) {
        byCell[c] = table[c][qi];
      }
      // A literal array indexed by band: a small expression, whatever the number of bands.
      Column r = element_at(lit(byCell), cell.plus(1));
      cols.add(greatest(lit(0.0), log ? expm1(log1p(p).plus(r)) : p.plus(r)).as(names.get(qi)));
    }
    out = out.select(cols.toArray(new Column[0]));
    return out;
  }

  @Override
  public ConformalCalibration copy(ParamMap extra) {
    ConformalCalibration copy = new ConformalCalibration(uid, volumeEdges, table);
    copyValues(copy, extra);
    return hasParent() ? copy.setParent(parent()) : copy;
  }

  // ---- persistence: Params as MLlib metadata, the table as one parquet row under data/ ----

  private static final StructType DATA_SCHEMA = new StructType()
      .add("volume_edges", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("table", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, false), false), false);

  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(ConformalCalibration.this, path, sparkSession());
        List<Double> edges = new ArrayList<>();
        for (double e : volumeEdges) {
          edges.add(e);
        }
        List<List<Double>> rows = new ArrayList<>();
        for (double[] t : table) {
          rows.add(Arrays.stream(t).boxed().toList());
        }
        sparkSession().createDataFrame(List.of(RowFactory.create(edges, rows)), DATA_SCHEMA)
            .repartition(1).write().parquet(path + "/data");
      }
    };
  }

  public static MLReader<ConformalCalibration> read() {
    return new MLReader<>() {
      @Override
      public ConformalCalibration load(String path) {
        DefaultParamsReader.Metadata metadata =
            DefaultParamsReader.loadMetadata(path, sparkSession(), ConformalCalibration.class.getName());
        Row data = sparkSession().read().parquet(path + "/data").first();
        List<Double> edgeList = data.getList(0);
        double[] edges = edgeList.stream().mapToDouble(Double::doubleValue).toArray();
        List<scala.collection.Seq<Double>> rowList = data.getList(1);
        double[][] table = new double[rowList.size()][];
        for (int i = 0; i < table.length; i++) {
          table[i] = scala.jdk.javaapi.CollectionConverters.asJava(rowList.get(i)).stream()
              .mapToDouble(Double::doubleValue).toArray();
        }
        ConformalCalibration model = new ConformalCalibration(metadata.uid(), edges, table);
        metadata.getAndSetParams(model, Option.empty());
        return model;
      }
    };
  }

  public static ConformalCalibration load(String path) {
    return read().load(path);
  }
}

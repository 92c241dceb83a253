package io.dropcast.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.dropcast.errors.Errors;
import io.dropcast.models.forecast.GlobalGbtModel;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The model_registry table: recording a trained model and finding the one a run date may use. */
public final class ModelRegistry {
  private ModelRegistry() {}

  /** A registered model. */
  public record Entry(String modelId, LocalDate trainDate, String path) {}

  public static String modelId(LocalDate trainDate) {
    return "demand-gbt-" + trainDate;
  }

  /** Where a train run saves its model: one folder per run, so a failed rerun never damages the registered one. */
  public static String modelPath(Warehouse w, String modelId, String runId) {
    return w.root() + "/models/demand/" + modelId + "/" + runId;
  }

  /** Every Param of an estimator or model with its value, as strings. */
  public static Map<String, String> params(Params p) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (ParamPair<?> pair : scala.jdk.javaapi.CollectionConverters.asJava(p.extractParamMap().toSeq())) {
      Object v = pair.value();
      String text = v instanceof double[] d ? java.util.Arrays.toString(d)
          : v instanceof int[] i ? java.util.Arrays.toString(i)
          : v instanceof String[] s ? (s.length > 20 ? s.length + " entries" : java.util.Arrays.toString(s))
          : String.valueOf(v);
      out.put(pair.param().name(), text);
    }
    return out;
  }

  /** MERGE one entry on model_id (a rerun of the same date replaces its entry). */
  public static void record(Warehouse w, String modelId, LocalDate trainDate, String type, String path,
      Map<String, String> params, Map<String, Long> versions, Map<String, Double> metrics, long series,
      LocalDate from, LocalDate to, String runId) {
    DeltaTable target = w.ensureCreated(Tables.MODEL_REGISTRY);
    Row row = RowFactory.create(modelId, Date.valueOf(trainDate), type, path,
        scala.jdk.javaapi.CollectionConverters.asScala(params), scala.jdk.javaapi.CollectionConverters.asScala(versions),
        scala.jdk.javaapi.CollectionConverters.asScala(metrics), series, Date.valueOf(from), Date.valueOf(to), runId);
    Dataset<Row> source = w.spark().createDataFrame(List.of(row), Tables.MODEL_REGISTRY.schema());
    target.as("t").merge(source.as("s"), "t.model_id = s.model_id")
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
  }

  /** The latest model trained on or before the run date. */
  public static Entry latest(Warehouse w, LocalDate runDate) {
    String where = w.path(Tables.MODEL_REGISTRY);
    if (!w.exists(Tables.MODEL_REGISTRY)) {
      throw Errors.forecastNoModel(runDate.toString(), where, null);
    }
    Dataset<Row> all = w.read(Tables.MODEL_REGISTRY);
    List<Row> usable = all.filter(col("train_date").leq(lit(Date.valueOf(runDate))))
        .orderBy(col("train_date").desc()).limit(1).select("model_id", "train_date", "path").collectAsList();
    if (usable.isEmpty()) {
      List<Row> earliest = all.orderBy(col("train_date")).limit(1).select("train_date").collectAsList();
      throw Errors.forecastNoModel(runDate.toString(), where,
          earliest.isEmpty() ? null : earliest.get(0).getDate(0).toString());
    }
    Row r = usable.get(0);
    return new Entry(r.getString(0), r.getDate(1).toLocalDate(), r.getString(2));
  }

  public static GlobalGbtModel load(Entry e) {
    return GlobalGbtModel.load(e.path());
  }
}

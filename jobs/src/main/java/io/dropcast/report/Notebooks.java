package io.dropcast.report;

import io.dropcast.config.ConfigLoader;
import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.spark.Sessions;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the analysts' notebooks (notebooks/*.ipynb) start from: a small local SparkSession with Dropcast's
 * settings, the warehouse the nightly run wrote, read-only access to its tables by name, and HTML tables for
 * Jupyter's display. Notebooks never write a table: this class has no method that does.
 *
 * <p>The warehouse is the environment variable {@code DROPCAST_WAREHOUSE} if set, else {@code dropcast.warehouse}
 * of conf/dropcast.conf under {@code DROPCAST_HOME}.
 */
public final class Notebooks {
  private final SparkSession spark;
  private final Warehouse warehouse;
  private final DropcastConfig config;

  private Notebooks(SparkSession spark, Warehouse warehouse, DropcastConfig config) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.config = config;
  }

  /** Opens the warehouse with a local[2] session (the driver is the notebook's kernel). */
  public static Notebooks open() {
    Optional<Path> home = Optional.ofNullable(System.getenv("DROPCAST_HOME")).map(Path::of);
    Map<String, String> overrides = new java.util.HashMap<>();
    String env = System.getenv("DROPCAST_WAREHOUSE");
    if (env != null && !env.isBlank()) {
      overrides.put(Keys.WAREHOUSE.path(), env);
    }
    DropcastConfig config = ConfigLoader.load(home, Optional.empty(), overrides);
    if (System.getProperty("spark.master") == null) {
      System.setProperty("spark.master", "local[2]");
    }
    System.setProperty("spark.ui.enabled", "false");
    SparkSession spark = Sessions.getOrCreate(config, "dropcast notebook");
    spark.conf().set("spark.sql.shuffle.partitions", "2");
    return new Notebooks(spark, new Warehouse(spark, config), config);
  }

  public SparkSession spark() {
    return spark;
  }

  public DropcastConfig config() {
    return config;
  }

  public String root() {
    return warehouse.root();
  }

  /** A table by its name (as in docs/tables.md); fails listing the tables that exist when it is missing. */
  public Dataset<Row> table(String name) {
    Table table = Tables.byName(name)
        .orElseThrow(() -> new IllegalArgumentException("no table named '" + name + "'; tables: "
            + Tables.all().stream().map(Table::name).toList()));
    return warehouse.read(table);
  }

  /** Names of the tables that exist in the warehouse. */
  public List<String> tables() {
    return warehouse.existingNames();
  }

  /** The first {@code limit} rows of {@code data} as an HTML table (every cell escaped), for display(). */
  public static String html(Dataset<Row> data, int limit) {
    List<Row> rows = data.limit(limit + 1).collectAsList();
    StringBuilder s = new StringBuilder("<table><thead><tr>");
    for (String c : data.columns()) {
      s.append("<th>").append(Html.text(c)).append("</th>");
    }
    s.append("</tr></thead><tbody>");
    for (int i = 0; i < Math.min(limit, rows.size()); i++) {
      s.append("<tr>");
      Row r = rows.get(i);
      for (int c = 0; c < r.length(); c++) {
        Object v = r.get(c);
        s.append("<td>").append(v instanceof Double d ? Html.num(d, 2) : Html.text(v)).append("</td>");
      }
      s.append("</tr>");
    }
    s.append("</tbody></table>");
    if (rows.size() > limit) {
      s.append("<p>(first ").append(limit).append(" rows)</p>");
    }
    return s.toString();
  }
}

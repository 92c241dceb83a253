package io.dropcast.tables;

import io.delta.tables.DeltaTable;
import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The warehouse: where each {@link Table} lives and how it is opened. One folder per table under
 * {@code dropcast.warehouse}; the path is the only thing that changes between a laptop and a cluster.
 */
public final class Warehouse {
  private final SparkSession spark;
  private final String root;

  public Warehouse(SparkSession spark, DropcastConfig config) {
    this(spark, config.location(Keys.WAREHOUSE));
  }

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String path(Table table) {
    return root + "/" + table.name();
  }

  public boolean exists(Table table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /** Reads a table; fails with the list of tables that do exist when it is missing. */
  public Dataset<Row> read(Table table) {
    if (!exists(table)) {
      throw Errors.tableMissing(table.name(), path(table), existingNames());
    }
    return spark.read().format("delta").load(path(table));
  }

  /** The table's latest Delta version, or empty if the table does not exist yet. */
  public OptionalLong version(Table table) {
    if (!exists(table)) {
      return OptionalLong.empty();
    }
    Row last = DeltaTable.forPath(spark, path(table)).history(1).select("version").head();
    return OptionalLong.of(last.getLong(0));
  }

  /**
   * Creates the table, empty, with its schema, partitioning, table comment and column comments, unless it
   * already exists. Jobs call this before their first write so that readers always find the declared schema.
   */
  public DeltaTable ensureCreated(Table table) {
    return DeltaTable.createIfNotExists(spark)
        .location(path(table))
        .addColumns(table.schema())
        .partitionedBy(table.partitionColumns().toArray(String[]::new))
        .comment(table.comment())
        .execute();
  }

  /**
   * Adds to an existing table the nullable columns its declaration gained since the table was created (Delta's
   * {@code ALTER TABLE ADD COLUMNS}, each after the column it follows in the declaration, with its comment); rows
   * written before read them as null. Does nothing when the table does not exist or lacks nothing. A missing
   * required column cannot be added that way and fails, saying how to rebuild the table. Returns the columns added.
   */
  public List<String> addMissingColumns(Table table) {
    if (!exists(table)) {
      return List.of();
    }
    java.util.Set<String> present = new java.util.HashSet<>(java.util.Arrays.asList(read(table).schema().fieldNames()));
    List<String> added = new java.util.ArrayList<>();
    org.apache.spark.sql.types.StructField[] declared = table.schema().fields();
    for (int i = 0; i < declared.length; i++) {
      org.apache.spark.sql.types.StructField f = declared[i];
      if (present.contains(f.name())) {
        continue;
      }
      if (!f.nullable()) {
        throw Errors.badArgument("--warehouse", path(table), "table '" + table.name() + "' lacks the required column '"
                + f.name() + "' of its declaration (io.dropcast.tables.Tables), which cannot be added to existing rows",
            "drop the table's folder and rerun the job that writes it for the dates it held");
      }
      String comment = f.getComment().isDefined() ? f.getComment().get() : "";
      String position = i == 0 ? " FIRST" : " AFTER `" + declared[i - 1].name() + "`";
      spark.sql("ALTER TABLE delta.`" + path(table) + "` ADD COLUMNS (`" + f.name() + "` " + f.dataType().sql()
          + " COMMENT '" + comment.replace("\\", "\\\\").replace("'", "\\'") + "'" + position + ")");
      present.add(f.name());
      added.add(f.name());
    }
    return added;
  }

  /** Names of the declared tables that exist in this warehouse. */
  public List<String> existingNames() {
    return Tables.all().stream().filter(this::exists).map(Table::name).collect(Collectors.toList());
  }

  /**
   * Registers every existing table as a temporary view under its own name, so SQL can say
   * {@code SELECT * FROM orders}. Returns the names registered.
   */
  public List<String> registerViews() {
    List<String> registered = new java.util.ArrayList<>();
    for (Table table : Tables.all()) {
      if (exists(table)) {
        spark.read().format("delta").load(path(table)).createOrReplaceTempView(table.name());
        registered.add(table.name());
      }
    }
    return registered;
  }
}

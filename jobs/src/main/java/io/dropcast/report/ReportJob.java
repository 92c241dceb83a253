package io.dropcast.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.dropcast.cli.JobContext;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import io.dropcast.ingest.H3Cells;
import io.dropcast.tables.Table;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ops report of one run date: reads the plan of D (failing when there is none), the forecast, orders,
 * hubs, catchments, quarantine and the run ledger; computes the figures with {@link ReportData}; writes one
 * self-contained HTML page and one CSV file per figure into {@code dropcast.report.out/date=D/}. The folder is
 * written aside and swapped in whole, so a failed run leaves the previous report as it was and a rerun
 * replaces it.
 */
public final class ReportJob {
  /** The CSV files of a report and the page, by file name. */
  public static final String PAGE = "report.html";

  private final JobContext context;

  public ReportJob(JobContext context) {
    this.context = context;
  }

  /** What a run wrote: the folder, the page, the plan rows shown and the warnings. */
  public record Result(Path folder, Path page, long planRows, int warnings, double seconds) {}

  public Result run(LocalDate runDate) {
    long started = System.nanoTime();
    var config = context.config();
    ReportData.Params params = new ReportData.Params(runDate, config.get(Keys.REPORT_HISTORY_DAYS),
        config.get(Keys.REPORT_LOW_CONFIDENCE_WIDTH));
    Warnings.Limits limits = new Warnings.Limits(config.get(Keys.REPORT_QUARANTINE_FACTOR),
        config.get(Keys.REPORT_QUARANTINE_MIN_EXCESS), config.get(Keys.REPORT_LOW_CONFIDENCE_WIDTH));
    Path out = outputFolder();
    Warehouse w = context.warehouse();

    Dataset<Row> plan = readPlan(w, runDate, config.get(Keys.REPORT_MAX_PLAN_ROWS));
    Dataset<Row> forecast = ReportInputs.requireContract(w.read(ReportInputs.demandForecast()),
        ReportInputs.demandForecast(), List.of("run_date", "target_date", "horizon", "neighbourhood", "hub_id", "mean",
            "p10", "p90", "cold_start"));
    Dataset<Row> drops = w.read(Tables.DROPS);
    Dataset<Row> hubs = w.read(Tables.HUBS);
    Dataset<Row> orders = w.read(Tables.ORDERS);
    Dataset<Row> catchments = w.read(Tables.CATCHMENTS);
    Dataset<Row> quarantine = w.read(Tables.QUARANTINE);
    Dataset<Row> jobRuns = w.read(Tables.JOB_RUNS);

    Dataset<Row> planLines = ReportData.planLines(plan, drops, hubs, params).cache();
    try {
      Dataset<Row> display = ReportData.withLocalTimes(planLines);
      Dataset<Row> hubDays = ReportData.hubDays(planLines, hubs);
      Dataset<Row> hourLoad = ReportData.hubLoadByHour(planLines, hubs);
      Dataset<Row> fva = ReportData.forecastVsActual(forecast, orders, catchments, params);
      Dataset<Row> cells = ReportData.neighbourhoodDemand(forecast, orders, catchments, params);
      Dataset<Row> confidence = ReportData.forecastConfidence(forecast, params);
      Dataset<Row> quarantined = ReportData.quarantineByDate(quarantine, params);
      Dataset<Row> ingested = ReportData.ingestedDates(jobRuns, params);
      Dataset<Row> hubRows = hubs.select("hub_id", "name", "latitude", "longitude").orderBy("hub_id");

      Map<String, Figure> figures = new LinkedHashMap<>();
      figures.put("plan.csv", context.step("collect the plan lines", () -> Figure.of(display)));
      figures.put("hub_days.csv", context.step("units against capacity per hub", () -> Figure.of(hubDays)));
      figures.put("hub_load_by_hour.csv", context.step("hub load by hour", () -> Figure.of(hourLoad)));
      figures.put("forecast_vs_actual.csv", context.step("forecast against actuals", () -> Figure.of(fva)));
      figures.put("neighbourhood_demand.csv", context.step("neighbourhood demand", () -> Figure.of(cells)));
      figures.put("forecast_confidence.csv", context.step("forecast confidence", () -> Figure.of(confidence)));
      figures.put("quarantine.csv", context.step("quarantine by date", () -> Figure.of(quarantined)));
      List<Row> ingestedDates = context.step("ingested dates", () -> ingested.collectAsList());
      List<Row> hubList = context.step("hubs", () -> hubRows.collectAsList());
      List<Row> meta = context.step("plan run and models", () -> plan.filter(col("plan_date").equalTo(lit(Date.valueOf(runDate))))
          .select("run_id", "model_id").distinct().orderBy("run_id", "model_id").limit(50).collectAsList());

      List<Row> qRows = figures.get("quarantine.csv").rows();
      Map<Date, Long> perDate = new TreeMap<>();
      for (Row r : ingestedDates) {
        perDate.put(r.getAs("run_date"), 0L);
      }
      for (Row r : qRows) {
        perDate.merge(r.getAs("run_date"), r.<Long>getAs("records"), Long::sum);
      }
      List<Warnings.Warning> warnings = Warnings.of(figures.get("hub_days.csv").rows(),
          figures.get("hub_load_by_hour.csv").rows(), figures.get("forecast_confidence.csv").rows(), perDate,
          Date.valueOf(runDate), qRows, limits);

      ReportPage.Figures page = new ReportPage.Figures(runDate,
          String.join(", ", meta.stream().map(r -> r.<String>getAs("run_id")).distinct().toList()),
          meta.stream().map(r -> r.<String>getAs("model_id")).distinct().toList(),
          figures.get("plan.csv").rows(), figures.get("hub_days.csv").rows(), figures.get("hub_load_by_hour.csv").rows(),
          figures.get("forecast_vs_actual.csv").rows(), figures.get("neighbourhood_demand.csv").rows(), hubList,
          figures.get("forecast_confidence.csv").rows(), qRows, warnings, params.historyDays());
      String html = ReportPage.render(page, H3Cells.h3());
      Path folder = out.resolve("date=" + runDate);
      write(folder, html, figures, warnings);
      return new Result(folder, folder.resolve(PAGE), figures.get("plan.csv").rows().size(), warnings.size(),
          (System.nanoTime() - started) / 1e9);
    } finally {
      planLines.unpersist();
    }
  }

  /** A collected figure: its column order (for the CSV) and rows. */
  record Figure(String[] columns, List<Row> rows) {
    static Figure of(Dataset<Row> data) {
      return new Figure(data.columns(), data.collectAsList());
    }
  }

  private Dataset<Row> readPlan(Warehouse w, LocalDate runDate, int maxRows) {
    Table table = ReportInputs.plan();
    if (!w.exists(table)) {
      throw Errors.reportNoPlan(runDate.toString(), table.name(), null);
    }
    Dataset<Row> plan = ReportInputs.requireContract(w.read(table), table, List.of("plan_date", "drop_date", "drop_id",
        "sku_id", "category", "hub_id", "units", "expected_demand", "demand_p10", "demand_p90", "expected_fill_rate",
        "expected_leftover", "expected_within_sla", "reason", "model_id", "run_id"));
    long rows = context.step("count the plan rows of " + runDate,
        () -> plan.filter(col("plan_date").equalTo(lit(Date.valueOf(runDate)))).count());
    if (rows == 0) {
      Row latest = plan.agg(max(col("plan_date"))).head();
      throw Errors.reportNoPlan(runDate.toString(), table.name(), latest.isNullAt(0) ? null : latest.get(0).toString());
    }
    if (rows > maxRows) {
      throw Errors.reportPlanTooLarge(runDate.toString(), rows, maxRows);
    }
    return plan;
  }

  private Path outputFolder() {
    String location = context.config().location(Keys.REPORT_OUT);
    if (location.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !location.startsWith("file:")) {
      throw Errors.badArgument("dropcast.report.out", location,
          "the report is written to a local folder (ops open it in a browser or print it)",
          "set dropcast.report.out to a local path, and copy the folder to object storage afterwards if needed");
    }
    return Path.of(location.startsWith("file:") ? java.net.URI.create(location).getPath() : location);
  }

  /** Writes the page and the CSV files into a fresh folder beside the target, then swaps it in. */
  static void write(Path folder, String html, Map<String, Figure> figures, List<Warnings.Warning> warnings) {
    Path parent = folder.toAbsolutePath().getParent();
    Path staging = parent.resolve("." + folder.getFileName() + ".writing");
    Path old = parent.resolve("." + folder.getFileName() + ".old");
    try {
      Files.createDirectories(parent);
      deleteTree(staging);
      deleteTree(old);
      Files.createDirectories(staging);
      Files.writeString(staging.resolve(PAGE), html, StandardCharsets.UTF_8);
      for (Map.Entry<String, Figure> e : figures.entrySet()) {
        try (Writer out = Files.newBufferedWriter(staging.resolve(e.getKey()), StandardCharsets.UTF_8)) {
          Csv.write(e.getValue().columns(), e.getValue().rows(), out);
        }
      }
      try (Writer out = Files.newBufferedWriter(staging.resolve("warnings.csv"), StandardCharsets.UTF_8)) {
        Csv.write(Warnings.CSV_COLUMNS, asRows(warnings), out);
      }
      if (Files.exists(folder)) {
        Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } catch (IOException e) {
      throw Errors.ioFailure("write the report", folder.toString(), e);
    }
  }

  private static List<Row> asRows(List<Warnings.Warning> warnings) {
    var schema = new org.apache.spark.sql.types.StructType()
        .add("severity", "string").add("kind", "string").add("subject", "string").add("message", "string");
    List<Row> out = new ArrayList<>();
    for (Warnings.Warning w : warnings) {
      out.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
          new Object[] {w.severity(), w.kind(), w.subject(), w.message()}, schema));
    }
    return out;
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

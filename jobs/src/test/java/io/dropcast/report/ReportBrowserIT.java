package io.dropcast.report;

import static io.dropcast.report.ReportFixtures.D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropcast.cli.Dropcast;
import io.dropcast.testing.Repo;
import io.dropcast.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a reader sees it: rendered by headless Chromium (Debian's package, driven by playwright-core
 * through jobs/src/test/js/report-in-browser.cjs). The page must load with no console error and no network
 * request, draw its charts and map, and show exactly the numbers of the plan table. The screenshot and the
 * printed PDF stay in jobs/target/report-browser/ for review; bin/test installs Chromium and playwright-core.
 */
class ReportBrowserIT {
  @TempDir
  static Path tmp;

  static Path outDir;
  static JsonNode seen;
  static String warehouse;
  static double renderSeconds;

  @BeforeAll
  static void renderTheFixtureReportInChromium() throws Exception {
    Path home = Repo.root();
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    Path nodeModules = home.resolve(".tools/node/node_modules");
    assertTrue(Files.isExecutable(chromium), chromium + " is missing: run bin/test, which installs Debian's chromium");
    assertTrue(Files.isDirectory(nodeModules.resolve("playwright-core")), "playwright-core is missing from "
        + nodeModules + ": run bin/test, which installs it with npm");
    warehouse = tmp.resolve("warehouse").toString();
    ReportFixtures.build(warehouse);
    outDir = home.resolve("jobs/target/report-browser");
    Path reports = outDir.resolve("reports");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("report", "--date", D.toString(), "--warehouse", warehouse, "--set",
        "dropcast.report.out=" + reports);
    assertEquals(0, code, "report failed: " + err);
    Matcher m = Pattern.compile("rendered in ([0-9.]+) s").matcher(out.toString());
    assertTrue(m.find(), out.toString());
    renderSeconds = Double.parseDouble(m.group(1));

    Path page = reports.resolve("date=" + D).resolve(ReportJob.PAGE);
    Path screenshot = outDir.resolve("report.png");
    Path result = outDir.resolve("browser-result.json");
    Files.deleteIfExists(result);
    ProcessBuilder pb = new ProcessBuilder("node", home.resolve("jobs/src/test/js/report-in-browser.cjs").toString(),
        page.toString(), screenshot.toString(), result.toString())
        .redirectErrorStream(true).redirectOutput(outDir.resolve("browser.log").toFile());
    pb.environment().put("NODE_PATH", nodeModules.toString());
    pb.environment().put("CHROMIUM", chromium.toString());
    Process browser = pb.start();
    assertTrue(browser.waitFor(180, TimeUnit.SECONDS), "Chromium did not finish within 180 s");
    assertEquals(0, browser.exitValue(), "the browser script failed: " + Files.readString(outDir.resolve("browser.log")));
    seen = new ObjectMapper().readTree(result.toFile());
    String timings = String.format(Locale.ROOT, "report rendered in %.1f s (bin/dropcast report, fixture warehouse);"
        + " page loaded in Chromium in %d ms; screenshot %s%n", renderSeconds, seen.get("loadMillis").asLong(), screenshot);
    Files.writeString(outDir.resolve("timings.txt"), timings);
    System.out.print(timings);
  }

  @Test
  void thePageLoadsWithoutAnyConsoleErrorOrScript() {
    assertEquals("[]", seen.get("pageErrors").toString(), "uncaught errors on the page");
    List<String> errors = new ArrayList<>();
    for (JsonNode c : seen.get("console")) {
      if (List.of("error", "warning", "assert").contains(c.get("type").asText())) {
        errors.add(c.toString());
      }
    }
    assertEquals(List.of(), errors, "console errors or warnings");
    assertEquals(0, seen.get("scripts").asInt(), "script elements on the page");
  }

  @Test
  void thePageMakesNoNetworkRequestBeyondItself() {
    assertEquals("[]", seen.get("blocked").toString(), "requests the page tried to make");
    assertEquals(1, seen.get("requests").size(), "requests: " + seen.get("requests"));
    assertEquals(seen.get("url").asText(), seen.get("requests").get(0).asText());
  }

  @Test
  void everyChartAndTheMapAreDrawnWithMarks() {
    Map<String, JsonNode> charts = new TreeMap<>();
    for (JsonNode c : seen.get("charts")) {
      charts.put(c.get("id").asText(), c);
    }
    assertEquals(List.of("forecast-(all hubs)", "forecast-hub-a", "forecast-hub-b", "load-hub-a", "load-hub-b", "map"),
        List.copyOf(charts.keySet()));
    for (JsonNode c : charts.values()) {
      assertTrue(c.get("width").asDouble() > 300 && c.get("height").asDouble() > 100, "chart too small: " + c);
      assertTrue(c.get("marks").asInt() > 0, "chart without marks: " + c);
    }
    assertEquals(2, seen.get("hexes").size(), "hexagons");
    for (JsonNode h : seen.get("hexes")) {
      assertTrue(h.get("width").asDouble() > 20 && h.get("height").asDouble() > 20, "hexagon not drawn: " + h);
    }
    assertEquals(2, seen.get("hubs").size(), "hub dots");
    assertTrue(seen.get("printed").asBoolean(), "the page did not print to PDF");
    assertTrue(Files.isRegularFile(outDir.resolve("report.png")), "no screenshot");
  }

  @Test
  void theNumbersOnThePageAreThoseOfThePlanTable() {
    List<Row> plan = SharedSpark.get().read().format("delta").load(warehouse + "/hub_prepositioning_plan")
        .filter("plan_date = DATE'" + D + "'").orderBy("hub_id", "drop_id").collectAsList();
    Map<String, JsonNode> shown = new TreeMap<>();
    for (JsonNode r : seen.get("rows")) {
      shown.put(r.get("hub_id").asText() + "/" + r.get("drop_id").asText(), r);
    }
    assertEquals(plan.size(), shown.size(), "plan rows on the page");
    long total = 0;
    for (Row p : plan) {
      JsonNode r = shown.get(p.getAs("hub_id") + "/" + p.getAs("drop_id"));
      String where = p.getAs("hub_id") + "/" + p.getAs("drop_id");
      assertTrue(r != null, "plan row " + where + " is not on the page");
      int units = p.getAs("units");
      total += units;
      assertEquals(units, r.get("units").asInt(), where + " units");
      assertEquals(Integer.toString(units), r.get("units_text").asText(), where + " units as shown");
      assertEquals(p.<Double>getAs("expected_demand"), r.get("expected_demand").asDouble(), 1e-12, where + " demand");
      assertTrue(r.get("expected_demand_text").asText().startsWith(
          String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", p.<Double>getAs("expected_demand"), p.<Double>getAs("demand_p10"),
              p.<Double>getAs("demand_p90"))), where + " demand as shown: " + r.get("expected_demand_text"));
      assertEquals(String.format(Locale.ROOT, "%.0f%%", 100 * p.<Double>getAs("expected_fill_rate")),
          r.get("expected_fill_rate_text").asText(), where + " fill as shown");
      assertEquals(p.<Double>getAs("expected_leftover"), r.get("expected_leftover").asDouble(), 1e-12, where + " leftover");
      assertEquals(p.<Double>getAs("expected_within_sla"), r.get("expected_within_sla").asDouble(), 1e-12, where + " SLA");
    }
    assertEquals(Long.toString(total), seen.get("totalUnits").asText(), "total units card");
  }

  @Test
  void aDropTitleHoldingAScriptTagIsShownAsItsText() {
    for (JsonNode r : seen.get("rows")) {
      if (r.get("drop_id").asText().equals("d1")) {
        assertEquals(ReportFixtures.EVIL_TITLE, r.get("title").asText());
      }
    }
    assertEquals("[\"capacity_breach\",\"pick_pack_overload\",\"low_confidence_forecast\",\"quarantine_above_normal\"]",
        seen.get("warnings").toString());
  }
}

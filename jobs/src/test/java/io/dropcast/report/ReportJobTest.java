package io.dropcast.report;

import static io.dropcast.report.ReportFixtures.CELL_A;
import static io.dropcast.report.ReportFixtures.CELL_B;
import static io.dropcast.report.ReportFixtures.D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.cli.Dropcast;
import io.dropcast.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dropcast report} end to end on the fixture warehouse of {@link ReportFixtures}: the CSV files hold
 * the exact figures, the page shows them and escapes merchant text, and a date without a plan fails.
 */
class ReportJobTest {
  @TempDir
  static Path tmp;

  static String warehouse;
  static Path out;
  static String[] firstRun;

  @BeforeAll
  static void reportOfTheFixtureNight() {
    SharedSpark.get();
    warehouse = tmp.resolve("warehouse").toString();
    ReportFixtures.build(warehouse);
    out = tmp.resolve("reports");
    firstRun = run("report", "--date", D.toString());
  }

  static String[] run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    var cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(o, true));
    cli.setErr(new PrintWriter(e, true));
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--warehouse";
    full[args.length + 1] = warehouse;
    full[args.length + 2] = "--set";
    full[args.length + 3] = "dropcast.report.out=" + out;
    int code = cli.execute(full);
    return new String[] {String.valueOf(code), o.toString(), e.toString()};
  }

  static List<String> csv(String name) throws IOException {
    return Files.readAllLines(out.resolve("date=" + D).resolve(name));
  }

  static String page() throws IOException {
    return Files.readString(out.resolve("date=" + D).resolve(ReportJob.PAGE));
  }

  @Test
  void theReportRunSucceedsAndSaysWhereThePageIs() {
    assertEquals("0", firstRun[0], "exit code; stderr: " + firstRun[2]);
    assertTrue(firstRun[1].contains("report 2026-11-26: 4 plan rows, 4 warning(s)"), firstRun[1]);
    assertTrue(firstRun[1].contains(out.resolve("date=2026-11-26").resolve("report.html").toString()), firstRun[1]);
  }

  @Test
  void thePlanCsvHoldsEveryPlannedRowOfTheDateWithTitleAndLocalWindow() throws IOException {
    assertEquals(List.of(
        "hub_id,hub_name,drop_date,drop_id,sku_id,category,title,starts_at,ends_at,units,expected_demand,demand_p10,"
            + "demand_p90,expected_fill_rate,expected_leftover,expected_within_sla,reason",
        "hub-a,Baixa <b>hub</b>,2026-11-27,d1,sku-d1,bakery,<script>alert('x')</script> Croissants & co,"
            + "2026-11-27 10:00,2026-11-27 12:00,8,9,5,12,0.8,1,0.95,stock_bound",
        "hub-a,Baixa <b>hub</b>,2026-11-27,d2,sku-d2,bakery,Pastéis de nata,2026-11-27 11:00,2026-11-27 12:00,4,5,2,8,"
            + "0.8,0.5,0.9,capacity_bound",
        "hub-b,Avenida,2026-11-27,d1,sku-d1,bakery,<script>alert('x')</script> Croissants & co,2026-11-27 10:00,"
            + "2026-11-27 12:00,0,0.5,0,1,0,0,1,demand_bound",
        "hub-b,Avenida,2026-11-27,d2,sku-d2,bakery,Pastéis de nata,2026-11-27 11:00,2026-11-27 12:00,5,4,2,6,1,1,1,"
            + "demand_bound"), csv("plan.csv"));
  }

  @Test
  void hubDaysAddUpUnitsAgainstCapacityAndExpectedSales() throws IOException {
    assertEquals(List.of(
        "hub_id,hub_name,drop_date,drops,drops_with_units,units,capacity_units,capacity_used,expected_demand,"
            + "expected_sales,pick_pack_per_hour,pickup_sla_hours",
        "hub-a,Baixa <b>hub</b>,2026-11-27,2,2,12,10,1.2,14,11.2,4,2",
        "hub-b,Avenida,2026-11-27,2,1,5,100,0.05,4.5,4,50,2"), csv("hub_days.csv"));
  }

  @Test
  void hourlyLoadSpreadsEachDropsExpectedSalesOverTheHoursOfItsWindow() throws IOException {
    assertEquals(List.of(
        "hub_id,drop_date,hour,active_drops,expected_pickups,pick_pack_per_hour",
        "hub-a,2026-11-27,2026-11-27 10:00,1,3.6,4",
        "hub-a,2026-11-27,2026-11-27 11:00,2,7.6,4",
        "hub-b,2026-11-27,2026-11-27 11:00,1,4,50"), csv("hub_load_by_hour.csv"));
  }

  @Test
  void forecastAgainstActualsCountsUncancelledOrdersAtTheNearestHubAndTheForecastsAhead() throws IOException {
    assertEquals(List.of(
        "hub_id,date,actual_units,forecast_day_before,forecast_mean,forecast_p10_sum,forecast_p90_sum",
        "(all hubs),2026-11-25,4,,,,",
        "(all hubs),2026-11-26,5,6,,,",
        "(all hubs),2026-11-27,,,14,7,23",
        "(all hubs),2026-11-28,,,11,7,15",
        "hub-a,2026-11-26,5,6,,,",
        "hub-a,2026-11-27,,,10,6,14",
        "hub-a,2026-11-28,,,11,7,15",
        "hub-b,2026-11-25,4,,,,",
        "hub-b,2026-11-27,,,4,1,9"), csv("forecast_vs_actual.csv"));
  }

  @Test
  void neighbourhoodDemandListsEveryCatchmentCellWithTomorrowsForecast() throws IOException {
    List<String> expected = new java.util.ArrayList<>(List.of(
        CELL_A + ",hub-a,10,0.1786", CELL_B + ",hub-b,4,0.1429"));
    java.util.Collections.sort(expected);
    expected.add(0, "neighbourhood,hub_id,forecast_next_day,actual_daily_avg");
    assertEquals(expected, csv("neighbourhood_demand.csv"));
  }

  @Test
  void everyKindOfWarningFiresOnTheFixtureNight() throws IOException {
    List<String> warnings = csv("warnings.csv");
    assertEquals(5, warnings.size(), String.join("\n", warnings));
    assertEquals("severity,kind,subject,message", warnings.get(0));
    assertEquals("error,capacity_breach,hub-a 2026-11-27,Baixa <b>hub</b> holds 10 units at once but the plan places 12"
        + " for 2026-11-27 (120% of capacity): move 2 units to another hub or cut the plan.", warnings.get(1));
    assertEquals("warning,pick_pack_overload,hub-a,hub-a expects more pickups than its staff serve (4 an hour) in 1"
        + " hour(s); the worst is 2026-11-27 11:00 with 7.6: add staff or spread the drops' windows.", warnings.get(2));
    assertEquals("warning,low_confidence_forecast,hub-b 2026-11-27,\"1 of 1 neighbourhood x category forecasts for"
        + " 2026-11-27 at hub-b are low-confidence (1 cold-start, 1 with p90 - p10 above 1.5 x the mean), 100% of its"
        + " expected demand: treat its plan as a rough guide.\"", warnings.get(3));
    assertEquals("warning,quarantine_above_normal,2026-11-26,\"Ingest of 2026-11-26 quarantined 12 records, against a"
        + " median of 1.0 over the 5 run dates before it (orders/units_not_positive=8, orders/unknown_hub=4): look at"
        + " the landing files before trusting this plan.\"", warnings.get(4));
  }

  @Test
  void aDropTitleHoldingAScriptTagShowsAsTextAndThePageHasNoScriptAtAll() throws IOException {
    String html = page();
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Croissants &amp; co"),
        "the title is not shown escaped");
    assertTrue(html.contains("Baixa &lt;b&gt;hub&lt;/b&gt;"), "the hub name is not shown escaped");
    assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"), "the page holds a script element");
    assertFalse(html.contains("<b>hub</b>"), "the hub name reached the page as markup");
  }

  @Test
  void thePageLoadsNothingFromOutside() throws IOException {
    String html = page();
    for (String outside : List.of("http://", "https://", "<link", " src=", "url(", "@import")) {
      assertFalse(html.contains(outside), "the page refers to something outside itself: " + outside);
    }
    assertTrue(html.contains("default-src 'none'"), "the page lacks its content security policy");
  }

  @Test
  void thePlanTableOnThePageShowsTheUnitsOfEveryPlanRow() throws IOException {
    Matcher m = Pattern.compile("<tr class=\"plan-row[^\"]*\" data-drop=\"([^\"]+)\" data-hub=\"([^\"]+)\">.*?"
        + "data-col=\"units\" data-value=\"(\\d+)\"").matcher(page());
    StringBuilder found = new StringBuilder();
    while (m.find()) {
      found.append(m.group(2)).append('/').append(m.group(1)).append('=').append(m.group(3)).append(' ');
    }
    assertEquals("hub-a/d1=8 hub-a/d2=4 hub-b/d1=0 hub-b/d2=5 ", found.toString());
  }

  @Test
  void theMapDrawsOneHexagonPerNeighbourhoodAndOneDotPerHub() throws IOException {
    String html = page();
    assertEquals(2, count(html, "<polygon class=\"hex\""), "hexagons");
    assertEquals(2, count(html, "<g class=\"hub\""), "hubs");
    Matcher m = Pattern.compile("data-cell=\"" + CELL_A + "\" data-value=\"10\" points=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), "no hexagon for " + CELL_A + " with value 10");
    assertEquals(6, m.group(1).split(" ").length, "a resolution-8 cell has 6 corners");
  }

  @Test
  void eachHubHasItsLoadChartAndItsForecastChart() throws IOException {
    String html = page();
    for (String id : List.of("load-hub-a", "load-hub-b", "forecast-hub-a", "forecast-hub-b", "forecast-(all hubs)")) {
      assertTrue(html.contains("data-chart=\"" + id + "\""), "no chart " + id);
    }
    assertEquals(1, count(html, "<rect class=\"bar over\""), "one hour above pick-pack capacity is drawn red");
  }

  @Test
  void aRerunOfTheSameDateWritesTheSameFiles() throws IOException {
    String before = page() + String.join("\n", csv("plan.csv"));
    String[] again = run("report", "--date", D.toString());
    assertEquals("0", again[0], again[2]);
    assertEquals(before, page() + String.join("\n", csv("plan.csv")));
    try (var files = Files.list(out)) {
      assertEquals(List.of("date=2026-11-26"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no staging folder is left behind");
    }
  }

  @Test
  void aDateWithoutAPlanFailsNamingTheLatestPlanAndWritesNothing() {
    String[] r = run("report", "--date", D.plusDays(3).toString());
    assertEquals(String.valueOf(Dropcast.EXIT_FAILURE), r[0], r[1]);
    assertTrue(r[2].contains("No prepositioning plan for 2026-11-29 in table 'hub_prepositioning_plan'; the report was"
        + " not written. The latest plan in the table is for 2026-11-26"), r[2]);
    assertFalse(Files.exists(out.resolve("date=2026-11-29")), "a folder was written for a date without a plan");
    List<Row> ledger = SharedSpark.get().read().format("delta").load(warehouse + "/job_runs")
        .filter("job = 'report' AND date_from = DATE'2026-11-29'").select("status").collectAsList();
    assertEquals("[[failed]]", ledger.toString(), "the failed run is in the ledger");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}

package io.dropcast.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.cli.GenerateCommand;
import io.dropcast.errors.DropcastException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  private static final List<String> REQUIRED = List.of("--out", "/tmp/never-written", "--start", "2026-05-29",
      "--days", "182", "--neighbourhoods", "40", "--hubs", "6", "--seed", "42");

  /** The required options, with {@code overrides} (option, value pairs) replacing or adding values. */
  private static GenerateCommand.Params parse(String... overrides) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < REQUIRED.size(); i += 2) {
      options.put(REQUIRED.get(i), REQUIRED.get(i + 1));
    }
    for (int i = 0; i < overrides.length; i += 2) {
      options.put(overrides[i], overrides[i + 1]);
    }
    List<String> args = new ArrayList<>();
    options.forEach((k, v) -> {
      args.add(k);
      args.add(v);
    });
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.parseArgs(args.toArray(String[]::new));
    return ((GenerateCommand) cli.getCommand()).params();
  }

  @Test
  void optionsHaveTheDocumentedDefaults() {
    WorldParams p = parse().world();
    assertEquals(LocalDate.of(2026, 5, 29), p.start(), "start");
    assertEquals(LocalDate.of(2026, 11, 26), p.end(), "182 days from 2026-05-29 end on 2026-11-26");
    assertEquals(5000, p.ordersPerDay(), "orders per day");
    assertEquals(LandingFormat.PARQUET, p.format(), "format");
    assertEquals("Europe/Lisbon", p.timeZone().getId(), "time zone");
    assertEquals(8, p.h3Resolution(), "H3 resolution");
    assertEquals(0.0, p.dirtyRatio(), 0.0, "dirty ratio");
    assertEquals(38.7223, p.centreLatitude(), 0.0, "Lisbon's latitude");
    assertEquals("portugal", p.holidaysName(), "holidays");
  }

  @Test
  void badValuesAreRejectedNamingTheOptionAndTheFix() {
    String[][] cases = {
        {"--days", "0"},
        {"--start", "2026-13-01"},
        {"--format", "xml"},
        {"--hubs", "41"},
        {"--dirty-ratio", "0.9"},
        {"--time-zone", "Mars/Olympus"},
        {"--h3-resolution", "15"},
        {"--centre", "38.7"},
        {"--holidays", "25/12"}};
    for (String[] c : cases) {
      DropcastException e = assertThrows(DropcastException.class, () -> parse(c), "must reject " + String.join(" ", c));
      assertEquals("BAD_ARGUMENT", e.code(), "error code for " + String.join(" ", c));
      assertTrue(e.getMessage().startsWith("Option " + c[0]) && e.getMessage().contains("Fix:"),
          "the message must name " + c[0] + " and a fix, was: " + e.getMessage());
    }
  }

  @Test
  void theCommandGeneratesAndPrintsASummary(@TempDir Path out) {
    StringWriter text = new StringWriter();
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setOut(new PrintWriter(text));
    int code = cli.execute("--out", out.toString(), "--start", "2026-11-20", "--days", "3", "--neighbourhoods", "8",
        "--hubs", "2", "--seed", "1", "--orders-per-day", "200", "--threads", "1");
    assertEquals(0, code, "exit code");
    String summary = text.toString();
    assertTrue(summary.contains("Generated 3 days (2026-11-20 to 2026-11-22)") && summary.contains("sold out")
        && summary.contains("orders/s"), "summary was: " + summary);
  }
}

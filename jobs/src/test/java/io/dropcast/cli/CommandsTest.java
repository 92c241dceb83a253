package io.dropcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class CommandsTest {
  @Test
  void helpListsEveryRegisteredCommandWithItsOneLineDescription() {
    StringWriter out = new StringWriter();
    CommandLine cli = Dropcast.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    for (Commands.Entry entry : Commands.ALL) {
      CommandLine sub = cli.getSubcommands().get(entry.name());
      String description = sub.getCommandSpec().usageMessage().description()[0];
      assertFalse(description.isBlank(), entry.name() + " has no description");
      assertTrue(out.toString().contains(entry.name()), "help lacks " + entry.name() + ":\n" + out);
    }
  }

  @Test
  void commandNamesAreUniqueAndEveryOptionIsDocumented() {
    Set<String> names = new HashSet<>();
    CommandLine cli = Dropcast.commandLine();
    for (Commands.Entry entry : Commands.ALL) {
      assertTrue(names.add(entry.name()), "command registered twice: " + entry.name());
      for (OptionSpec option : cli.getSubcommands().get(entry.name()).getCommandSpec().options()) {
        assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
            entry.name() + " option " + option.longestName() + " has no description");
      }
    }
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = Dropcast.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("frobnicate"));
    assertTrue(err.toString().contains("Unmatched argument at index 0: 'frobnicate'"), err.toString());
  }

  @Test
  void aOneDateJobGivenARangeIsAUsageErrorThatSaysToRunItOncePerDate() {
    for (String job : new String[] {"train", "forecast"}) {
      StringWriter err = new StringWriter();
      CommandLine cli = Dropcast.commandLine();
      cli.setErr(new PrintWriter(err));
      assertEquals(Dropcast.EXIT_USAGE, cli.execute(job, "--from", "2026-11-01", "--to", "2026-11-03"), err.toString());
      assertTrue(err.toString().toLowerCase(java.util.Locale.ROOT).contains(job + " runs for one date"), err.toString());
      assertTrue(err.toString().contains("run 'dropcast " + job + " --date D' once per date"), err.toString());
    }
  }
}

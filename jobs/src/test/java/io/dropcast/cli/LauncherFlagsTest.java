package io.dropcast.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.testing.Repo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bin/jvm-flags (the launcher's, the notebook kernel's) and surefire's argLine must be the same list. */
class LauncherFlagsTest {
  @Test
  void theTestJvmRunsWithEveryFlagTheLauncherUses() throws IOException {
    List<String> launcher = Files.readAllLines(Repo.root().resolve("bin/jvm-flags")).stream()
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertTrue(launcher.size() >= 20, "bin/jvm-flags looks truncated: " + launcher);
    for (String flag : launcher) {
      assertTrue(running.contains(flag),
          "surefire's argLine (spark.jvm.flags in pom.xml) lacks " + flag + " from bin/jvm-flags");
    }
  }
}

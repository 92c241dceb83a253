package io.dropcast.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, for tests that check committed files (conf/, docs/, bin/) against the code. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    String home = System.getProperty("dropcast.home");
    Path candidate = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    while (candidate != null && !Files.isRegularFile(candidate.resolve("conf/dropcast.conf"))) {
      candidate = candidate.getParent();
    }
    if (candidate == null) {
      throw new IllegalStateException("cannot find the repository root (conf/dropcast.conf) from " + home);
    }
    return candidate;
  }
}

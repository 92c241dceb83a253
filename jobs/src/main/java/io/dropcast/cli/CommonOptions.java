package io.dropcast.cli;

import io.dropcast.config.ConfigLoader;
import io.dropcast.config.DropcastConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that reads configuration takes. Mixed into each command. */
public final class CommonOptions {
  @Option(names = "--conf", paramLabel = "FILE",
      description = "A HOCON file whose keys override conf/dropcast.conf (for example conf/cluster.conf).")
  Path confFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one configuration key; repeatable. Wins over every file.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--warehouse", paramLabel = "LOCATION",
      description = "Shortcut for --set dropcast.warehouse=LOCATION.")
  String warehouse;

  /** Resolves the configuration with the documented precedence (see {@link ConfigLoader}). */
  public DropcastConfig config() {
    Map<String, String> all = new LinkedHashMap<>();
    if (warehouse != null) {
      all.put("dropcast.warehouse", warehouse);
    }
    all.putAll(ConfigLoader.parseOverrides(overrides));
    return ConfigLoader.load(Home.detect(), Optional.ofNullable(confFile), all);
  }

  /** These options as command-line arguments, so that a command run by another (nightly) gets the same. */
  public List<String> asArguments() {
    List<String> args = new ArrayList<>();
    if (confFile != null) {
      args.add("--conf");
      args.add(confFile.toString());
    }
    for (String o : overrides) {
      args.add("--set");
      args.add(o);
    }
    if (warehouse != null) {
      args.add("--warehouse");
      args.add(warehouse);
    }
    return args;
  }

  /** Where the Dropcast home (the folder holding conf/ and bin/) is, if known. */
  static final class Home {
    private Home() {}

    static Optional<Path> detect() {
      String property = System.getProperty("dropcast.home");
      if (property != null && !property.isBlank()) {
        return Optional.of(Path.of(property));
      }
      String env = System.getenv("DROPCAST_HOME");
      if (env != null && !env.isBlank()) {
        return Optional.of(Path.of(env));
      }
      return Optional.empty();
    }
  }
}

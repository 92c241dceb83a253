package io.dropcast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.dropcast.errors.Errors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves Dropcast's configuration. The precedence, highest first, is implemented here and nowhere else:
 *
 * <ol>
 *   <li>command-line overrides ({@code --set key=value}, and options such as {@code --warehouse});</li>
 *   <li>the file named with {@code --conf};</li>
 *   <li>{@code conf/dropcast.conf} under the Dropcast home (skipped when the home has none, as on a cluster
 *       where only the jar is shipped);</li>
 *   <li>the defaults declared in {@link Keys}.</li>
 * </ol>
 *
 * Every key is then parsed and validated before any data is read: an unknown key, a wrong type or a value
 * out of range fails with a message naming key, value, origin, rule and fix.
 */
public final class ConfigLoader {
  static final String CLI_ORIGIN = "command line";
  static final String DEFAULTS_ORIGIN = "defaults in code";

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param home the Dropcast home (repo or install folder) holding conf/dropcast.conf, if any
   * @param confFile the file given with --conf, if any
   * @param overrides command-line overrides, key to raw value
   */
  public static DropcastConfig load(Optional<Path> home, Optional<Path> confFile, Map<String, String> overrides) {
    Config merged = canonicalMaps(fromOverrides(overrides));
    if (confFile.isPresent()) {
      merged = merged.withFallback(canonicalMaps(parseFile(confFile.get())));
    }
    if (home.isPresent()) {
      Path projectFile = home.get().resolve("conf").resolve("dropcast.conf");
      if (Files.isRegularFile(projectFile)) {
        merged = merged.withFallback(canonicalMaps(parseFile(projectFile)));
      }
    }
    merged = merged.withFallback(canonicalMaps(defaults())).resolve();
    rejectUnknownKeys(merged);
    return new DropcastConfig(home, readAll(merged), origins(merged));
  }

  /**
   * Rewrites every map-typed key of one layer (such as {@code dropcast.spark}) to flat, quoted setting names
   * before layers merge. {@code spark { sql.shuffle.partitions = 3 }} and {@code "spark.sql.shuffle.partitions" = 8}
   * name the same setting but are different HOCON paths: without this, which one wins would depend on map
   * order instead of on the documented precedence.
   */
  private static Config canonicalMaps(Config layer) {
    Config out = layer;
    for (ConfigKey<?> key : Keys.all()) {
      if (!key.type().isMap() || !layer.hasPath(key.path())
          || layer.getValue(key.path()).valueType() != ConfigValueType.OBJECT) {
        continue;
      }
      Map<String, ConfigValue> flat = new LinkedHashMap<>();
      flattenValues("", layer.getObject(key.path()), flat);
      out = out.withValue(key.path(), ConfigValueFactory.fromMap(flat, layer.getValue(key.path()).origin().description()));
    }
    return out;
  }

  private static void flattenValues(String prefix, ConfigObject object, Map<String, ConfigValue> out) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      String name = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
      if (entry.getValue().valueType() == ConfigValueType.OBJECT) {
        flattenValues(name, (ConfigObject) entry.getValue(), out);
      } else {
        out.put(name, entry.getValue());
      }
    }
  }

  /** Parses {@code key=value} pairs as given with --set. */
  public static Map<String, String> parseOverrides(List<String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw Errors.configBadOverride(pair);
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }

  /** The defaults in code as a Config: the same parse and validation path as a user's file. */
  static Config defaults() {
    Config config = ConfigFactory.empty(DEFAULTS_ORIGIN);
    for (ConfigKey<?> key : Keys.all()) {
      config = config.withValue(key.path(),
          ConfigValueFactory.fromAnyRef(key.defaultValue(), DEFAULTS_ORIGIN));
    }
    return config;
  }

  private static Config fromOverrides(Map<String, String> overrides) {
    Config config = ConfigFactory.empty(CLI_ORIGIN);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String path = e.getKey();
      ConfigValue value = overrideValue(path, e.getValue());
      try {
        config = config.withValue(path, value);
      } catch (ConfigException.BadPath badPath) {
        throw Errors.configUnknownKey(path, CLI_ORIGIN, Suggest.nearest(path, Keys.paths()));
      }
    }
    return config;
  }

  /**
   * A list or object ({@code [..]}, {@code {..}}) is parsed as HOCON; anything else stays the literal string
   * (numbers and booleans convert when read), so a value such as {@code s3a://b//x} is never cut at "//".
   */
  private static ConfigValue overrideValue(String path, String raw) {
    String trimmed = raw.trim();
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      try {
        return ConfigFactory.parseString("v = " + trimmed,
            ConfigParseOptions.defaults().setOriginDescription(CLI_ORIGIN)).getValue("v");
      } catch (ConfigException parseError) {
        throw Errors.configWrongType(path, raw, CLI_ORIGIN, "a valid HOCON list or object: " + parseError.getMessage());
      }
    }
    return ConfigValueFactory.fromAnyRef(raw, CLI_ORIGIN);
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw Errors.configFileUnreadable(file.toString(), "the file does not exist", null);
    }
    try {
      return ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    } catch (ConfigException e) {
      throw Errors.configFileUnreadable(file.toString(), e.getMessage(), e);
    }
  }

  private static void rejectUnknownKeys(Config merged) {
    for (Map.Entry<String, ConfigValue> entry : merged.root().entrySet()) {
      if (!entry.getKey().equals("dropcast")) {
        throw Errors.configUnknownKey(entry.getKey(), entry.getValue().origin().description(),
            Suggest.nearest("dropcast." + entry.getKey(), Keys.paths()));
      }
    }
    checkObject("dropcast", merged.getObject("dropcast"));
  }

  private static void checkObject(String prefix, ConfigObject object) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      String path = prefix + "." + entry.getKey();
      ConfigKey<?> key = Keys.byPath(path);
      if (key != null) {
        continue;
      }
      boolean isParentOfKeys = Keys.paths().stream().anyMatch(p -> p.startsWith(path + "."));
      if (isParentOfKeys && entry.getValue().valueType() == ConfigValueType.OBJECT) {
        checkObject(path, (ConfigObject) entry.getValue());
      } else {
        throw Errors.configUnknownKey(path, entry.getValue().origin().description(),
            Suggest.nearest(path, Keys.paths()));
      }
    }
  }

  private static Map<ConfigKey<?>, Object> readAll(Config merged) {
    Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    for (ConfigKey<?> key : Keys.all()) {
      values.put(key, readOne(merged, key));
    }
    return values;
  }

  private static <T> T readOne(Config merged, ConfigKey<T> key) {
    ConfigValue raw = merged.getValue(key.path());
    String shown = raw.valueType() == ConfigValueType.STRING
        ? (String) raw.unwrapped() : raw.render(ConfigRenderOptions.concise());
    String origin = raw.origin().description();
    T value;
    try {
      value = key.read(merged);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw Errors.configWrongType(key.path(), shown, origin, key.type().description());
    }
    if (!key.accepts(value)) {
      throw Errors.configOutOfRange(key.path(), shown, origin, key.ruleText());
    }
    return value;
  }

  private static Map<ConfigKey<?>, String> origins(Config merged) {
    Map<ConfigKey<?>, String> out = new LinkedHashMap<>();
    for (ConfigKey<?> key : Keys.all()) {
      out.put(key, merged.getValue(key.path()).origin().description());
    }
    return out;
  }
}

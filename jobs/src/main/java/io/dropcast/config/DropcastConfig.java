package io.dropcast.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The resolved, validated configuration of one run. Immutable; built only by {@link ConfigLoader}.
 * Holds no secret: secrets are read from the environment by {@link Secrets} when a job needs them.
 */
public final class DropcastConfig {
  private final Optional<Path> home;
  private final Map<ConfigKey<?>, Object> values;
  private final Map<ConfigKey<?>, String> origins;

  DropcastConfig(Optional<Path> home, Map<ConfigKey<?>, Object> values, Map<ConfigKey<?>, String> origins) {
    this.home = home;
    this.values = Collections.unmodifiableMap(values);
    this.origins = Collections.unmodifiableMap(origins);
  }

  /** The defaults in code, with no file and no override: for tests and for documentation. */
  public static DropcastConfig defaults() {
    return ConfigLoader.load(Optional.empty(), Optional.empty(), Map.of());
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    Object value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("undeclared configuration key " + key.path());
    }
    return (T) value;
  }

  /** Where the value of {@code key} came from (a file and line, the command line or the defaults in code). */
  public String origin(ConfigKey<?> key) {
    return origins.get(key);
  }

  public Optional<Path> home() {
    return home;
  }

  public boolean isLocal() {
    return Keys.LOCAL.equals(get(Keys.ENVIRONMENT));
  }

  /**
   * A location key's value as a URI string Spark and Hadoop accept: a URI with a scheme stays as is, an
   * absolute path stays as is, a relative path resolves against the Dropcast home (or the working folder).
   */
  public String location(ConfigKey<String> key) {
    String raw = get(key);
    if (hasScheme(raw)) {
      return raw;
    }
    Path path = Path.of(raw);
    if (!path.isAbsolute()) {
      path = home.orElse(Path.of("")).resolve(path);
    }
    return path.toAbsolutePath().normalize().toString();
  }

  private static boolean hasScheme(String raw) {
    try {
      URI uri = new URI(raw);
      return uri.getScheme() != null && uri.getScheme().length() > 1;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** One line per key, "key = value  # origin", for the start of every run's log. */
  public String describe() {
    return Keys.all().stream()
        .map(k -> k.path() + " = " + values.get(k) + "  # " + origins.get(k))
        .collect(Collectors.joining("\n"));
  }
}

package io.dropcast.config;

import com.typesafe.config.Config;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One configuration key, declared once in {@link Keys}: its path, its default (as a HOCON value, so the
 * default goes through the same parser and validator as a user's value), its type, its rule and one
 * line of help.
 *
 * @param <T> the typed value a job reads
 */
public final class ConfigKey<T> {
  private final String path;
  private final Object defaultValue;
  private final ConfigType<T> type;
  private final Predicate<? super T> rule;
  private final String ruleText;
  private final String help;

  private ConfigKey(String path, Object defaultValue, ConfigType<T> type, Predicate<? super T> rule,
      String ruleText, String help) {
    this.path = Objects.requireNonNull(path, "path");
    this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue of " + path);
    this.type = Objects.requireNonNull(type, "type of " + path);
    this.rule = Objects.requireNonNull(rule, "rule of " + path);
    this.ruleText = Objects.requireNonNull(ruleText, "ruleText of " + path);
    this.help = Objects.requireNonNull(help, "help of " + path);
  }

  /** A key whose every well-typed value is valid. */
  static <T> ConfigKey<T> of(String path, ConfigType<T> type, Object defaultValue, String help) {
    return new ConfigKey<>(path, defaultValue, type, v -> true, "any " + type.description(), help);
  }

  /** A key whose value must also satisfy {@code rule}, described for humans by {@code ruleText}. */
  static <T> ConfigKey<T> of(String path, ConfigType<T> type, Object defaultValue, Predicate<? super T> rule,
      String ruleText, String help) {
    return new ConfigKey<>(path, defaultValue, type, rule, ruleText, help);
  }

  public String path() {
    return path;
  }

  /** The default as written in HOCON (string, number, boolean, list or map). */
  public Object defaultValue() {
    return defaultValue;
  }

  public ConfigType<T> type() {
    return type;
  }

  public String ruleText() {
    return ruleText;
  }

  public String help() {
    return help;
  }

  T read(Config config) {
    return type.read(config, path);
  }

  boolean accepts(T value) {
    return rule.test(value);
  }

  @Override
  public String toString() {
    return path;
  }
}

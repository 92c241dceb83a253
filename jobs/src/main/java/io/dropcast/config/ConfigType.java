package io.dropcast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a key's HOCON value becomes a typed Java value. A value that does not fit throws
 * {@link com.typesafe.config.ConfigException.WrongType} or {@link com.typesafe.config.ConfigException.BadValue};
 * {@link ConfigLoader} turns either into a message naming key, value, origin and the expected type.
 *
 * @param <T> the Java type produced
 */
public final class ConfigType<T> {
  interface Reader<T> {
    T read(Config config, String path);
  }

  private final String description;
  private final Reader<T> reader;
  private final boolean isMap;

  private ConfigType(String description, Reader<T> reader, boolean isMap) {
    this.description = description;
    this.reader = reader;
    this.isMap = isMap;
  }

  public static final ConfigType<String> STRING =
      new ConfigType<>("a string", Config::getString, false);
  public static final ConfigType<Integer> INT =
      new ConfigType<>("an integer", Config::getInt, false);
  public static final ConfigType<Double> DOUBLE =
      new ConfigType<>("a number", Config::getDouble, false);
  public static final ConfigType<Boolean> BOOLEAN =
      new ConfigType<>("true or false", Config::getBoolean, false);
  public static final ConfigType<List<Double>> DOUBLE_LIST =
      new ConfigType<>("a list of numbers such as [0.1, 0.5, 0.9]",
          (c, p) -> List.copyOf(c.getDoubleList(p)), false);
  public static final ConfigType<List<String>> STRING_LIST =
      new ConfigType<>("a list of strings such as [\"a\", \"b\"]",
          (c, p) -> List.copyOf(c.getStringList(p)), false);
  public static final ConfigType<ZoneId> ZONE =
      new ConfigType<>("a time-zone id such as \"Europe/Lisbon\" or \"UTC\"", ConfigType::readZone, false);
  /** A map of string settings; nested and quoted dotted keys both flatten to "a.b.c". */
  public static final ConfigType<Map<String, String>> STRING_MAP =
      new ConfigType<>("an object of settings such as { \"spark.sql.shuffle.partitions\" = 8 }",
          ConfigType::readMap, true);

  public String description() {
    return description;
  }

  /** True for a key that holds an open set of sub-keys (whose names are not declared one by one). */
  boolean isMap() {
    return isMap;
  }

  T read(Config config, String path) {
    return reader.read(config, path);
  }

  private static ZoneId readZone(Config config, String path) {
    String text = config.getString(path);
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new com.typesafe.config.ConfigException.BadValue(config.getValue(path).origin(), path,
          "not a time-zone id", e);
    }
  }

  private static Map<String, String> readMap(Config config, String path) {
    ConfigObject object = config.getObject(path);
    Map<String, String> flat = new TreeMap<>();
    flatten("", object, flat);
    return Collections.unmodifiableMap(flat);
  }

  private static void flatten(String prefix, ConfigObject object, Map<String, String> out) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
      ConfigValue value = entry.getValue();
      if (value.valueType() == ConfigValueType.OBJECT) {
        flatten(key, (ConfigObject) value, out);
      } else if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.NULL) {
        throw new com.typesafe.config.ConfigException.WrongType(value.origin(), key,
            "a string, number or boolean", value.valueType().name().toLowerCase(java.util.Locale.ROOT));
      } else {
        out.put(key, String.valueOf(value.unwrapped()));
      }
    }
  }
}

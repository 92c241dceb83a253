package io.dropcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.errors.DropcastException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private Path file(String name, String hocon) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, hocon);
    return path;
  }

  /** A home folder with its own conf/dropcast.conf. */
  private Path home(String hocon) throws IOException {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf/dropcast.conf"), hocon);
    return home;
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "expected the message to contain '" + part + "' but it was: " + message);
    }
  }

  @Test
  void anUnknownKeyInAFileIsRejectedWithItsFileAndASuggestion() throws IOException {
    Path conf = file("bad.conf", "dropcast {\n  h3-resolutoin = 9\n}\n");
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.load(Optional.empty(), Optional.of(conf), Map.of()));
    assertEquals("CONFIG_UNKNOWN_KEY", e.code());
    assertContains(e.getMessage(), "'dropcast.h3-resolutoin'", "bad.conf: 2", "did you mean 'dropcast.h3-resolution'",
        "Fix:");
  }

  @Test
  void anUnknownTopLevelKeyIsRejectedToo() throws IOException {
    Path conf = file("top.conf", "warehouse = \"/tmp/x\"\n");
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.load(Optional.empty(), Optional.of(conf), Map.of()));
    assertEquals("CONFIG_UNKNOWN_KEY", e.code());
    assertContains(e.getMessage(), "'warehouse'", "did you mean 'dropcast.warehouse'");
  }

  @Test
  void anUnknownKeyOnTheCommandLineIsRejected() {
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.load(Optional.empty(), Optional.empty(), Map.of("dropcast.warehous", "/x")));
    assertEquals("CONFIG_UNKNOWN_KEY", e.code());
    assertContains(e.getMessage(), "'dropcast.warehous'", "command line", "did you mean 'dropcast.warehouse'");
  }

  @Test
  void aValueOfTheWrongTypeNamesKeyValueExpectedTypeAndFix() throws IOException {
    Path conf = file("type.conf", "dropcast.h3-resolution = eight\n");
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.load(Optional.empty(), Optional.of(conf), Map.of()));
    assertEquals("CONFIG_WRONG_TYPE", e.code());
    assertContains(e.getMessage(), "'dropcast.h3-resolution'", "'eight'", "type.conf: 1", "It must be an integer",
        "Fix: set 'dropcast.h3-resolution' to an integer");
  }

  @Test
  void anUnknownTimeZoneIsAWrongTypeError() {
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.load(Optional.empty(), Optional.empty(), Map.of("dropcast.time-zone", "Mars/Olympus")));
    assertEquals("CONFIG_WRONG_TYPE", e.code());
    assertContains(e.getMessage(), "'dropcast.time-zone'", "Mars/Olympus", "a time-zone id");
  }

  @Test
  void aValueOutOfRangeNamesTheRule() {
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.load(Optional.empty(), Optional.empty(), Map.of("dropcast.h3-resolution", "12")));
    assertEquals("CONFIG_OUT_OF_RANGE", e.code());
    assertContains(e.getMessage(), "'dropcast.h3-resolution'", "'12'", "command line", "5 <= value <= 10",
        "Fix: set 'dropcast.h3-resolution' to a value where 5 <= value <= 10");
  }

  @Test
  void aSparkSettingThatIsNotASparkKeyIsOutOfRange() throws IOException {
    Path conf = file("spark.conf", "dropcast.spark { \"shuffle.partitions\" = 4 }\n");
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.load(Optional.empty(), Optional.of(conf), Map.of()));
    assertEquals("CONFIG_OUT_OF_RANGE", e.code());
    assertContains(e.getMessage(), "'dropcast.spark'", "starts with \"spark.\"");
  }

  @Test
  void aMissingConfFileIsReportedByName() {
    Path missing = dir.resolve("nope.conf");
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.load(Optional.empty(), Optional.of(missing), Map.of()));
    assertEquals("CONFIG_FILE_UNREADABLE", e.code());
    assertContains(e.getMessage(), "nope.conf", "does not exist");
  }

  @Test
  void anOverrideWithoutEqualsSignIsRejected() {
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.parseOverrides(java.util.List.of("dropcast.h3-resolution")));
    assertEquals("CONFIG_BAD_OVERRIDE", e.code());
  }

  @Test
  void commandLineWinsOverConfFileWhichWinsOverProjectFileWhichWinsOverDefaults() throws IOException {
    Path home = home("dropcast { h3-resolution = 7, warehouse = \"from-project\", time-zone = \"UTC\" }\n");
    Path conf = file("override.conf", "dropcast { h3-resolution = 9, warehouse = \"from-conf\" }\n");
    DropcastConfig config = ConfigLoader.load(Optional.of(home), Optional.of(conf),
        Map.of("dropcast.warehouse", "/from/cli"));

    assertEquals("/from/cli", config.get(Keys.WAREHOUSE), "command line wins over every file");
    assertEquals(9, config.get(Keys.H3_RESOLUTION), "--conf file wins over conf/dropcast.conf");
    assertEquals(ZoneId.of("UTC"), config.get(Keys.TIME_ZONE), "conf/dropcast.conf wins over defaults");
    assertEquals("DROPCAST_CUSTOMER_SALT", config.get(Keys.CUSTOMER_SALT_ENV), "defaults fill the rest");
    assertEquals(ConfigLoader.CLI_ORIGIN, config.origin(Keys.WAREHOUSE));
    assertTrue(config.origin(Keys.H3_RESOLUTION).contains("override.conf"), config.origin(Keys.H3_RESOLUTION));
    assertEquals(ConfigLoader.DEFAULTS_ORIGIN, config.origin(Keys.CUSTOMER_SALT_ENV));
  }

  @Test
  void commandLineValuesKeepTheirHoconType() {
    DropcastConfig config = ConfigLoader.load(Optional.empty(), Optional.empty(),
        Map.of("dropcast.spark", "{ \"spark.sql.shuffle.partitions\" = 4 }"));
    assertEquals("4", config.get(Keys.SPARK).get("spark.sql.shuffle.partitions"));
  }

  @Test
  void nestedAndQuotedSparkSettingsFlattenToTheSameNamesAndMergeWithTheDefaults() throws IOException {
    Path conf = file("nested.conf",
        "dropcast.spark { spark.sql.shuffle.partitions = 3\n \"spark.executor.memory\" = 2g }\n");
    DropcastConfig config = ConfigLoader.load(Optional.empty(), Optional.of(conf), Map.of());
    assertEquals(Map.of("spark.sql.shuffle.partitions", "3", "spark.executor.memory", "2g",
        "spark.databricks.delta.snapshotPartitions", "2", "spark.sql.codegen.cache.maxEntries", "2000",
        "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS"),
        config.get(Keys.SPARK),
        "HOCON objects merge across layers: a file adds Spark settings to the defaults");
  }

  @Test
  void relativeLocationsResolveAgainstTheHomeAndUrisStayAsGiven() throws IOException {
    Path home = home("dropcast { warehouse = \"wh\" }\n");
    DropcastConfig local = ConfigLoader.load(Optional.of(home), Optional.empty(), Map.of());
    assertEquals(home.resolve("wh").toAbsolutePath().normalize().toString(), local.location(Keys.WAREHOUSE));
    DropcastConfig s3 = ConfigLoader.load(Optional.of(home), Optional.empty(),
        Map.of("dropcast.warehouse", "s3a://bucket/dropcast"));
    assertEquals("s3a://bucket/dropcast", s3.location(Keys.WAREHOUSE));
  }

  @Test
  void theCustomerSaltComesFromTheEnvironmentAndAClusterRunRefusesTheDefault() {
    DropcastConfig local = DropcastConfig.defaults();
    assertEquals("s3cret", Secrets.customerSalt(local, Map.of("DROPCAST_CUSTOMER_SALT", "s3cret")));
    assertEquals(Secrets.LOCAL_DEVELOPMENT_SALT, Secrets.customerSalt(local, Map.of()));

    DropcastConfig cluster = ConfigLoader.load(Optional.empty(), Optional.empty(),
        Map.of("dropcast.environment", "cluster"));
    DropcastException e = assertThrows(DropcastException.class, () -> Secrets.customerSalt(cluster, Map.of()));
    assertEquals("SECRET_MISSING", e.code());
    assertContains(e.getMessage(), "DROPCAST_CUSTOMER_SALT", "export DROPCAST_CUSTOMER_SALT");
  }

  @Test
  void theResolvedConfigurationLogNeverHoldsTheSalt() {
    DropcastConfig config = DropcastConfig.defaults();
    String salt = Secrets.customerSalt(config, Map.of("DROPCAST_CUSTOMER_SALT", "do-not-print-me"));
    assertEquals("do-not-print-me", salt);
    assertTrue(!config.describe().contains("do-not-print-me"), config.describe());
  }
}

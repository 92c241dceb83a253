package io.dropcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** conf/dropcast.conf documents every key with its default: it must never drift from the code. */
class ProjectConfigFileTest {
  private final Path home = Repo.root();

  @Test
  void everyKeyIsInConfDropcastConfWithTheDefaultDeclaredInCode() {
    DropcastConfig fromFile = ConfigLoader.load(Optional.of(home), Optional.empty(), Map.of());
    DropcastConfig defaults = DropcastConfig.defaults();
    for (ConfigKey<?> key : Keys.all()) {
      assertTrue(fromFile.origin(key).contains("dropcast.conf"),
          key.path() + " is missing from conf/dropcast.conf (its value came from " + fromFile.origin(key) + ")");
      assertEquals(defaults.get(key), fromFile.get(key),
          key.path() + " has a different value in conf/dropcast.conf than its default in io.dropcast.config.Keys");
    }
  }

  @Test
  void everyKeyInConfDropcastConfCarriesItsHelpAsAComment() throws IOException {
    String text = Files.readString(home.resolve("conf/dropcast.conf"));
    for (ConfigKey<?> key : Keys.all()) {
      assertTrue(text.contains("# " + key.help()),
          "conf/dropcast.conf lacks the help line of " + key.path() + ": '# " + key.help() + "'");
    }
  }

  @Test
  void theClusterExampleIsValidAndAsksForSecretsFromTheEnvironment() {
    DropcastConfig cluster = ConfigLoader.load(Optional.of(home),
        Optional.of(home.resolve("conf/cluster.conf.example")), Map.of());
    assertEquals(Keys.CLUSTER, cluster.get(Keys.ENVIRONMENT));
    assertTrue(cluster.location(Keys.WAREHOUSE).startsWith("s3a://"), cluster.location(Keys.WAREHOUSE));
  }
}

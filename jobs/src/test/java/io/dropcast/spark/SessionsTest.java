package io.dropcast.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.dropcast.config.ConfigLoader;
import io.dropcast.config.DropcastConfig;
import io.dropcast.testing.SharedSpark;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A job handed a JVM that already has a session (a notebook's, a test's) keeps that session's own settings:
 * dropcast.spark only fills in what the session has not set. Until it did, the first job in a test JVM changed the
 * shared session's shuffle partitions from 2 to dropcast.conf's 8 for every test after it.
 */
class SessionsTest {
  private static final String UNSET_BY_THE_SESSION = "spark.sql.files.maxRecordsPerFile";

  @Test
  void anExistingSessionsOwnSettingsWinAndDropcastSparkFillsInTheRest() {
    SparkSession shared = SharedSpark.get();
    assertEquals("2", shared.conf().get("spark.sql.shuffle.partitions"), "the test session's own setting");
    assertFalse(shared.conf().contains(UNSET_BY_THE_SESSION));
    DropcastConfig config = ConfigLoader.load(Optional.empty(), Optional.empty(), Map.of("dropcast.spark",
        "{ \"spark.sql.shuffle.partitions\" = 8, \"" + UNSET_BY_THE_SESSION + "\" = 1234 }"));
    try {
      SparkSession session = Sessions.getOrCreate(config, "dropcast sessions-test");

      assertSame(shared, session, "the existing session is the one the job runs in");
      assertEquals("2", session.conf().get("spark.sql.shuffle.partitions"), "the session's setting is kept");
      assertEquals("1234", session.conf().get(UNSET_BY_THE_SESSION), "a setting the session lacks comes from dropcast.spark");
    } finally {
      shared.conf().unset(UNSET_BY_THE_SESSION);
    }
  }
}

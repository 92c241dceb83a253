package io.dropcast.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data-samples/ is a golden output: the generator must still produce it byte for byte. Regenerate it (after a
 * deliberate change of the generator) with {@code -Ddropcast.regenerateSamples=true}, or with the command in
 * data-samples/README.md and {@code --overwrite}.
 */
class CommittedSampleTest {

  /** The command in data-samples/README.md. */
  static WorldParams sampleParams() {
    return WorldParams.builder(LocalDate.of(2026, 5, 29), 182, 40, 6, 42)
        .dirtyRatio(0.005).ordersPerDay(150).build();
  }

  @Test
  void theCommittedSampleIsWhatTheGeneratorWritesToday(@TempDir Path tmp) {
    String home = System.getProperty("dropcast.home");
    assumeTrue(home != null && Files.isDirectory(Path.of(home, "data-samples")), "runs inside the repository");
    Path committed = Path.of(home, "data-samples");
    if (Boolean.getBoolean("dropcast.regenerateSamples")) {
      Generator.run(sampleParams(), committed, 2, true);
    }
    Generator.run(sampleParams(), tmp, 2, false);

    TreeMap<String, byte[]> expected = GeneratedFiles.allBytes(committed);
    expected.remove("README.md");
    TreeMap<String, byte[]> actual = GeneratedFiles.allBytes(tmp);
    String fix = "; if the generator changed on purpose, regenerate data-samples (see its README.md) and update the"
        + " figures in its README";
    assertEquals(expected.keySet(), actual.keySet(), "data-samples must hold exactly the generated files" + fix);
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertArrayEquals(e.getValue(), actual.get(e.getKey()), "data-samples/" + e.getKey() + " is out of date" + fix);
    }
  }
}

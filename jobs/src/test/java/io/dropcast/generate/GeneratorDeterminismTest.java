package io.dropcast.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.errors.DropcastException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorDeterminismTest {

  /** A two-week world: small, but with a hub opening, a hub change, late events and sell-outs. */
  private static WorldParams twoWeeks(long seed) {
    return WorldParams.builder(LocalDate.of(2026, 10, 19), 14, 12, 3, seed).ordersPerDay(300).dirtyRatio(0.01).build();
  }

  @Test
  void theSameSeedGivesByteIdenticalFilesWhateverTheNumberOfThreads(@TempDir Path tmp) {
    Generator.run(twoWeeks(42), tmp.resolve("a"), 1, false);
    Generator.run(twoWeeks(42), tmp.resolve("b"), 2, false);

    TreeMap<String, byte[]> a = GeneratedFiles.allBytes(tmp.resolve("a"));
    TreeMap<String, byte[]> b = GeneratedFiles.allBytes(tmp.resolve("b"));
    assertEquals(a.keySet(), b.keySet(), "both runs must write the same files");
    assertTrue(a.size() > 40, "a two-week world writes drops, orders and truth for each day, was " + a.size());
    for (Map.Entry<String, byte[]> e : a.entrySet()) {
      assertArrayEquals(e.getValue(), b.get(e.getKey()), "file " + e.getKey() + " differs between two runs");
    }
  }

  @Test
  void aDifferentSeedGivesDifferentFiles(@TempDir Path tmp) {
    Generator.run(twoWeeks(42), tmp.resolve("a"), 2, false);
    Generator.run(twoWeeks(43), tmp.resolve("b"), 2, false);

    TreeMap<String, byte[]> a = GeneratedFiles.allBytes(tmp.resolve("a"));
    TreeMap<String, byte[]> b = GeneratedFiles.allBytes(tmp.resolve("b"));
    String orders = "landing/orders/date=2026-10-20/part-00000.parquet";
    assertTrue(a.containsKey(orders) && b.containsKey(orders), "both runs must write " + orders);
    assertFalse(java.util.Arrays.equals(a.get(orders), b.get(orders)), "seed 43 must not reproduce seed 42's orders");
    assertNotEquals(new String(a.get("truth/world.json")), new String(b.get("truth/world.json")),
        "seed 43 must describe another world");
  }

  @Test
  void aSecondRunIntoTheSameFolderNeedsOverwrite(@TempDir Path tmp) {
    WorldParams params = WorldParams.builder(LocalDate.of(2026, 10, 19), 2, 12, 3, 1).ordersPerDay(300).build();
    Generator.run(params, tmp, 1, false);

    DropcastException e = assertThrows(DropcastException.class, () -> Generator.run(params, tmp, 1, false));
    assertEquals("OUTPUT_EXISTS", e.code(), "rerunning into a used folder must be refused");
    assertTrue(e.getMessage().contains("--overwrite"), "the message must name the fix, was: " + e.getMessage());

    Generator.run(params, tmp, 1, true);
    assertEquals(GeneratedFiles.allBytes(tmp).keySet().size(), 2 * 3 + 1 + 1,
        "after --overwrite only the second run's files remain (2 days x 3 files, 1 hub snapshot, world.json)");
  }
}

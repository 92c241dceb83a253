package io.dropcast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropcast.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notebooks in notebooks/ are committed without outputs, use the repository's Java kernel, and every one of
 * them is in the set notebooks/run-all executes headless (so none is committed without being run by the tests).
 */
class CommittedNotebooksTest {
  private final Path notebooks = Repo.root().resolve("notebooks");

  private List<Path> committed() throws IOException {
    try (Stream<Path> files = Files.list(notebooks)) {
      return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  @Test
  void everyNotebookIsCommittedWithoutOutputsAndRunsOnTheDropcastKernel() throws IOException {
    List<Path> all = committed();
    assertTrue(!all.isEmpty(), "no notebook in " + notebooks);
    ObjectMapper json = new ObjectMapper();
    for (Path nb : all) {
      JsonNode root = json.readTree(nb.toFile());
      assertEquals("dropcast-java", root.at("/metadata/kernelspec/name").asText(), nb + " kernel");
      for (JsonNode cell : root.get("cells")) {
        if (cell.get("cell_type").asText().equals("code")) {
          assertEquals(0, cell.get("outputs").size(), nb + " has a code cell with outputs: " + cell.get("id"));
          assertTrue(cell.get("execution_count").isNull(), nb + " has an executed cell: " + cell.get("id"));
        }
      }
    }
  }

  @Test
  void everyCommittedNotebookIsExecutedByRunAll() throws IOException {
    String runAll = Files.readString(notebooks.resolve("run-all"));
    Matcher m = Pattern.compile("(?m)^notebooks=\\(([^)]*)\\)").matcher(runAll);
    assertTrue(m.find(), "notebooks/run-all has no notebooks=(...) list");
    List<String> executed = List.of(m.group(1).trim().split("\\s+"));
    List<String> names = committed().stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(names, executed, "the notebooks committed and the notebooks notebooks/run-all executes differ");
  }

  @Test
  void theKernelSpecStartsTheRepositorysLauncher() throws IOException {
    Path spec = notebooks.resolve("kernels/dropcast-java/kernel.json");
    JsonNode kernel = new ObjectMapper().readTree(spec.toFile());
    assertEquals("[\"bash\",\"{resource_dir}/launch\",\"{connection_file}\"]", kernel.get("argv").toString());
    assertTrue(Files.isExecutable(spec.resolveSibling("launch")), "the kernel launcher is not executable");
  }
}

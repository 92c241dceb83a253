package io.dropcast.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcast.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/** docs/tables.md is the contract the directory and analysts read: it must list exactly what the code writes. */
class TableContractTest {
  /** The column names in the table under "## NAME" of docs/tables.md, in order. */
  private static List<String> documentedColumns(List<String> lines, String table) {
    int start = lines.indexOf("## " + table);
    assertTrue(start >= 0, "docs/tables.md has no section '## " + table + "'");
    List<String> columns = new ArrayList<>();
    boolean inTable = false;
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      String line = lines.get(i);
      if (line.startsWith("| column |")) {
        inTable = true;
      } else if (inTable && line.startsWith("|---")) {
        continue;
      } else if (inTable && line.startsWith("| ")) {
        columns.add(line.substring(2, line.indexOf(" |", 2)).trim());
      } else if (inTable) {
        break;
      }
    }
    return columns;
  }

  @Test
  void everyDeclaredTableIsDocumentedWithExactlyItsColumns() throws IOException {
    List<String> lines = Files.readAllLines(Repo.root().resolve("docs/tables.md"));
    for (Table table : Tables.all()) {
      assertEquals(Arrays.asList(table.schema().fieldNames()), documentedColumns(lines, table.name()),
          "docs/tables.md section '" + table.name() + "' does not list the columns of Tables." + table.name());
    }
  }

  @Test
  void everyColumnOfEveryTableCarriesAComment() {
    for (Table table : Tables.all()) {
      for (StructField field : table.schema().fields()) {
        assertTrue(field.getComment().isDefined() && !field.getComment().get().isBlank(),
            table.name() + "." + field.name() + " has no comment");
      }
    }
  }
}

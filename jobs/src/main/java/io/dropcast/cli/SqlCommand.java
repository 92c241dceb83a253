package io.dropcast.cli;

import io.dropcast.ledger.RunOutcome;
import io.dropcast.tables.ResultPrinter;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dropcast sql "QUERY"}: Spark SQL over the warehouse, every Dropcast table registered by name. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run a Spark SQL query against the warehouse; every Dropcast table is registered under its name.",
    footer = {"", "Example: dropcast sql \"SELECT status, count(*) FROM job_runs GROUP BY status\" --format csv"})
public final class SqlCommand extends SparkJobCommand {
  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query (quote it).")
  String query;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ResultPrinter.Format format;

  @Option(names = "--limit", paramLabel = "N",
      description = "At most N rows; default 100 for table, all rows (streamed) for csv and json.")
  Integer limit;

  @Override
  protected boolean recordsRuns() {
    return false;
  }

  @Override
  protected RunOutcome execute(JobContext context) {
    List<String> registered = context.warehouse().registerViews();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (registered.isEmpty()) {
      err.println("note: the warehouse " + context.warehouse().root() + " holds no Dropcast table yet");
    }
    Dataset<Row> result = context.step("sql: " + query, () -> context.spark().sql(query));
    ResultPrinter.print(result, format, limit, out);
    out.flush();
    return RunOutcome.succeeded("query printed");
  }
}

package io.dropcast.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * Runs the planned steps of one night in order, each through the same entry point a scheduler uses, and stops
 * at the first step that fails. Each step records itself in job_runs; the runner reads that row back to report
 * the step's status, run id and table versions.
 */
public final class NightlyRunner {
  private final Warehouse warehouse;
  private final StepExecutor executor;
  private final List<String> passThrough;
  private final PrintWriter out;

  /**
   * @param passThrough the options every step gets after its own (--conf, --set, --warehouse of the nightly)
   */
  public NightlyRunner(Warehouse warehouse, StepExecutor executor, List<String> passThrough, PrintWriter out) {
    this.warehouse = warehouse;
    this.executor = executor;
    this.passThrough = List.copyOf(passThrough);
    this.out = out;
  }

  /** Runs the night of {@code date}; the results of the steps run or skipped, the failed one last. */
  public List<StepResult> run(LocalDate date, List<NightlySchedule.Planned> planned) {
    List<StepResult> results = new ArrayList<>();
    int total = planned.size();
    int i = 0;
    for (NightlySchedule.Planned p : planned) {
      i++;
      String args = String.join(" ", p.arguments());
      if (!p.runs()) {
        results.add(new StepResult(p.step(), args, StepResult.SKIPPED, null, 0, Map.of(), p.skipReason()));
        progress(date, i, total, p.step(), "skipped: " + p.skipReason());
        continue;
      }
      progress(date, i, total, p.step(), "running " + p.step().command() + " " + args);
      List<String> line = new ArrayList<>();
      line.add(p.step().command());
      line.addAll(p.arguments());
      line.addAll(passThrough);
      Instant started = Instant.now();
      long t0 = System.nanoTime();
      int code;
      String error = null;
      try {
        code = executor.execute(line.toArray(String[]::new));
      } catch (RuntimeException e) {
        code = -1;
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Optional<Row> run = ledgerRow(p.step().command(), started);
      String status = run.map(r -> r.getString(1)).orElse(null);
      boolean ok = code == 0 && StepResult.SUCCEEDED.equals(status);
      String detail = ok ? notices(run) : failureDetail(code, status, run, error);
      Map<String, Long> versions = run.filter(r -> !r.isNullAt(2)).map(r -> r.<String, Long>getJavaMap(2))
          .map(Map::copyOf).orElse(Map.of());
      StepResult result = new StepResult(p.step(), args, ok ? StepResult.SUCCEEDED : StepResult.FAILED,
          run.map(r -> r.getString(0)).orElse(null), seconds, versions, detail);
      results.add(result);
      progress(date, i, total, p.step(), String.format(Locale.ROOT, "%s in %.1f s%s", result.status(), seconds,
          ok ? " (" + result.tablesText() + ")" : ": " + detail));
      if (!ok) {
        break;
      }
    }
    return results;
  }

  private void progress(LocalDate date, int i, int total, NightlyStep step, String text) {
    out.printf(Locale.ROOT, "nightly %s [%d/%d] %s: %s%n", date, i, total, step.command(), text);
    out.flush();
  }

  /** The warnings and notes a succeeded step left in its ledger message, joined; null when none. */
  private static String notices(Optional<Row> run) {
    java.util.List<String> w = run.filter(r -> !r.isNullAt(3))
        .map(r -> io.dropcast.ledger.RunOutcome.notices(r.getString(3))).orElse(java.util.List.of());
    return w.isEmpty() ? null : String.join("; ", w);
  }

  private static String failureDetail(int code, String status, Optional<Row> run, String error) {
    if (error != null) {
      return error;
    }
    if (run.isEmpty()) {
      return "exit code " + code + "; the step recorded no run in job_runs (it was rejected before it started:"
          + " see its error above)";
    }
    String message = run.get().isNullAt(3) ? "" : run.get().getString(3);
    return "exit code " + code + ", job_runs status " + status + (message.isEmpty() ? "" : ": " + message);
  }

  /** The step's own ledger row: the latest run of its job that started after the step was launched. */
  private Optional<Row> ledgerRow(String job, Instant started) {
    if (!warehouse.exists(Tables.JOB_RUNS)) {
      return Optional.empty();
    }
    List<Row> rows = warehouse.read(Tables.JOB_RUNS)
        .where(col("job").equalTo(job).and(col("started_at").geq(lit(Timestamp.from(started.minusMillis(1))))))
        .orderBy(col("started_at").desc())
        .select("run_id", "status", "table_versions", "message")
        .limit(1).collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }
}

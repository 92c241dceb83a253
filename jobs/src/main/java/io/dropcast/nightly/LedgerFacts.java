package io.dropcast.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.dropcast.ledger.RunStatus;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the run ledger says about the steps of a night, for one run date: per job, whether a succeeded run
 * covered the date, the last date a succeeded run covered before it, and the last date covered up to it.
 * Read with one aggregate over {@code job_runs} (one row per job comes back, never the ledger itself).
 */
public record LedgerFacts(LocalDate date, Map<String, JobFacts> byJob) {

  /** @param coversDate a succeeded run of the job covered the date
   *  @param lastBefore the last date a succeeded run covered before the date
   *  @param lastUpTo the last date, up to and including the date, a succeeded run covered */
  public record JobFacts(boolean coversDate, Optional<LocalDate> lastBefore, Optional<LocalDate> lastUpTo) {}

  private static final JobFacts NONE = new JobFacts(false, Optional.empty(), Optional.empty());

  public JobFacts of(String job) {
    return byJob.getOrDefault(job, NONE);
  }

  /** Reads the facts of {@code jobs} for {@code date}; an absent ledger means nothing ever ran. */
  public static LedgerFacts read(Warehouse warehouse, LocalDate date, Collection<String> jobs) {
    Map<String, JobFacts> facts = new HashMap<>();
    if (!warehouse.exists(Tables.JOB_RUNS)) {
      return new LedgerFacts(date, facts);
    }
    java.sql.Date d = java.sql.Date.valueOf(date);
    Dataset<Row> runs = warehouse.read(Tables.JOB_RUNS)
        .where(col("status").equalTo(RunStatus.SUCCEEDED.value()).and(col("job").isin(jobs.toArray()))
            .and(col("date_from").isNotNull()).and(col("date_from").leq(lit(d))));
    for (Row r : runs.groupBy("job").agg(
        max(when(col("date_to").geq(lit(d)), lit(1)).otherwise(lit(0))).as("covers"),
        max(when(col("date_to").lt(lit(d)), col("date_to"))).as("last_before"),
        max(when(col("date_to").leq(lit(d)), col("date_to"))).as("last_up_to")).collectAsList()) {
      facts.put(r.getString(0), new JobFacts(r.getInt(1) == 1, date(r, 2), date(r, 3)));
    }
    return new LedgerFacts(date, facts);
  }

  private static Optional<LocalDate> date(Row r, int i) {
    return r.isNullAt(i) ? Optional.empty() : Optional.of(r.getDate(i).toLocalDate());
  }
}

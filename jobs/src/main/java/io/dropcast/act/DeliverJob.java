package io.dropcast.act;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropcast.cli.JobContext;
import io.dropcast.errors.Errors;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import java.io.IOException;
import java.net.URI;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code dropcast deliver --date D}: posts every published document of D (each hub's packing list to its endpoint,
 * the plan summary to the {@code "*"} endpoint) that has not been delivered yet, and records every attempt in
 * {@code webhook_deliveries}. A delivery attempted before is retried with the body and idempotency key of its
 * first attempt; one already delivered is left alone. Deliveries run on the driver, one after another. A failed
 * delivery does not fail the run: it is counted, and the run's message says how to retry.
 */
public final class DeliverJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeliverJob() {}

  /**
   * What a deliver run did.
   *
   * @param pending deliveries attempted in this run
   * @param alreadyDelivered deliveries skipped because an earlier attempt succeeded
   * @param unrouted published documents with no endpoint configured for their hub
   */
  public record Result(int pending, int delivered, int failed, int alreadyDelivered, int unrouted, int attempts,
      long tableVersion) {}

  /** The attempts so far of one delivery: the last attempt number and outcome, and the body first posted. */
  record Previous(int lastAttempt, String lastOutcome, String body) {}

  public static Result run(JobContext context, LocalDate date, WebhookSettings settings, WebhookClient client) {
    Warehouse warehouse = context.warehouse();
    warehouse.ensureCreated(Tables.WEBHOOK_DELIVERIES);
    org.apache.hadoop.fs.Path folder = PackingListFiles.folder(warehouse.root(), date);
    Map<String, String> files = PackingListFiles.read(warehouse.spark().sessionState().newHadoopConf(), folder);
    if (!files.containsKey(PackingListFiles.SUMMARY_FILE)) {
      throw Errors.badArgument("--date", date.toString(), "no packing lists were published for " + date
          + " (" + folder + "/" + PackingListFiles.SUMMARY_FILE + " does not exist)",
          "run 'dropcast pack --date " + date + "' first");
    }
    List<Delivery> deliveries = new ArrayList<>();
    int unrouted = 0;
    for (Map.Entry<String, String> f : files.entrySet()) {
      if (!f.getKey().endsWith(".json")) {
        continue;
      }
      JsonNode doc = parse(folder + "/" + f.getKey(), f.getValue());
      String kind = doc.path("kind").asText();
      String hub = kind.equals(Delivery.PLAN_SUMMARY) ? Delivery.ALL : doc.path("hub_id").asText();
      Optional<URI> endpoint = kind.equals(Delivery.PLAN_SUMMARY) ? settings.summaryEndpoint()
          : settings.endpointFor(hub);
      if (endpoint.isEmpty()) {
        unrouted++;
        continue;
      }
      String key = doc.path("idempotency_key").asText();
      deliveries.add(new Delivery(Delivery.deliveryId(key, endpoint.get()), key, kind, endpoint.get(), hub, date,
          f.getValue()));
    }
    Map<String, Previous> previous = context.step("deliver " + date + ": read earlier attempts",
        () -> previous(warehouse, date));
    List<WebhookClient.Attempt> attempts = new ArrayList<>();
    int pending = 0;
    int delivered = 0;
    int failed = 0;
    int already = 0;
    for (Delivery d : deliveries) {
      Previous p = previous.get(d.deliveryId());
      if (p != null && WebhookClient.DELIVERED.equals(p.lastOutcome())) {
        already++;
        continue;
      }
      Delivery exact = p == null ? d : new Delivery(d.deliveryId(), d.idempotencyKey(), d.kind(), d.endpoint(),
          d.hubId(), d.planDate(), p.body());
      pending++;
      List<WebhookClient.Attempt> made = client.deliver(exact, p == null ? 1 : p.lastAttempt() + 1);
      attempts.addAll(made);
      if (made.get(made.size() - 1).succeeded()) {
        delivered++;
      } else {
        failed++;
      }
    }
    if (!attempts.isEmpty()) {
      List<Row> rows = attempts.stream().map(a -> row(a, context.runId())).toList();
      Dataset<Row> out = warehouse.spark().createDataFrame(rows, Tables.WEBHOOK_DELIVERIES.schema());
      context.step("deliver " + date + ": record " + rows.size() + " attempt(s)", () ->
          out.write().format("delta").mode("append").save(warehouse.path(Tables.WEBHOOK_DELIVERIES)));
    }
    return new Result(pending, delivered, failed, already, unrouted, attempts.size(),
        warehouse.version(Tables.WEBHOOK_DELIVERIES).orElseThrow());
  }

  private static JsonNode parse(String file, String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw Errors.badArgument("--date", file, "the published file is not valid JSON (" + e.getMessage() + ")",
          "run 'dropcast pack' for the date again to publish it anew");
    }
  }

  /** One row per delivery of the date: small (a delivery per hub), whatever the table's size. */
  static Map<String, Previous> previous(Warehouse warehouse, LocalDate date) {
    Map<String, Previous> out = new HashMap<>();
    Dataset<Row> rows = warehouse.read(Tables.WEBHOOK_DELIVERIES)
        .filter(col("plan_date").equalTo(lit(Date.valueOf(date))));
    for (Row r : rows.groupBy("delivery_id").agg(max("attempt"), max_by(col("outcome"), col("attempt")),
        org.apache.spark.sql.functions.min_by(col("body"), col("attempt"))).collectAsList()) {
      out.put(r.getString(0), new Previous(r.getInt(1), r.getString(2), r.getString(3)));
    }
    return out;
  }

  private static Row row(WebhookClient.Attempt a, String runId) {
    Delivery d = a.delivery();
    return RowFactory.create(Date.valueOf(d.planDate()), d.deliveryId(), d.idempotencyKey(), d.kind(),
        Delivery.recorded(d.endpoint()), d.hubId(), a.attempt(), Timestamp.from(a.attemptedAt()), a.statusCode(),
        a.errorKind(), a.outcome(), a.durationMs(), d.body(), runId);
  }
}

package io.dropcast.act;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.dropcast.cli.JobContext;
import io.dropcast.config.ConfigLoader;
import io.dropcast.config.DropcastConfig;
import io.dropcast.errors.DropcastException;
import io.dropcast.tables.Tables;
import io.dropcast.tables.Warehouse;
import io.dropcast.testing.SharedSpark;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook deliveries against a real HTTP server on 127.0.0.1 (the JDK's), started per test on a free port: the
 * signature, retries on 5xx, no retry on 4xx, timeouts, and re-delivery by the deliver job with the same key.
 */
class WebhookDeliveryTest {
  private static final String SECRET = "test-shared-secret";
  private static final LocalDate DATE = LocalDate.parse("2026-07-01");
  private static final Instant NOW = Instant.parse("2026-07-01T22:00:00Z");

  /** What the server saw of one request. */
  record Seen(String signature, String idempotencyKey, byte[] body) {}

  private HttpServer server;
  private java.util.concurrent.ExecutorService handlers;
  private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  /** Status codes the server answers, in order; the last one repeats. A negative code means: sleep 1 s first. */
  private final List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      seen.add(new Seen(exchange.getRequestHeaders().getFirst("X-Dropcast-Signature"),
          exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
      int i = served.getAndIncrement();
      int code = answers.get(Math.min(i, answers.size() - 1));
      if (code < 0) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        code = -code;
      }
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
    });
    handlers = java.util.concurrent.Executors.newFixedThreadPool(2);
    server.setExecutor(handlers);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** Settings with short timeouts and backoff, as tests want them; {@code maxAttempts} attempts. */
  private DropcastConfig config(int maxAttempts) {
    Map<String, String> set = new LinkedHashMap<>();
    set.put("dropcast.act.webhooks.endpoints", "{ \"*\" = \"" + endpoint() + "\" }");
    set.put("dropcast.act.webhooks.read-timeout-ms", "300");
    set.put("dropcast.act.webhooks.connect-timeout-ms", "300");
    set.put("dropcast.act.webhooks.backoff-initial-ms", "10");
    set.put("dropcast.act.webhooks.backoff-max-ms", "20");
    set.put("dropcast.act.webhooks.max-attempts", String.valueOf(maxAttempts));
    return ConfigLoader.load(Optional.empty(), Optional.empty(), set);
  }

  private WebhookSettings settings(int maxAttempts) {
    return WebhookSettings.from(config(maxAttempts), Map.of("DROPCAST_WEBHOOK_SECRET", SECRET));
  }

  private Delivery delivery(String body) {
    String key = Delivery.idempotencyKey(7, "hub-01", DATE);
    return new Delivery(Delivery.deliveryId(key, endpoint()), key, Delivery.PACKING_LIST, endpoint(), "hub-01", DATE,
        body);
  }

  private static String hmacHex(byte[] body, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void theSignatureHeaderIsTheHmacSha256OfTheReceivedBodyWithTheSharedSecret() throws Exception {
    answers.add(200);
    String body = "{\"schema_version\":1,\"title\":\"P\u00e3o de l\u00f3\"}";
    List<WebhookClient.Attempt> attempts = new WebhookClient(settings(3), Clock.systemUTC()).deliver(delivery(body), 1);

    assertEquals(1, attempts.size(), "a 200 needs one attempt");
    Seen s = seen.peek();
    assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), s.body(), "the body is posted as UTF-8, unchanged");
    assertEquals("sha256=" + hmacHex(s.body(), SECRET), s.signature(), "the receiver's own HMAC matches the header");
    assertTrue(Signatures.verify(s.body(), SECRET, s.signature()), "verify accepts the right secret");
    assertTrue(!Signatures.verify(s.body(), "another-secret", s.signature()), "verify refuses another secret");
    assertEquals("dropcast:v7:hub-01:2026-07-01", s.idempotencyKey(), "the idempotency key travels as a header");
  }

  @Test
  void aServerErrorIsRetriedWithBackoffAndBothAttemptsAreRecorded() {
    answers.addAll(List.of(500, 200));
    List<Long> waits = new ArrayList<>();
    List<WebhookClient.Attempt> attempts = new WebhookClient(settings(4), Clock.fixed(NOW, ZoneOffset.UTC),
        waits::add).deliver(delivery("{}"), 1);

    assertEquals(2, attempts.size(), "a 500 then a 200: two attempts");
    assertEquals(List.of(500, 200), attempts.stream().map(WebhookClient.Attempt::statusCode).toList());
    assertEquals(List.of("retrying", "delivered"), attempts.stream().map(WebhookClient.Attempt::outcome).toList());
    assertEquals(List.of(1, 2), attempts.stream().map(WebhookClient.Attempt::attempt).toList());
    assertEquals(List.of(10L), waits, "one wait, of backoff-initial-ms, before the retry");
    assertEquals(2, seen.size(), "the server saw both attempts");
    assertEquals(1, seen.stream().map(Seen::idempotencyKey).distinct().count(), "both carry the same key");
  }

  @Test
  void aClientErrorIsNotRetried() {
    answers.add(400);
    List<WebhookClient.Attempt> attempts = new WebhookClient(settings(4), Clock.systemUTC(), ms -> {})
        .deliver(delivery("{}"), 1);

    assertEquals(1, attempts.size(), "a 400 is final");
    assertEquals(400, attempts.get(0).statusCode());
    assertEquals("rejected", attempts.get(0).outcome());
    assertEquals(1, seen.size(), "the server saw one request");
  }

  @Test
  void anEndpointThatDoesNotAnswerWithinTheReadTimeoutIsRecordedAsATimeoutAndRetried() {
    answers.add(-200);
    List<Long> waits = new ArrayList<>();
    List<WebhookClient.Attempt> attempts = new WebhookClient(settings(3), Clock.systemUTC(), waits::add)
        .deliver(delivery("{}"), 1);

    assertEquals(3, attempts.size(), "a timeout is retried up to max-attempts");
    for (WebhookClient.Attempt a : attempts) {
      assertEquals("timeout", a.errorKind(), "no response within read-timeout-ms is a timeout");
      assertNull(a.statusCode(), "a timeout has no status code");
      assertTrue(a.durationMs() >= 250 && a.durationMs() < 1000, "the attempt gave up after about 300 ms: "
          + a.durationMs());
    }
    assertEquals(List.of("retrying", "retrying", "failed"), attempts.stream().map(WebhookClient.Attempt::outcome)
        .toList());
    assertEquals(List.of(10L, 20L), waits, "exponential backoff, capped at backoff-max-ms");
  }

  @Test
  void aRefusedConnectionIsRecordedAsAConnectError() throws Exception {
    answers.add(200);
    URI closed;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
    }
    String key = Delivery.idempotencyKey(7, "hub-01", DATE);
    List<WebhookClient.Attempt> attempts = new WebhookClient(settings(2), Clock.systemUTC(), ms -> {})
        .deliver(new Delivery("x", key, Delivery.PACKING_LIST, closed, "hub-01", DATE, "{}"), 1);
    assertEquals(List.of("connect", "connect"), attempts.stream().map(WebhookClient.Attempt::errorKind).toList());
    assertEquals("failed", attempts.get(1).outcome());
  }

  @Test
  void deliverRetriesWhatFailedWithTheSameKeyAndBodyAndLeavesWhatWasDeliveredAlone(@TempDir Path dir) {
    Warehouse warehouse = new Warehouse(SharedSpark.get(), dir.toString());
    String list = "{\"schema_version\":1,\"kind\":\"packing_list\",\"idempotency_key\":\"dropcast:v3:hub-01:2026-07-01\","
        + "\"hub_id\":\"hub-01\",\"items\":[]}\n";
    String summary = "{\"schema_version\":1,\"kind\":\"plan_summary\",\"idempotency_key\":\"dropcast:v3:all:2026-07-01\","
        + "\"hubs\":[]}\n";
    Map<String, String> files = new LinkedHashMap<>();
    files.put("hub-01.json", list);
    files.put("hub-01.csv", "pick_order\n");
    files.put(PackingListFiles.SUMMARY_FILE, summary);
    PackingListFiles.publish(SharedSpark.get().sessionState().newHadoopConf(),
        PackingListFiles.folder(warehouse.root(), DATE), "run-0", files);
    WebhookSettings settings = settings(2);
    JobContext first = new JobContext("deliver", "run-1", config(2), SharedSpark.get(), warehouse,
        Clock.fixed(NOW, ZoneOffset.UTC));

    // Night 1: the endpoint is down (503 on every attempt).
    answers.add(503);
    DeliverJob.Result r1 = DeliverJob.run(first, DATE, settings, new WebhookClient(settings, first.clock(), ms -> {}));
    assertEquals(new DeliverJob.Result(2, 0, 2, 0, 0, 4, 1), r1, "two deliveries, each failed after 2 attempts");
    assertEquals("2 webhook deliveries failed; retry with bin/dropcast deliver --date 2026-07-01",
        DeliverCommand.failureWarning(r1.failed(), DATE));

    // The retry: the endpoint is back.
    answers.clear();
    answers.add(200);
    JobContext second = new JobContext("deliver", "run-2", config(2), SharedSpark.get(), warehouse,
        Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
    DeliverJob.Result r2 = DeliverJob.run(second, DATE, settings, new WebhookClient(settings, second.clock(), ms -> {}));
    assertEquals(new DeliverJob.Result(2, 2, 0, 0, 0, 2, 2), r2, "both delivered on the retry");

    List<Seen> all = new ArrayList<>(seen);
    assertEquals(6, all.size(), "4 failed attempts, then 2 that succeeded");
    for (String key : List.of("dropcast:v3:hub-01:2026-07-01", "dropcast:v3:all:2026-07-01")) {
      List<Seen> ofKey = all.stream().filter(s -> key.equals(s.idempotencyKey())).toList();
      assertEquals(3, ofKey.size(), key + " was attempted twice, then re-delivered once");
      for (Seen s : ofKey) {
        assertArrayEquals(ofKey.get(0).body(), s.body(), "every attempt of " + key + " posts the same body");
        assertEquals(ofKey.get(0).signature(), s.signature(), "and so the same signature");
      }
    }

    List<String> rows = warehouse.read(Tables.WEBHOOK_DELIVERIES).orderBy("hub_id", "attempt")
        .select("hub_id", "kind", "attempt", "status_code", "error_kind", "outcome", "run_id", "idempotency_key")
        .collectAsList().stream().map(Row::toString).toList();
    assertEquals(List.of(
        "[all,plan_summary,1,503,null,retrying,run-1,dropcast:v3:all:2026-07-01]",
        "[all,plan_summary,2,503,null,failed,run-1,dropcast:v3:all:2026-07-01]",
        "[all,plan_summary,3,200,null,delivered,run-2,dropcast:v3:all:2026-07-01]",
        "[hub-01,packing_list,1,503,null,retrying,run-1,dropcast:v3:hub-01:2026-07-01]",
        "[hub-01,packing_list,2,503,null,failed,run-1,dropcast:v3:hub-01:2026-07-01]",
        "[hub-01,packing_list,3,200,null,delivered,run-2,dropcast:v3:hub-01:2026-07-01]"), rows,
        "every attempt is a row; the retry continues the attempt numbers");

    // A third run finds nothing left to deliver and posts nothing.
    DeliverJob.Result r3 = DeliverJob.run(second, DATE, settings, new WebhookClient(settings, second.clock(), ms -> {}));
    assertEquals(new DeliverJob.Result(0, 0, 0, 2, 0, 0, 2), r3, "already delivered: nothing attempted");
    assertEquals(6, seen.size(), "no request after everything was delivered");
  }

  @Test
  void plainHttpToAnotherHostThanLoopbackIsRefusedUnlessAllowed() {
    Map<String, String> set = Map.of("dropcast.act.webhooks.endpoints", "{ hub-01 = \"http://hooks.example.com/x\" }");
    DropcastException e = assertThrows(DropcastException.class, () -> WebhookSettings.from(
        ConfigLoader.load(Optional.empty(), Optional.empty(), set), Map.of("DROPCAST_WEBHOOK_SECRET", SECRET)));
    assertTrue(e.getMessage().contains("only allowed to loopback") && e.getMessage().contains("allow-insecure-http"),
        e.getMessage());
    Map<String, String> allowed = new LinkedHashMap<>(set);
    allowed.put("dropcast.act.webhooks.allow-insecure-http", "true");
    WebhookSettings s = WebhookSettings.from(ConfigLoader.load(Optional.empty(), Optional.empty(), allowed),
        Map.of("DROPCAST_WEBHOOK_SECRET", SECRET));
    assertEquals(Optional.of(URI.create("http://hooks.example.com/x")), s.endpointFor("hub-01"));
    assertEquals(Optional.empty(), s.endpointFor("hub-02"), "no \"*\" endpoint: other hubs get nothing");
  }

  @Test
  void endpointsWithoutTheSecretInTheEnvironmentFailNamingTheVariable() {
    Map<String, String> set = Map.of("dropcast.act.webhooks.endpoints", "{ \"*\" = \"https://hooks.example.com/x\" }");
    DropcastException e = assertThrows(DropcastException.class, () -> WebhookSettings.from(
        ConfigLoader.load(Optional.empty(), Optional.empty(), set), Map.of()));
    assertTrue(e.getMessage().contains("DROPCAST_WEBHOOK_SECRET"), e.getMessage());
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsAConfigurationError() {
    Map<String, String> set = Map.of("dropcast.act.webhooks.endpoints", "{ \"*\" = \"ftp://hooks.example.com/x\" }");
    DropcastException e = assertThrows(DropcastException.class,
        () -> ConfigLoader.load(Optional.empty(), Optional.empty(), set));
    assertTrue(e.getMessage().contains("dropcast.act.webhooks.endpoints") && e.getMessage().contains("http"),
        e.getMessage());
  }
}

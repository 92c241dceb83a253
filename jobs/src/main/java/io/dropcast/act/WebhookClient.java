package io.dropcast.act;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Posts a {@link Delivery} with the JDK's HTTP client: signed, with the idempotency key in a header and in the
 * body, connect and read timeouts, up to {@code max-attempts} attempts with exponential backoff on a 5xx, a timeout
 * or a network error, and no retry on any other status. Runs on the driver; returns every attempt made.
 */
public final class WebhookClient {
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  /** Outcomes of an attempt, as recorded in webhook_deliveries. */
  public static final String DELIVERED = "delivered";
  public static final String RETRYING = "retrying";
  public static final String FAILED = "failed";
  public static final String REJECTED = "rejected";

  /**
   * One attempt.
   *
   * @param statusCode the HTTP status, or null when no response came
   * @param errorKind timeout, connect, io or interrupted when no response came, else null
   */
  public record Attempt(Delivery delivery, int attempt, Instant attemptedAt, Integer statusCode, String errorKind,
      String outcome, long durationMs) {
    public boolean succeeded() {
      return DELIVERED.equals(outcome);
    }
  }

  /** How the client waits between attempts; tests may pass a recording sleeper. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final WebhookSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;

  public WebhookClient(WebhookSettings settings, Clock clock) {
    this(settings, clock, Thread::sleep);
  }

  public WebhookClient(WebhookSettings settings, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
  }

  /**
   * Attempts {@code delivery} until it is delivered, rejected or out of attempts; {@code firstAttempt} continues
   * the numbering of earlier runs.
   */
  public List<Attempt> deliver(Delivery delivery, int firstAttempt) {
    List<Attempt> attempts = new ArrayList<>();
    byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(delivery.endpoint())
        .timeout(settings.readTimeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header(Signatures.HEADER, Signatures.sign(body, settings.secret()))
        .header(IDEMPOTENCY_HEADER, delivery.idempotencyKey())
        .header("User-Agent", "dropcast-webhooks")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    for (int i = 1; i <= settings.maxAttempts(); i++) {
      boolean last = i == settings.maxAttempts();
      Instant at = clock.instant();
      long t0 = System.nanoTime();
      Integer status = null;
      String error = null;
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        status = response.statusCode();
      } catch (HttpConnectTimeoutException e) {
        error = "connect";
      } catch (HttpTimeoutException e) {
        error = "timeout";
      } catch (ConnectException e) {
        error = "connect";
      } catch (IOException e) {
        error = "io";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = "interrupted";
      }
      long ms = Math.round((System.nanoTime() - t0) / 1e6);
      String outcome;
      if (status != null && status >= 200 && status < 300) {
        outcome = DELIVERED;
      } else if (status != null && status < 500) {
        outcome = REJECTED;
      } else {
        outcome = last || "interrupted".equals(error) ? FAILED : RETRYING;
      }
      attempts.add(new Attempt(delivery, firstAttempt + i - 1, at, status, error, outcome, ms));
      if (!RETRYING.equals(outcome)) {
        break;
      }
      try {
        sleeper.sleep(settings.backoffMs(i));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return attempts;
  }
}

package io.dropcast.act;

import io.dropcast.config.DropcastConfig;
import io.dropcast.config.Keys;
import io.dropcast.errors.Errors;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The webhook configuration of a run: endpoints by hub ({@code "*"} for every other hub and for the plan summary),
 * the shared secret (from the environment variable named by {@code dropcast.act.webhooks.secret-env}, never from a
 * file), timeouts, attempts and backoff. Validated before Spark starts: an http:// endpoint off loopback is refused
 * unless {@code allow-insecure-http}, and configured endpoints without a secret fail the run.
 */
public record WebhookSettings(Map<String, URI> endpoints, String secret, Duration connectTimeout,
    Duration readTimeout, int maxAttempts, long backoffInitialMs, long backoffMaxMs) {

  /** The endpoint name that stands for every hub without its own, and receives the plan summary. */
  public static final String ALL_HUBS = "*";

  public WebhookSettings {
    endpoints = Map.copyOf(endpoints);
  }

  /** No endpoint is configured: nothing is delivered. */
  public boolean none() {
    return endpoints.isEmpty();
  }

  /** The endpoint a hub's packing list goes to: its own, else {@code "*"}, else none. */
  public Optional<URI> endpointFor(String hubId) {
    return Optional.ofNullable(endpoints.getOrDefault(hubId, endpoints.get(ALL_HUBS)));
  }

  /** The endpoint of the plan summary: {@code "*"}, else none. */
  public Optional<URI> summaryEndpoint() {
    return Optional.ofNullable(endpoints.get(ALL_HUBS));
  }

  /** Reads and checks the settings; {@code environment} holds the secret's variable. */
  public static WebhookSettings from(DropcastConfig config, Map<String, String> environment) {
    Map<String, URI> endpoints = new TreeMap<>();
    boolean insecure = config.get(Keys.ACT_WEBHOOK_ALLOW_INSECURE_HTTP);
    for (Map.Entry<String, String> e : config.get(Keys.ACT_WEBHOOK_ENDPOINTS).entrySet()) {
      URI uri = URI.create(e.getValue().trim());
      if (uri.getScheme().equalsIgnoreCase("http") && !insecure && !isLoopback(uri.getHost())) {
        throw Errors.badArgument(Keys.ACT_WEBHOOK_ENDPOINTS.path() + "." + e.getKey(), e.getValue(),
            "plain http:// sends the signed plan unencrypted, so it is only allowed to loopback (127.0.0.1, ::1,"
                + " localhost); this endpoint is set in " + config.origin(Keys.ACT_WEBHOOK_ENDPOINTS),
            "use an https:// URL, or set " + Keys.ACT_WEBHOOK_ALLOW_INSECURE_HTTP.path() + " = true if the network"
                + " path is trusted");
      }
      endpoints.put(e.getKey(), uri);
    }
    String secret = "";
    if (!endpoints.isEmpty()) {
      String variable = config.get(Keys.ACT_WEBHOOK_SECRET_ENV);
      secret = environment.getOrDefault(variable, "");
      if (secret.isEmpty()) {
        throw Errors.missingSecret(variable, "shared secret that signs webhook bodies (endpoints are configured in "
            + Keys.ACT_WEBHOOK_ENDPOINTS.path() + ")");
      }
    }
    return new WebhookSettings(endpoints, secret,
        Duration.ofMillis(config.get(Keys.ACT_WEBHOOK_CONNECT_TIMEOUT_MS)),
        Duration.ofMillis(config.get(Keys.ACT_WEBHOOK_READ_TIMEOUT_MS)),
        config.get(Keys.ACT_WEBHOOK_MAX_ATTEMPTS), config.get(Keys.ACT_WEBHOOK_BACKOFF_INITIAL_MS),
        config.get(Keys.ACT_WEBHOOK_BACKOFF_MAX_MS));
  }

  /** The wait before attempt {@code attempt + 1} (attempt is 1-based): initial x 2^(attempt-1), capped. */
  public long backoffMs(int attempt) {
    double wait = backoffInitialMs * Math.pow(2, attempt - 1);
    return (long) Math.min(wait, backoffMaxMs);
  }

  /**
   * The rule of {@code dropcast.act.webhooks.endpoints}: every name is a hub id or "*", every value an absolute
   * http(s) URL with a host and neither user info (put no credentials in a URL) nor fragment.
   */
  public static boolean validEndpoints(Map<String, String> endpoints) {
    for (Map.Entry<String, String> e : endpoints.entrySet()) {
      if (!(e.getKey().equals(ALL_HUBS) || e.getKey().matches("[A-Za-z0-9][A-Za-z0-9_.:-]*"))) {
        return false;
      }
      try {
        URI uri = new URI(e.getValue().trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
            || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
          return false;
        }
      } catch (URISyntaxException bad) {
        return false;
      }
    }
    return true;
  }

  /** Loopback by name or literal address, decided without a DNS lookup. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
  }
}

package io.dropcast.act;

import java.net.URI;
import java.time.LocalDate;

/**
 * One body to one endpoint. {@code deliveryId} is derived from the idempotency key and the endpoint, so the same
 * delivery keeps its id over every attempt and re-delivery.
 *
 * @param kind {@link #PACKING_LIST} or {@link #PLAN_SUMMARY}
 * @param hubId the packing list's hub, or {@link #ALL} for the plan summary
 * @param body the exact JSON text posted (UTF-8)
 */
public record Delivery(String deliveryId, String idempotencyKey, String kind, URI endpoint, String hubId,
    LocalDate planDate, String body) {

  public static final String PACKING_LIST = "packing_list";
  public static final String PLAN_SUMMARY = "plan_summary";
  public static final String ALL = "all";

  /** {@code dropcast:v<plan version>:<hub or all>:<plan date>}. */
  public static String idempotencyKey(long planVersion, String hubId, LocalDate planDate) {
    return "dropcast:v" + planVersion + ":" + hubId + ":" + planDate;
  }

  /** The id of the delivery of {@code key} to {@code endpoint}: the first 24 hex digits of their SHA-256. */
  public static String deliveryId(String key, URI endpoint) {
    return Signatures.sha256Hex(key + "\n" + recorded(endpoint)).substring(0, 24);
  }

  /** The endpoint as recorded: scheme, host, port and path, without query string. */
  public static String recorded(URI endpoint) {
    return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort())
        + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
  }
}

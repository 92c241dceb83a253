package io.dropcast.act;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code X-Dropcast-Signature: sha256=<hex HMAC-SHA256 of the body bytes with the shared
 * secret>}. A receiver recomputes it over the raw body it received and compares in constant time.
 */
public final class Signatures {
  public static final String HEADER = "X-Dropcast-Signature";
  private static final String PREFIX = "sha256=";

  private Signatures() {}

  /** The header value for {@code body}. */
  public static String sign(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + hex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Whether {@code header} is the signature of {@code body} (constant-time comparison). */
  public static boolean verify(byte[] body, String secret, String header) {
    if (header == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(body, secret).getBytes(StandardCharsets.US_ASCII),
        header.trim().getBytes(StandardCharsets.US_ASCII));
  }

  /** Lower-case hex of SHA-256 of {@code text}. */
  static String sha256Hex(String text) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  static String hex(byte[] bytes) {
    StringBuilder b = new StringBuilder(bytes.length * 2);
    for (byte x : bytes) {
      b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
    }
    return b.toString();
  }
}

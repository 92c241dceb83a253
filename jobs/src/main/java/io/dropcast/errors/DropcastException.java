package io.dropcast.errors;

/**
 * A user-facing failure: it says what went wrong, why, and how to fix it. Built only by {@link Errors},
 * so every message has the same shape and names the offending value, file or row.
 */
public class DropcastException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  DropcastException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** A stable identifier of the kind of failure (for example {@code CONFIG_UNKNOWN_KEY}), for tests and alerts. */
  public String code() {
    return code;
  }
}

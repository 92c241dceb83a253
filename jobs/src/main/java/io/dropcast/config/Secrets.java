package io.dropcast.config;

import io.dropcast.errors.Errors;
import java.util.Map;

/**
 * Secrets come from the environment only and are never logged. On the embedded local default a documented
 * development value stands in when the variable is unset; a cluster run fails instead.
 */
public final class Secrets {
  /** The salt used on the embedded local default when none is exported; documented in the README. */
  public static final String LOCAL_DEVELOPMENT_SALT = "dropcast-local-development-salt";

  private Secrets() {}

  /** The salt that hashes customer ids, from the variable named by {@link Keys#CUSTOMER_SALT_ENV}. */
  public static String customerSalt(DropcastConfig config, Map<String, String> environment) {
    String variable = config.get(Keys.CUSTOMER_SALT_ENV);
    String value = environment.get(variable);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    if (config.isLocal()) {
      return LOCAL_DEVELOPMENT_SALT;
    }
    throw Errors.missingSecret(variable, "salt that hashes customer ids");
  }
}

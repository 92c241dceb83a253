package io.dropcast.contract;

import io.dropcast.errors.Errors;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;

/**
 * The raw data contract as Avro schemas, loaded once from the classpath: {@code contract/v1/*.avsc} for the
 * landing sources and {@code contract/truth/*.avsc} for the generator's truth. The generator writes against
 * these schemas and the ingest job reads with them, so both sides share one definition.
 *
 * <p>{@link Schema} objects are effectively immutable once parsed; callers must not add properties to them.
 */
public final class AvroContract {
  /** Version of the landing contract: the folder under {@code contract/}. */
  public static final String VERSION = "v1";

  private AvroContract() {}

  /** Landing source {@code drops}: one record per drop batch. */
  public static Schema drops() {
    return Holder.DROPS;
  }

  /** Landing source {@code orders}: one record per order version. */
  public static Schema orders() {
    return Holder.ORDERS;
  }

  /** Landing source {@code hubs}: hub snapshots. */
  public static Schema hubs() {
    return Holder.HUBS;
  }

  /** Generator truth {@code latent_demand}: demand with and without sell-outs, for scoring only. */
  public static Schema latentDemand() {
    return Holder.LATENT_DEMAND;
  }

  /** Classpath resource of a landing source's schema, for example {@code contract/v1/orders.avsc}. */
  public static String resource(String source) {
    return "contract/" + VERSION + "/" + source + ".avsc";
  }

  /** Parses a schema from a classpath resource; a missing or invalid resource is a packaging bug. */
  static Schema load(String resource) {
    try (InputStream in = AvroContract.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw Errors.internal("The contract schema " + resource + " is not on the classpath", null);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw Errors.internal("The contract schema " + resource + " cannot be read", e);
    }
  }

  /** Lazy holder: schemas are parsed on first use, once per class loader. */
  private static final class Holder {
    static final Schema DROPS = load(resource("drops"));
    static final Schema ORDERS = load(resource("orders"));
    static final Schema HUBS = load(resource("hubs"));
    static final Schema LATENT_DEMAND = load("contract/truth/latent_demand.avsc");
  }
}

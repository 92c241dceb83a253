package io.dropcast.generate;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where the generator writes, under the output folder:
 * <pre>
 *   landing/{drops,orders,hubs}/date=YYYY-MM-DD/part-00000.{parquet,csv,jsonl}
 *   truth/latent_demand/date=YYYY-MM-DD/part-00000.parquet
 *   truth/world.json
 * </pre>
 * The date is the local date (in the world's time zone) of the records' event time.
 */
public final class LandingLayout {
  private LandingLayout() {}

  public static final String DROPS = "drops";
  public static final String ORDERS = "orders";
  public static final String HUBS = "hubs";
  public static final String LATENT_DEMAND = "latent_demand";
  public static final String PART = "part-00000";

  public static Path landing(Path out) {
    return out.resolve("landing");
  }

  public static Path truth(Path out) {
    return out.resolve("truth");
  }

  /** A landing file of a source for a local date. */
  public static Path landingFile(Path out, String source, LocalDate date, LandingFormat format) {
    return landing(out).resolve(source).resolve("date=" + date).resolve(PART + "." + format.extension());
  }

  /** The truth file of a local date (always Parquet). */
  public static Path latentDemandFile(Path out, LocalDate date) {
    return truth(out).resolve(LATENT_DEMAND).resolve("date=" + date)
        .resolve(PART + "." + LandingFormat.PARQUET.extension());
  }

  public static Path worldJson(Path out) {
    return truth(out).resolve("world.json");
  }
}

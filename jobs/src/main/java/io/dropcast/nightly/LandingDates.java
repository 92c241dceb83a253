package io.dropcast.nightly;

import io.dropcast.errors.Errors;
import io.dropcast.ingest.Source;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** The date folders of the landing area ({@code <landing>/<source>/date=YYYY-MM-DD}), listed on the driver. */
public final class LandingDates {
  private static final String PREFIX = "date=";

  private LandingDates() {}

  /** The earliest date folder of any source, or empty when the landing area has none. */
  public static Optional<LocalDate> first(SparkSession spark, String landingRoot) {
    Configuration conf = spark.sessionState().newHadoopConf();
    Optional<LocalDate> first = Optional.empty();
    for (Source source : Source.values()) {
      Path dir = new Path(landingRoot + "/" + source.label());
      try {
        FileSystem fs = FileSystem.get(dir.toUri(), conf);
        FileStatus[] statuses;
        try {
          statuses = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
          continue;
        }
        for (FileStatus st : statuses) {
          String name = st.getPath().getName();
          if (st.isDirectory() && name.startsWith(PREFIX)) {
            try {
              LocalDate d = LocalDate.parse(name.substring(PREFIX.length()));
              if (first.isEmpty() || d.isBefore(first.get())) {
                first = Optional.of(d);
              }
            } catch (DateTimeParseException ignored) {
              // Not a date folder (e.g. date=latest): not landing data, ingest ignores it as well.
            }
          }
        }
      } catch (IOException e) {
        throw Errors.ioFailure("list the landing folder", dir.toString(), e);
      }
    }
    return first;
  }
}

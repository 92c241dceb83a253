package io.dropcast.generate;

import java.util.Locale;
import java.util.Optional;

/** File format of the landing files: Parquet (parquet-avro, SNAPPY), CSV with a header row, or JSON lines. */
public enum LandingFormat {
  PARQUET("parquet"),
  CSV("csv"),
  JSONL("jsonl");

  private final String extension;

  LandingFormat(String extension) {
    this.extension = extension;
  }

  /** File extension, also the name given on the command line. */
  public String extension() {
    return extension;
  }

  /** Whether a record may lack a required field (text formats can; Parquet enforces the schema). */
  public boolean canOmitRequiredFields() {
    return this != PARQUET;
  }

  /** The format named {@code parquet}, {@code csv} or {@code jsonl} (any case). */
  public static Optional<LandingFormat> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (LandingFormat f : values()) {
      if (f.extension.equals(wanted)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}

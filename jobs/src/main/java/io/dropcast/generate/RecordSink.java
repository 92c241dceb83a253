package io.dropcast.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Where the records of one landing file go. A record may be reused by the caller after {@link #write}
 * returns. Text sinks write a null in a required field as a missing value (the "missing required field" bad
 * row); the Parquet sink rejects it.
 */
interface RecordSink extends Closeable {

  void write(GenericRecord record) throws IOException;

  /** Opens a sink for a file in a format; the parent folders are created. */
  static RecordSink open(LandingFormat format, Path file, Schema schema) throws IOException {
    java.nio.file.Files.createDirectories(file.getParent());
    return switch (format) {
      case PARQUET -> new ParquetSink(file, schema);
      case CSV -> new TextSink(file, schema, true);
      case JSONL -> new TextSink(file, schema, false);
    };
  }
}

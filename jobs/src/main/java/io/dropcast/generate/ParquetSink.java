package io.dropcast.generate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * A Parquet file written by parquet-avro against a contract schema, with a fixed writer configuration
 * (SNAPPY, dictionary on, v1 pages, 3-level lists, fixed sizes, no Hadoop configuration) so that the same
 * records give the same bytes. Two parquet-mr behaviours would break that and are worked around here: the
 * shared {@code ValuesWriterFactory} (every sink uses identical properties) and the {@code HashSet} order of
 * the footer's encodings ({@link #sortFooterEncodings}). Values are the raw Avro representations: epoch micros for timestamps, epoch
 * days for dates, big-endian unscaled bytes for decimals.
 */
final class ParquetSink implements RecordSink {
  private final ParquetWriter<GenericRecord> writer;
  private final Path file;

  /**
   * Columns with (nearly) unique values: dictionary encoding would only be tried and abandoned, so they are
   * written plain from the start. Their string min/max statistics are of no use to a reader either.
   */
  private static final Set<String> PLAIN_COLUMNS = Set.of(
      "order_id", "customer_id", "created_at", "latitude", "longitude", "picked_up_at", "updated_at",
      "expected_units", "sold_out_at",
      "merchant_id", "title", "starts_at", "ends_at", "units_released", "price", "list_price");
  private static final Set<String> NO_STATISTICS = Set.of("order_id", "customer_id");

  ParquetSink(Path file, Schema schema) throws IOException {
    this.file = file;
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    conf.set("parquet.avro.write-old-list-structure", "false");
    AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file));
    // Every sink gets exactly the same properties, whatever its schema (a setting for a column the schema
    // lacks is ignored): parquet-mr initialises one shared ValuesWriterFactory with the properties of the
    // writer built last, so writers built on other threads must not differ in any setting.
    for (String column : PLAIN_COLUMNS) {
      builder.withDictionaryEncoding(column, false);
    }
    builder.withStatisticsEnabled(false);
    writer = builder
        .withConf(conf)
        .withSchema(withoutDocs(schema))
        .withDataModel(GenericData.get())
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withRowGroupSize(64L * 1024 * 1024)
        .withPageSize(1024 * 1024)
        .withDictionaryPageSize(1024 * 1024)
        .withDictionaryEncoding(true)
        .withPageWriteChecksumEnabled(false)
        .withBloomFilterEnabled(false)
        .withSizeStatisticsEnabled(false)
        .withValidation(false)
        .build();
  }

  private static final Map<Schema, Schema> WITHOUT_DOCS = new ConcurrentHashMap<>();

  /**
   * The schema without its doc strings: parquet-avro stores the writer schema in every file's footer, and the
   * docs would be most of a small file (the .avsc on the classpath stays the documented contract). Avro's
   * schema equality ignores docs, so a reader still sees the contract's schema.
   */
  static Schema withoutDocs(Schema schema) {
    return WITHOUT_DOCS.computeIfAbsent(schema, s -> {
      List<Schema.Field> fields = new ArrayList<>();
      for (Schema.Field f : s.getFields()) {
        Schema.Field copy = new Schema.Field(f.name(), f.schema(), null, f.defaultVal(), f.order());
        f.getObjectProps().forEach(copy::addProp);
        fields.add(copy);
      }
      Schema record = Schema.createRecord(s.getName(), null, s.getNamespace(), false, fields);
      s.getObjectProps().forEach(record::addProp);
      return record;
    });
  }

  @Override
  public void write(GenericRecord record) throws IOException {
    writer.write(record);
  }

  @Override
  public void close() throws IOException {
    writer.close();
    sortFooterEncodings(file);
  }

  /**
   * parquet-mr collects each column chunk's encodings in a {@code HashSet} of enums, whose iteration order
   * follows identity hash codes and so changes from one JVM run to the next: the footer of the same data
   * differs by the order of two list entries. Rewrites the footer with every encodings list sorted, which makes
   * the file a function of its records only. Only the footer (at the end of the file) is touched; no offset
   * moves.
   */
  static void sortFooterEncodings(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(tail, size - 8);
      int footerLength = tail.getInt(0);
      long footerStart = size - 8 - footerLength;
      ByteBuffer footer = ByteBuffer.allocate(footerLength);
      channel.read(footer, footerStart);
      FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
      boolean changed = false;
      for (RowGroup group : meta.getRow_groups()) {
        for (ColumnChunk chunk : group.getColumns()) {
          List<Encoding> encodings = chunk.getMeta_data().getEncodings();
          List<Encoding> sorted = new ArrayList<>(encodings);
          sorted.sort(Comparator.comparingInt(Encoding::getValue));
          if (!sorted.equals(encodings)) {
            chunk.getMeta_data().setEncodings(sorted);
            changed = true;
          }
        }
      }
      if (!changed) {
        return;
      }
      ByteArrayOutputStream rewritten = new ByteArrayOutputStream(footerLength);
      Util.writeFileMetaData(meta, rewritten);
      ByteBuffer end = ByteBuffer.allocate(rewritten.size() + 8).order(ByteOrder.LITTLE_ENDIAN);
      end.put(rewritten.toByteArray()).putInt(rewritten.size()).put(tail.array(), 4, 4).flip();
      channel.truncate(footerStart);
      channel.write(end, footerStart);
    }
  }
}

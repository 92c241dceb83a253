package io.dropcast.generate;

import io.dropcast.contract.AvroContract;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * Writes one local date's files: the drops, the orders (the day's new orders in their end-of-day state, then
 * the later versions of earlier orders whose event falls on this date), the truth, and a hub snapshot on the
 * days that have one. Bad order rows are injected here, from their own random stream, so that a dirty ratio
 * of 0 or not changes nothing else.
 */
final class DayWriter {
  private static final long MICROS = 1_000_000L;
  private static final String[] UNKNOWN_STATUSES = {"delivered", "PICKED_UP", "pending", "lost"};
  private static final String[] REQUIRED_TEXT_FIELDS = {"customer_id", "category", "fulfilment_mode"};
  private static final DirtyKind[] KINDS = DirtyKind.values();
  /** Truth rows with no demand and less than this expectation are left out (they only bulk up the files). */
  static final double MIN_EXPECTED_UNITS = 0.2;
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  /** Where duplicate order ids are taken from: the orders created on an earlier day ({@code seq} 1..orders). */
  record DuplicateSource(int epochDay, int orders) {}

  /** What a day's write produced. */
  record DayOutput(LocalDate date, int files, long dropRows, long orderRows, long updateRows, long hubRows,
      long latentRows, long[] badRows) {}

  private final World world;
  private final Path out;
  private final LandingFormat format;
  private final Schema drops = AvroContract.drops();
  private final Schema orders = AvroContract.orders();
  private final Schema hubs = AvroContract.hubs();
  private final Schema latent = AvroContract.latentDemand();
  private final String[] hubIds;
  private final String[] categories;
  /** The same constants as Avro UTF-8: written without encoding each time. */
  private final Utf8[] hubIdsUtf8;
  private final Utf8[] categoriesUtf8;
  private static final Utf8[] STATUSES_UTF8 = utf8(OrderRows.STATUSES);
  private static final Utf8[] MODES_UTF8 = utf8(OrderRows.MODES);

  DayWriter(World world, Path out) {
    this.world = world;
    this.out = out;
    this.format = world.params().format();
    hubIds = world.hubs().stream().map(World.Hub::hubId).toArray(String[]::new);
    categories = world.categories().stream().map(CategorySpec::slug).toArray(String[]::new);
    hubIdsUtf8 = utf8(hubIds);
    categoriesUtf8 = utf8(categories);
  }

  private static Utf8[] utf8(String[] values) {
    Utf8[] out = new Utf8[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = new Utf8(values[i]);
    }
    return out;
  }

  /** Writes the day; {@code updates} are the later versions landing on this date (may be null). */
  DayOutput write(OrderSimulator.DayResult day, OrderRows updates, DuplicateSource duplicates) throws IOException {
    LocalDate date = day.date();
    long[] bad = new long[KINDS.length];
    long dropRows = writeDrops(day);
    long orderRows = writeOrders(date, day.orders(), updates, duplicates, bad);
    long latentRows = writeLatent(day);
    int files = 3;
    long hubRows = 0;
    if (world.hubSnapshotDates().contains(date)) {
      hubRows = writeHubs(date);
      files++;
    }
    return new DayOutput(date, files, dropRows, orderRows, updates == null ? 0 : updates.size, hubRows, latentRows,
        bad);
  }

  private long writeDrops(OrderSimulator.DayResult day) throws IOException {
    Path file = LandingLayout.landingFile(out, LandingLayout.DROPS, day.date(), format);
    GenericData.Record r = new GenericData.Record(drops);
    long rows = 0;
    try (RecordSink sink = RecordSink.open(format, file, drops)) {
      for (int k = 0; k < day.drops().size(); k++) {
        DropPlan drop = day.drops().get(k);
        World.Merchant merchant = world.merchants().get(drop.merchant());
        World.Sku sku = merchant.skus().get(drop.sku());
        List<String> eligible = new ArrayList<>(drop.hubs().length);
        for (int h : drop.hubs()) {
          eligible.add(hubIds[h]);
        }
        for (int b = 0; b < drop.batches(); b++) {
          List<String> channels = new ArrayList<>(2);
          if (drop.push()) {
            channels.add("push");
          }
          if (drop.sms() && b == 0) {
            channels.add("sms");
          }
          r.put("drop_id", drop.dropId());
          r.put("batch_number", b + 1);
          r.put("merchant_id", merchant.merchantId());
          r.put("sku_id", sku.skuId());
          r.put("category", categories[drop.category()]);
          r.put("title", sku.title());
          r.put("hub_ids", eligible);
          r.put("starts_at", drop.batchStarts()[b] * MICROS);
          r.put("ends_at", drop.endsAt() * MICROS);
          r.put("units_released", day.batchUnits()[k][b]);
          r.put("price", cents(drop.priceCents()));
          r.put("list_price", cents(drop.listPriceCents()));
          r.put("channels", channels);
          sink.write(r);
          rows++;
        }
      }
    }
    return rows;
  }

  private static ByteBuffer cents(long cents) {
    return ByteBuffer.wrap(BigInteger.valueOf(cents).toByteArray());
  }

  /** Positions of the order fields, looked up once. */
  private final int oOrderId = pos("order_id");
  private final int oDropId = pos("drop_id");
  private final int oSkuId = pos("sku_id");
  private final int oCategory = pos("category");
  private final int oCustomer = pos("customer_id");
  private final int oCreated = pos("created_at");
  private final int oUnits = pos("units");
  private final int oLatitude = pos("latitude");
  private final int oLongitude = pos("longitude");
  private final int oMode = pos("fulfilment_mode");
  private final int oHub = pos("hub_id");
  private final int oPicked = pos("picked_up_at");
  private final int oStatus = pos("status");
  private final int oOptIn = pos("next_drop_opt_in");
  private final int oUpdated = pos("updated_at");

  private int pos(String field) {
    return AvroContract.orders().getField(field).pos();
  }

  private long writeOrders(LocalDate date, OrderRows own, OrderRows updates, DuplicateSource duplicates, long[] bad)
      throws IOException {
    Path file = LandingLayout.landingFile(out, LandingLayout.ORDERS, date, format);
    GenericData.Record r = new GenericData.Record(orders);
    double ratio = world.params().dirtyRatio();
    SplittableRandom dirt = ratio > 0 ? Rand.stream(world.params().seed(), date.toEpochDay(), Rand.DIRTY) : null;
    OrderIds ids = new OrderIds();
    long rows = 0;
    try (RecordSink sink = RecordSink.open(format, file, orders)) {
      for (int i = 0; i < own.size; i++) {
        fill(r, own, i, ids);
        DirtyKind kind = null;
        if (dirt != null && dirt.nextDouble() < ratio) {
          kind = KINDS[dirt.nextInt(KINDS.length)];
          if (!spoil(r, kind, dirt, duplicates)) {
            kind = null;
          }
        }
        sink.write(r);
        rows++;
        if (kind == DirtyKind.DUPLICATE_ORDER_ID) {
          r.put(oOrderId, ids.of(duplicates.epochDay(), 1 + dirt.nextInt(duplicates.orders())));
          sink.write(r);
          rows++;
        }
        if (kind != null) {
          bad[kind.ordinal()]++;
        }
      }
      if (updates != null) {
        for (int i = 0; i < updates.size; i++) {
          fill(r, updates, i, ids);
          sink.write(r);
          rows++;
        }
      }
    }
    return rows;
  }

  /** Makes the record bad in the given way; false if the kind does not apply here (the row stays clean). */
  private boolean spoil(GenericData.Record r, DirtyKind kind, SplittableRandom dirt, DuplicateSource duplicates) {
    switch (kind) {
      case LATITUDE_OUT_OF_RANGE -> r.put(oLatitude,
          World.round6((dirt.nextBoolean() ? 1 : -1) * (90.5 + 89 * dirt.nextDouble())));
      case NON_POSITIVE_UNITS -> r.put(oUnits, -dirt.nextInt(3));
      case UNKNOWN_STATUS -> r.put(oStatus, UNKNOWN_STATUSES[dirt.nextInt(UNKNOWN_STATUSES.length)]);
      case PICKED_UP_BEFORE_CREATED -> {
        r.put(oStatus, OrderRows.STATUSES[OrderRows.PICKED_UP]);
        r.put(oPicked, (Long) r.get(oCreated) - (60 + dirt.nextInt(7200)) * MICROS);
      }
      case DUPLICATE_ORDER_ID -> {
        if (duplicates == null || duplicates.orders() == 0) {
          return false;
        }
      }
      case UNKNOWN_HUB_ID -> r.put(oHub, String.format(Locale.ROOT, "hub-x%02d", dirt.nextInt(100)));
      case MISSING_REQUIRED_FIELD -> {
        String field = REQUIRED_TEXT_FIELDS[dirt.nextInt(REQUIRED_TEXT_FIELDS.length)];
        if (!format.canOmitRequiredFields()) {
          return false;
        }
        r.put(field, null);
      }
    }
    return true;
  }

  private void fill(GenericData.Record r, OrderRows rows, int i, OrderIds ids) {
    r.put(oOrderId, ids.of(rows.orderDay[i], rows.seq[i]));
    r.put(oDropId, rows.dropId[i]);
    r.put(oSkuId, rows.skuId[i]);
    r.put(oCategory, categoriesUtf8[rows.category[i]]);
    r.put(oCustomer, customerId(rows.customer[i], world.customerDigits()));
    r.put(oCreated, rows.created[i] * MICROS);
    r.put(oUnits, rows.units[i]);
    r.put(oLatitude, rows.latitude[i]);
    r.put(oLongitude, rows.longitude[i]);
    r.put(oMode, MODES_UTF8[rows.mode[i]]);
    r.put(oHub, rows.hub[i] < 0 ? null : hubIdsUtf8[rows.hub[i]]);
    r.put(oPicked, rows.pickedAt[i] < 0 ? null : rows.pickedAt[i] * MICROS);
    r.put(oStatus, STATUSES_UTF8[rows.status[i]]);
    r.put(oOptIn, rows.optIn[i] == OrderRows.OPT_UNKNOWN ? null : rows.optIn[i] == OrderRows.OPT_IN);
    r.put(oUpdated, rows.updatedAt[i] * MICROS);
  }

  /** {@code cus_} and the customer number, zero-padded, as Avro UTF-8 (written without re-encoding). */
  static Utf8 customerId(long number, int digits) {
    byte[] c = new byte[4 + digits];
    c[0] = 'c';
    c[1] = 'u';
    c[2] = 's';
    c[3] = '_';
    long v = number;
    for (int k = c.length - 1; k >= 4; k--) {
      c[k] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return new Utf8(c);
  }

  /**
   * Order ids {@code o-YYYYMMDD-NNNNNNN} (at least 7 digits), as Avro UTF-8, with the date prefix cached.
   */
  static final class OrderIds {
    private int lastDay = Integer.MIN_VALUE;
    private byte[] prefix;

    Utf8 of(int epochDay, int seq) {
      if (epochDay != lastDay) {
        lastDay = epochDay;
        prefix = ("o-" + LocalDate.ofEpochDay(epochDay).toString().replace("-", "") + "-")
            .getBytes(StandardCharsets.US_ASCII);
      }
      int digits = Math.max(7, Integer.toString(seq).length());
      byte[] id = java.util.Arrays.copyOf(prefix, prefix.length + digits);
      int v = seq;
      for (int k = id.length - 1; k >= prefix.length; k--) {
        id[k] = (byte) ('0' + v % 10);
        v /= 10;
      }
      return new Utf8(id);
    }
  }

  private long writeLatent(OrderSimulator.DayResult day) throws IOException {
    Path file = LandingLayout.latentDemandFile(out, day.date());
    GenericData.Record r = new GenericData.Record(latent);
    LatentRows rows = day.latent();
    int epochDay = (int) day.date().toEpochDay();
    long written = 0;
    try (RecordSink sink = RecordSink.open(LandingFormat.PARQUET, file, latent)) {
      for (int i = 0; i < rows.size; i++) {
        if (rows.latentUnits[i] == 0 && rows.expectedUnits[i] < MIN_EXPECTED_UNITS) {
          continue;
        }
        DropPlan drop = day.drops().get(rows.drop[i]);
        r.put("date", epochDay);
        r.put("drop_id", drop.dropId());
        r.put("batch_number", rows.batch[i]);
        r.put("neighbourhood", world.neighbourhoods().get(rows.neighbourhood[i]).address());
        r.put("category", categories[drop.category()]);
        r.put("hub_id", hubIds[rows.hub[i]]);
        r.put("expected_units", (float) rows.expectedUnits[i]);
        r.put("latent_orders", rows.latentOrders[i]);
        r.put("latent_units", rows.latentUnits[i]);
        r.put("sold_orders", rows.soldOrders[i]);
        r.put("sold_units", rows.soldUnits[i]);
        r.put("batch_sold_out", rows.soldOut[i]);
        r.put("sold_out_at", rows.soldOutAt[i] < 0 ? null : rows.soldOutAt[i] * MICROS);
        sink.write(r);
        written++;
      }
    }
    return written;
  }

  /** A full snapshot of the hubs known on a date, as exported at 05:00 local time. */
  long writeHubs(LocalDate date) throws IOException {
    Path file = LandingLayout.landingFile(out, LandingLayout.HUBS, date, format);
    GenericData.Record r = new GenericData.Record(hubs);
    long exported = java.time.ZonedDateTime.of(date, LocalTime.of(5, 0), world.params().timeZone()).toEpochSecond();
    long rows = 0;
    try (RecordSink sink = RecordSink.open(format, file, hubs)) {
      for (World.Hub hub : world.hubs()) {
        if (!hub.isOpen(date)) {
          continue;
        }
        r.put("hub_id", hub.hubId());
        r.put("name", hub.name());
        r.put("latitude", hub.latitude());
        r.put("longitude", hub.longitude());
        r.put("capacity_units", hub.capacityOn(date));
        r.put("pick_pack_per_hour", hub.pickPackPerHour());
        r.put("pickup_sla_hours", hub.pickupSlaHours());
        r.put("opens_at", hub.opensAt().format(HH_MM));
        r.put("closes_at", hub.closesAt().format(HH_MM));
        r.put("opened_on", hub.openedOn() == null ? null : (int) hub.openedOn().toEpochDay());
        r.put("updated_at", exported * MICROS);
        sink.write(r);
        rows++;
      }
    }
    return rows;
  }
}

package io.dropcast.generate;

import java.util.Arrays;

/**
 * Order records of one file part, stored column by column in primitive arrays (about 90 bytes a row) so that a
 * day with a million orders costs tens of megabytes, not a million objects. A row is one version of an order:
 * its state as of {@code updatedAt}. Built by {@link OrderSimulator}, read by {@link DayWriter}.
 */
final class OrderRows {
  static final byte MODE_PICKUP = 0;
  static final byte MODE_COURIER = 1;
  static final byte MODE_SHIP = 2;
  static final String[] MODES = {"pickup", "courier", "ship"};

  static final byte PLACED = 0;
  static final byte PICKED_UP = 1;
  static final byte NO_SHOW = 2;
  static final byte CANCELLED = 3;
  static final byte REFUNDED = 4;
  static final String[] STATUSES = {"placed", "picked_up", "no_show", "cancelled", "refunded"};

  /** {@link #optIn} codes. */
  static final byte OPT_OUT = 0;
  static final byte OPT_IN = 1;
  static final byte OPT_UNKNOWN = 2;

  int size;
  /** Local date the order was created (epoch day): the date part of its order_id. */
  int[] orderDay;
  /** Sequence number within that day: the number part of its order_id. */
  int[] seq;
  /** Avro UTF-8 (one instance per drop, shared by its rows; never modified). */
  CharSequence[] dropId;
  CharSequence[] skuId;
  byte[] category;
  int[] neighbourhood;
  /** Customer number; the customer_id is {@code cus_} and its digits. */
  long[] customer;
  /** Epoch seconds. */
  long[] created;
  int[] units;
  double[] latitude;
  double[] longitude;
  byte[] mode;
  /** Hub index, -1 for none. */
  int[] hub;
  /** Epoch seconds, -1 for null. */
  long[] pickedAt;
  byte[] status;
  byte[] optIn;
  /** Epoch seconds. */
  long[] updatedAt;

  OrderRows(int capacity) {
    int c = Math.max(16, capacity);
    orderDay = new int[c];
    seq = new int[c];
    dropId = new CharSequence[c];
    skuId = new CharSequence[c];
    category = new byte[c];
    neighbourhood = new int[c];
    customer = new long[c];
    created = new long[c];
    units = new int[c];
    latitude = new double[c];
    longitude = new double[c];
    mode = new byte[c];
    hub = new int[c];
    pickedAt = new long[c];
    status = new byte[c];
    optIn = new byte[c];
    updatedAt = new long[c];
  }

  private void ensure(int wanted) {
    if (wanted <= created.length) {
      return;
    }
    int c = Math.max(wanted, created.length * 2);
    orderDay = Arrays.copyOf(orderDay, c);
    seq = Arrays.copyOf(seq, c);
    dropId = Arrays.copyOf(dropId, c);
    skuId = Arrays.copyOf(skuId, c);
    category = Arrays.copyOf(category, c);
    neighbourhood = Arrays.copyOf(neighbourhood, c);
    customer = Arrays.copyOf(customer, c);
    created = Arrays.copyOf(created, c);
    units = Arrays.copyOf(units, c);
    latitude = Arrays.copyOf(latitude, c);
    longitude = Arrays.copyOf(longitude, c);
    mode = Arrays.copyOf(mode, c);
    hub = Arrays.copyOf(hub, c);
    pickedAt = Arrays.copyOf(pickedAt, c);
    status = Arrays.copyOf(status, c);
    optIn = Arrays.copyOf(optIn, c);
    updatedAt = Arrays.copyOf(updatedAt, c);
  }

  /** Appends a row; returns its index. */
  int add(int orderDay, int seq, CharSequence dropId, CharSequence skuId, int category, int neighbourhood, long customer,
      long created, int units, double latitude, double longitude, int mode, int hub, long pickedAt, int status,
      int optIn, long updatedAt) {
    ensure(size + 1);
    int i = size++;
    this.orderDay[i] = orderDay;
    this.seq[i] = seq;
    this.dropId[i] = dropId;
    this.skuId[i] = skuId;
    this.category[i] = (byte) category;
    this.neighbourhood[i] = neighbourhood;
    this.customer[i] = customer;
    this.created[i] = created;
    this.units[i] = units;
    this.latitude[i] = latitude;
    this.longitude[i] = longitude;
    this.mode[i] = (byte) mode;
    this.hub[i] = hub;
    this.pickedAt[i] = pickedAt;
    this.status[i] = (byte) status;
    this.optIn[i] = (byte) optIn;
    this.updatedAt[i] = updatedAt;
    return i;
  }

  /** Appends another version of row {@code i} of {@code from}: same order, new status, pickup and update time. */
  void addVersion(OrderRows from, int i, int status, long pickedAt, long updatedAt) {
    add(from.orderDay[i], from.seq[i], from.dropId[i], from.skuId[i], from.category[i], from.neighbourhood[i],
        from.customer[i], from.created[i], from.units[i], from.latitude[i], from.longitude[i], from.mode[i],
        from.hub[i], pickedAt, status, from.optIn[i], updatedAt);
  }

  /** Appends all rows of another part, in order. */
  void addAll(OrderRows other) {
    for (int i = 0; i < other.size; i++) {
      addVersion(other, i, other.status[i], other.pickedAt[i], other.updatedAt[i]);
    }
  }
}

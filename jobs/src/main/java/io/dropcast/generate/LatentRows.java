package io.dropcast.generate;

import java.util.Arrays;

/** The truth rows of a day (see {@code contract/truth/latent_demand.avsc}), column by column. */
final class LatentRows {
  int size;
  /** Index of the drop in the day's schedule. */
  int[] drop = new int[64];
  int[] batch = new int[64];
  int[] neighbourhood = new int[64];
  int[] hub = new int[64];
  double[] expectedUnits = new double[64];
  int[] latentOrders = new int[64];
  int[] latentUnits = new int[64];
  int[] soldOrders = new int[64];
  int[] soldUnits = new int[64];
  boolean[] soldOut = new boolean[64];
  /** Epoch seconds, -1 for null. */
  long[] soldOutAt = new long[64];

  void add(int drop, int batch, int neighbourhood, int hub, double expectedUnits, int latentOrders, int latentUnits,
      int soldOrders, int soldUnits, boolean soldOut, long soldOutAt) {
    if (size == this.drop.length) {
      int c = size * 2;
      this.drop = Arrays.copyOf(this.drop, c);
      this.batch = Arrays.copyOf(this.batch, c);
      this.neighbourhood = Arrays.copyOf(this.neighbourhood, c);
      this.hub = Arrays.copyOf(this.hub, c);
      this.expectedUnits = Arrays.copyOf(this.expectedUnits, c);
      this.latentOrders = Arrays.copyOf(this.latentOrders, c);
      this.latentUnits = Arrays.copyOf(this.latentUnits, c);
      this.soldOrders = Arrays.copyOf(this.soldOrders, c);
      this.soldUnits = Arrays.copyOf(this.soldUnits, c);
      this.soldOut = Arrays.copyOf(this.soldOut, c);
      this.soldOutAt = Arrays.copyOf(this.soldOutAt, c);
    }
    int i = size++;
    this.drop[i] = drop;
    this.batch[i] = batch;
    this.neighbourhood[i] = neighbourhood;
    this.hub[i] = hub;
    this.expectedUnits[i] = expectedUnits;
    this.latentOrders[i] = latentOrders;
    this.latentUnits[i] = latentUnits;
    this.soldOrders[i] = soldOrders;
    this.soldUnits[i] = soldUnits;
    this.soldOut[i] = soldOut;
    this.soldOutAt[i] = soldOutAt;
  }
}

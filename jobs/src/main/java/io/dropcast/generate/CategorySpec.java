package io.dropcast.generate;

import java.util.List;

/**
 * A directory category and how its demand behaves: share of the city's demand, weekly and hourly profiles,
 * drop windows, drop frequency, prices, discounts, holiday and yearly effects. The arrays are owned by the
 * spec; callers must not modify them.
 *
 * @param slug lower-case category slug, as written in the landing files
 * @param share share of the city's daily demand potential (the shares of all categories sum to 1)
 * @param weekly demand multiplier per day of week, Monday first; mean 1
 * @param hourly relative order intensity per local hour 0..23; the arrival density inside a drop window
 * @param windows possible drop windows as {start minute of the local day, length in minutes}
 * @param dropsPerDay mean drops a day per three open hubs
 * @param listPriceRange {min, max} regular price of the category's SKUs
 * @param discountRange {min, max} discount depth of a drop (1 - price / list price)
 * @param holidayEffect demand multiplier on a holiday
 * @param yearlyAmplitude amplitude of the yearly cycle (a cosine)
 * @param yearlyPeakDay day of year of the yearly peak
 * @param products product names SKU titles are made from
 */
public record CategorySpec(
    String slug,
    double share,
    double[] weekly,
    double[] hourly,
    int[][] windows,
    double dropsPerDay,
    double[] listPriceRange,
    double[] discountRange,
    double holidayEffect,
    double yearlyAmplitude,
    int yearlyPeakDay,
    List<String> products) {

  /**
   * A spec whose weekly profile is rescaled to mean 1 and whose hourly profile is built from Gaussian bumps
   * {peak hour, width in hours, amplitude} over a small floor.
   */
  static CategorySpec of(String slug, double share, double[] weekly, double[][] hourlyBumps, int[][] windows,
      double dropsPerDay, double[] listPriceRange, double[] discountRange, double holidayEffect,
      double yearlyAmplitude, int yearlyPeakDay, List<String> products) {
    double mean = 0;
    for (double w : weekly) {
      mean += w / weekly.length;
    }
    double[] normalised = new double[weekly.length];
    for (int i = 0; i < weekly.length; i++) {
      normalised[i] = weekly[i] / mean;
    }
    double[] hourly = new double[24];
    for (int h = 0; h < 24; h++) {
      double v = 0.03;
      for (double[] bump : hourlyBumps) {
        double z = (h + 0.5 - bump[0]) / bump[1];
        v += bump[2] * StrictMath.exp(-z * z);
      }
      hourly[h] = v;
    }
    return new CategorySpec(slug, share, normalised, hourly, windows, dropsPerDay, listPriceRange, discountRange,
        holidayEffect, yearlyAmplitude, yearlyPeakDay, List.copyOf(products));
  }
}

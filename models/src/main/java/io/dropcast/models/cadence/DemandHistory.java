package io.dropcast.models.cadence;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * Aggregated order history of one group (a category at a hub, a merchant's drops of a category at a hub, or a
 * category across all hubs, the prior of the others): what the job computes with Spark from the orders and
 * drops tables before calling the models.
 *
 * <p>Weekdays are ISO order, Monday first (index 0 is Monday); hours are local hours 0..23 of
 * {@code dropcast.time-zone}. Orders count on drop-days only: {@code ordersByWeekday[w]} are the orders of the
 * group on the {@code dropDaysByWeekday[w]} days of weekday {@code w} that had at least one of its drops.
 *
 * @param category category slug
 * @param hubId hub id, or {@code null} for the category across all hubs
 * @param merchantId merchant id, or {@code null} above merchant level
 * @param ordersByWeekday 7 counts, orders placed on drop-days of each weekday
 * @param dropDaysByWeekday 7 counts, days of each weekday with at least one drop of the group
 * @param ordersByHour 24 counts, orders by local hour of {@code created_at}
 * @param drops number of drops in the history
 * @param firstDay first drop-day of the history, {@code null} when it is empty
 * @param lastDay last drop-day of the history, {@code null} when it is empty
 */
public record DemandHistory(String category, String hubId, String merchantId, List<Long> ordersByWeekday,
    List<Integer> dropDaysByWeekday, List<Long> ordersByHour, int drops, LocalDate firstDay, LocalDate lastDay)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public DemandHistory {
    String group = "The history of category '" + category + "' at hub '" + hubId + "'"
        + (merchantId == null ? "" : " for merchant '" + merchantId + "'");
    if (category == null || category.isBlank()) {
      throw CadenceErrors.invalid("A demand history has category '" + category + "'",
          "every history belongs to a category", "group the history by its category slug");
    }
    ordersByWeekday = counts(ordersByWeekday, 7, group + " ordersByWeekday");
    ordersByHour = counts(ordersByHour, 24, group + " ordersByHour");
    if (dropDaysByWeekday == null || dropDaysByWeekday.size() != 7) {
      throw CadenceErrors.invalid(group + " has dropDaysByWeekday " + dropDaysByWeekday,
          "it needs 7 counts, Monday first", "count the drop-days of each ISO weekday, 0 where there were none");
    }
    for (int w = 0; w < 7; w++) {
      Integer n = dropDaysByWeekday.get(w);
      if (n == null || n < 0) {
        throw CadenceErrors.invalid(group + " has " + n + " drop-days on " + Weekdays.name(w + 1),
            "drop-days are counts >= 0", "count the days with at least one drop of the group");
      }
      if (n == 0 && ordersByWeekday.get(w) > 0) {
        throw CadenceErrors.invalid(group + " has " + ordersByWeekday.get(w) + " orders on "
                + Weekdays.name(w + 1) + " but no drop-day there",
            "orders count on drop-days only, so a weekday with orders has at least one drop-day",
            "count drop-days and orders over the same days (orders outside drop-days excluded)");
      }
    }
    dropDaysByWeekday = List.copyOf(dropDaysByWeekday);
    long total = ordersByWeekday.stream().mapToLong(Long::longValue).sum();
    long byHour = ordersByHour.stream().mapToLong(Long::longValue).sum();
    if (total != byHour) {
      throw CadenceErrors.invalid(group + " has " + total + " orders by weekday but " + byHour + " by hour",
          "both count the same orders", "aggregate both from the same filtered orders");
    }
    if (drops < 0) {
      throw CadenceErrors.invalid(group + " has " + drops + " drops", "a count is >= 0", "count the drops");
    }
    if (firstDay != null && lastDay != null && lastDay.isBefore(firstDay)) {
      throw CadenceErrors.invalid(group + " runs from " + firstDay + " to " + lastDay,
          "the last day is before the first", "pass min and max of the drop dates in that order");
    }
  }

  private static List<Long> counts(List<Long> values, int size, String name) {
    if (values == null || values.size() != size) {
      throw CadenceErrors.invalid(name + " has " + (values == null ? "no" : values.size()) + " values",
          "it needs " + size + " counts", size == 7 ? "count by ISO weekday, Monday first, 0 where none"
              : "count by local hour 0..23, 0 where none");
    }
    for (int i = 0; i < size; i++) {
      Long v = values.get(i);
      if (v == null || v < 0) {
        throw CadenceErrors.invalid(name + " has " + v + " at position " + i, "counts are >= 0",
            "aggregate with count(*), which is never negative or null");
      }
    }
    return List.copyOf(values);
  }

  /** All orders of the history. */
  public long orders() {
    return ordersByWeekday.stream().mapToLong(Long::longValue).sum();
  }

  /** All drop-days of the history. */
  public int dropDays() {
    return dropDaysByWeekday.stream().mapToInt(Integer::intValue).sum();
  }
}

package io.dropcast.models.cadence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small builders for hand-made histories. */
final class CadenceFixtures {
  private CadenceFixtures() {}

  static final LocalDate FIRST = LocalDate.of(2026, 1, 5);
  static final LocalDate LAST = LocalDate.of(2026, 3, 29);

  static DemandHistory history(String category, String hub, long[] ordersByWeekday, int[] dropDaysByWeekday,
      long[] ordersByHour) {
    List<Long> w = new ArrayList<>();
    List<Integer> n = new ArrayList<>();
    int drops = 0;
    for (int i = 0; i < 7; i++) {
      w.add(ordersByWeekday[i]);
      n.add(dropDaysByWeekday[i]);
      drops += dropDaysByWeekday[i];
    }
    List<Long> h = new ArrayList<>();
    for (long x : ordersByHour) {
      h.add(x);
    }
    return new DemandHistory(category, hub, null, w, n, h, drops, FIRST, LAST);
  }

  /** {@code total} orders spread over hours 8..21 (the remainder in the first hours). */
  static long[] flatHours(long total) {
    long[] h = new long[24];
    for (int i = 0; i < 14; i++) {
      h[8 + i] = total / 14 + (i < total % 14 ? 1 : 0);
    }
    return h;
  }
}

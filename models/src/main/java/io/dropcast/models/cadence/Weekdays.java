package io.dropcast.models.cadence;

/** ISO weekday numbers (1 = Monday .. 7 = Sunday) and their English names, independent of the locale. */
public final class Weekdays {
  private Weekdays() {}

  private static final String[] NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
      "Sunday"};

  /** The English name of an ISO weekday number. */
  public static String name(int isoWeekday) {
    if (isoWeekday < 1 || isoWeekday > 7) {
      throw CadenceErrors.invalid("Weekday " + isoWeekday + " was asked", "ISO weekdays run from 1 (Monday) to 7",
          "pass DayOfWeek.getValue()");
    }
    return NAMES[isoWeekday - 1];
  }

  /** Days from weekday {@code from} forward to weekday {@code to} (1..7; 7 when they are the same). */
  public static int gapForward(int from, int to) {
    int d = Math.floorMod(to - from, 7);
    return d == 0 ? 7 : d;
  }
}

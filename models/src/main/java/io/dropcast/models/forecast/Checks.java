package io.dropcast.models.forecast;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import scala.Function1;

/** Serializable Param validators written as Java predicates. */
final class Checks {
  private Checks() {}

  /** A Java predicate the Scala Param API accepts. */
  interface SerializablePredicate<T> extends Predicate<T>, Serializable {}

  @SuppressWarnings("unchecked")
  static <T> Function1<T, Object> of(SerializablePredicate<T> p) {
    return (Function1<T, Object> & Serializable) v -> p.test(v);
  }

  static Function1<String, Object> nonBlank() {
    return of(s -> s != null && !s.isBlank());
  }

  static Function1<String[], Object> distinctNonBlank() {
    return of(a -> {
      if (a == null) {
        return false;
      }
      Set<String> seen = new HashSet<>();
      for (String s : a) {
        if (s == null || s.isBlank() || !seen.add(s)) {
          return false;
        }
      }
      return true;
    });
  }

  /** Strictly increasing values, each in the open interval (0, 1), at least one. */
  static Function1<double[], Object> quantileLevels() {
    return of(a -> {
      if (a == null || a.length == 0) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (!(a[i] > 0.0 && a[i] < 1.0) || (i > 0 && a[i] <= a[i - 1])) {
          return false;
        }
      }
      return true;
    });
  }

  /** Strictly increasing positive ints (possibly none). */
  static Function1<int[], Object> increasingPositive() {
    return of(a -> {
      if (a == null) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (a[i] < 1 || (i > 0 && a[i] <= a[i - 1])) {
          return false;
        }
      }
      return true;
    });
  }

  /** Days of month 1..31, at least one. */
  static Function1<int[], Object> daysOfMonth() {
    return of(a -> {
      if (a == null || a.length == 0) {
        return false;
      }
      for (int d : a) {
        if (d < 1 || d > 31) {
          return false;
        }
      }
      return true;
    });
  }

  /** Holiday entries: {@code MM-DD} (every year) or {@code YYYY-MM-DD} (one day). */
  static Function1<String[], Object> holidayEntries() {
    return of(a -> {
      if (a == null) {
        return false;
      }
      for (String s : a) {
        if (!isHolidayEntry(s)) {
          return false;
        }
      }
      return true;
    });
  }

  static boolean isHolidayEntry(String s) {
    if (s == null) {
      return false;
    }
    try {
      if (s.matches("\\d{2}-\\d{2}")) {
        MonthDay.parse("--" + s);
        return true;
      }
      if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
        LocalDate.parse(s);
        return true;
      }
    } catch (DateTimeParseException e) {
      return false;
    }
    return false;
  }

  /** Empty (derive from the data) or an ISO date. */
  static Function1<String, Object> emptyOrIsoDate() {
    return of(s -> {
      if (s == null) {
        return false;
      }
      if (s.isEmpty()) {
        return true;
      }
      try {
        LocalDate.parse(s);
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    });
  }
}

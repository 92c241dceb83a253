package io.dropcast.models.calendar;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A holiday calendar: days that recur every year on the same date ({@code MM-DD}, for example
 * {@code 12-25}) plus single days ({@code YYYY-MM-DD}, for example a moveable feast such as
 * {@code 2026-04-03}). Immutable and serializable, so a Spark job can ship it to executors.
 *
 * <p>The generator uses it to shape demand; the forecasting job configures it from a list of
 * strings with {@link #parse(List)}. {@link #portugal()} is the default: Portugal's national
 * holidays, Lisbon's municipal holiday and the Easter-dependent days for 2000 to 2099.
 */
public final class HolidayCalendar implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern FIXED = Pattern.compile("\\d{2}-\\d{2}");
  private static final Pattern SPECIFIC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** First and last year for which {@link #portugal()} lists the Easter-dependent holidays. */
  public static final int PORTUGAL_FIRST_YEAR = 2000;
  public static final int PORTUGAL_LAST_YEAR = 2099;

  /**
   * Portugal's fixed-date holidays: the national ones plus Lisbon's municipal holiday
   * (Santo António, 13 June).
   */
  public static final List<String> PORTUGAL_FIXED = List.of(
      "01-01", // Ano Novo
      "04-25", // Dia da Liberdade
      "05-01", // Dia do Trabalhador
      "06-10", // Dia de Portugal
      "06-13", // Santo António (Lisbon)
      "08-15", // Assunção de Nossa Senhora
      "10-05", // Implantação da República
      "11-01", // Todos os Santos
      "12-01", // Restauração da Independência
      "12-08", // Imaculada Conceição
      "12-25"); // Natal

  private final TreeSet<MonthDay> fixed;
  private final TreeSet<LocalDate> specific;

  private HolidayCalendar(Collection<MonthDay> fixed, Collection<LocalDate> specific) {
    this.fixed = new TreeSet<>(fixed);
    this.specific = new TreeSet<>(specific);
  }

  /** A calendar from fixed (every year) and specific (one day) holidays. */
  public static HolidayCalendar of(Collection<MonthDay> fixed, Collection<LocalDate> specific) {
    Objects.requireNonNull(fixed, "fixed");
    Objects.requireNonNull(specific, "specific");
    return new HolidayCalendar(fixed, specific);
  }

  /** A calendar with no holiday at all. */
  public static HolidayCalendar none() {
    return new HolidayCalendar(List.of(), List.of());
  }

  /**
   * Parses entries of the form {@code MM-DD} (every year) or {@code YYYY-MM-DD} (one day). Blank entries
   * are ignored, surrounding spaces are trimmed, duplicates are merged.
   *
   * @throws IllegalArgumentException naming the entry, the accepted forms and an example
   */
  public static HolidayCalendar parse(List<String> entries) {
    Objects.requireNonNull(entries, "entries");
    List<MonthDay> fixed = new ArrayList<>();
    List<LocalDate> specific = new ArrayList<>();
    for (String raw : entries) {
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String entry = raw.trim();
      try {
        if (FIXED.matcher(entry).matches()) {
          fixed.add(MonthDay.parse("--" + entry));
          continue;
        }
        if (SPECIFIC.matcher(entry).matches()) {
          specific.add(LocalDate.parse(entry));
          continue;
        }
      } catch (DateTimeException e) {
        throw invalid(entry, "it is not a calendar date (" + e.getMessage() + ")", e);
      }
      throw invalid(entry, "a holiday is written MM-DD (every year) or YYYY-MM-DD (one day)", null);
    }
    return new HolidayCalendar(fixed, specific);
  }

  private static IllegalArgumentException invalid(String entry, String why, Throwable cause) {
    return new IllegalArgumentException("Holiday entry '" + entry + "' cannot be read. " + why
        + ". Fix: write it as, for example, 12-25 (every year) or 2026-04-03 (one day)", cause);
  }

  /** Portugal's default list, as {@link #parse(List)} accepts it: see {@link #portugalEntries()}. */
  public static HolidayCalendar portugal() {
    return parse(portugalEntries());
  }

  /**
   * The entries of {@link #portugal()}: {@link #PORTUGAL_FIXED} followed by Good Friday (Sexta-feira
   * Santa), Easter Sunday (Páscoa) and Corpus Christi for each year from {@value #PORTUGAL_FIRST_YEAR}
   * to {@value #PORTUGAL_LAST_YEAR}.
   */
  public static List<String> portugalEntries() {
    List<String> entries = new ArrayList<>(PORTUGAL_FIXED);
    for (int year = PORTUGAL_FIRST_YEAR; year <= PORTUGAL_LAST_YEAR; year++) {
      LocalDate easter = easterSunday(year);
      entries.add(easter.minusDays(2).toString());
      entries.add(easter.toString());
      entries.add(easter.plusDays(60).toString());
    }
    return Collections.unmodifiableList(entries);
  }

  /** Western (Gregorian) Easter Sunday of a year: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  public static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }

  /** Whether the day is a holiday (a fixed date of any year, or one of the specific days). */
  public boolean isHoliday(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return specific.contains(date) || fixed.contains(MonthDay.from(date));
  }

  /** The holidays between two days, both included, in date order. */
  public List<LocalDate> holidaysBetween(LocalDate first, LocalDate last) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (isHoliday(d)) {
        days.add(d);
      }
    }
    return days;
  }

  /** The calendar as entries {@link #parse(List)} reads back: fixed dates first, then specific days, sorted. */
  public List<String> entries() {
    List<String> out = new ArrayList<>(fixed.size() + specific.size());
    for (MonthDay md : fixed) {
      out.add(md.toString().substring(2));
    }
    for (LocalDate d : specific) {
      out.add(d.toString());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HolidayCalendar other && fixed.equals(other.fixed) && specific.equals(other.specific);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fixed, specific);
  }

  @Override
  public String toString() {
    return "HolidayCalendar[" + fixed.size() + " fixed, " + specific.size() + " specific]";
  }
}

package io.dropcast.models.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

  @Test
  void aFixedDateIsAHolidayEveryYearAndASpecificDateOnlyOnce() {
    HolidayCalendar calendar = HolidayCalendar.parse(List.of("12-25", "2026-04-03"));

    assertTrue(calendar.isHoliday(LocalDate.of(2026, 12, 25)), "12-25 must be a holiday in 2026");
    assertTrue(calendar.isHoliday(LocalDate.of(2031, 12, 25)), "12-25 must be a holiday in every year");
    assertTrue(calendar.isHoliday(LocalDate.of(2026, 4, 3)), "the specific day 2026-04-03 must be a holiday");
    assertFalse(calendar.isHoliday(LocalDate.of(2027, 4, 3)), "a specific day must not recur the next year");
    assertFalse(calendar.isHoliday(LocalDate.of(2026, 12, 24)), "the day before a holiday is an ordinary day");
  }

  @Test
  void parseTrimsIgnoresBlanksAndRoundTripsThroughEntries() {
    HolidayCalendar calendar = HolidayCalendar.parse(Arrays.asList(" 2026-04-03 ", "", null, "01-01", "01-01"));

    assertEquals(List.of("01-01", "2026-04-03"), calendar.entries(),
        "entries must be the distinct holidays, fixed dates first, trimmed");
    assertEquals(calendar, HolidayCalendar.parse(calendar.entries()), "parse(entries()) must give the same calendar");
  }

  @Test
  void aMalformedEntryIsRejectedWithTheEntryAndAnExample() {
    IllegalArgumentException wrongForm =
        assertThrows(IllegalArgumentException.class, () -> HolidayCalendar.parse(List.of("25/12")));
    assertTrue(wrongForm.getMessage().contains("'25/12'") && wrongForm.getMessage().contains("MM-DD"),
        "the message must quote the entry and name the accepted forms, was: " + wrongForm.getMessage());

    IllegalArgumentException notADate =
        assertThrows(IllegalArgumentException.class, () -> HolidayCalendar.parse(List.of("02-30")));
    assertTrue(notADate.getMessage().contains("'02-30'") && notADate.getMessage().contains("Fix:"),
        "an impossible date must be rejected with a fix, was: " + notADate.getMessage());
  }

  @Test
  void portugalHasTheNationalDaysLisbonsSaintAnthonyAndEasterDependentDays() {
    HolidayCalendar portugal = HolidayCalendar.portugal();

    assertTrue(portugal.isHoliday(LocalDate.of(2026, 4, 25)), "25 April (Liberdade) is a national holiday");
    assertTrue(portugal.isHoliday(LocalDate.of(2026, 6, 13)), "13 June (Santo António) is Lisbon's holiday");
    assertTrue(portugal.isHoliday(LocalDate.of(2026, 4, 3)), "Good Friday 2026 is 3 April");
    assertTrue(portugal.isHoliday(LocalDate.of(2026, 6, 4)), "Corpus Christi 2026 is 4 June");
    assertFalse(portugal.isHoliday(LocalDate.of(2026, 11, 26)), "26 November is not a holiday");
    assertEquals(14, portugal.holidaysBetween(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)).size(),
        "2026 has 11 fixed holidays plus Good Friday, Easter Sunday and Corpus Christi");
  }

  @Test
  void easterSundayMatchesKnownDates() {
    assertEquals(LocalDate.of(2024, 3, 31), HolidayCalendar.easterSunday(2024), "Easter 2024");
    assertEquals(LocalDate.of(2026, 4, 5), HolidayCalendar.easterSunday(2026), "Easter 2026");
    assertEquals(LocalDate.of(2038, 4, 25), HolidayCalendar.easterSunday(2038), "Easter 2038 (latest possible date)");
  }
}

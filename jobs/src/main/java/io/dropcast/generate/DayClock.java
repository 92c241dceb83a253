package io.dropcast.generate;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Local time of one simulated day as epoch seconds: the local midnights of the day and the following
 * {@code horizon} days (so an event's local date is a lookup), and the start of each local hour of the day.
 * Daylight-saving days are handled by the zone rules (a 23- or 25-hour day).
 */
final class DayClock {
  final LocalDate date;
  final ZoneId zone;
  /** midnights[i] = start of local day date + i, for i = 0..horizon + 1. */
  final long[] midnights;
  /** hourStarts[h] = start of local hour h of the day (0..23); hourStarts[24] = next midnight. */
  final long[] hourStarts;

  DayClock(LocalDate date, ZoneId zone, int horizon) {
    this.date = date;
    this.zone = zone;
    midnights = new long[horizon + 2];
    for (int i = 0; i < midnights.length; i++) {
      midnights[i] = date.plusDays(i).atStartOfDay(zone).toEpochSecond();
    }
    hourStarts = new long[25];
    for (int h = 0; h < 24; h++) {
      hourStarts[h] = Math.max(midnights[0], ZonedDateTime.of(date, LocalTime.of(h, 0), zone).toEpochSecond());
    }
    hourStarts[24] = midnights[1];
    for (int h = 1; h < 25; h++) {
      hourStarts[h] = Math.max(hourStarts[h], hourStarts[h - 1]);
    }
  }

  /** Days after {@link #date} of the local date of an instant; -1 if outside [date, date + horizon]. */
  int offsetOf(long epochSecond) {
    if (epochSecond < midnights[0]) {
      return -1;
    }
    for (int i = 0; i < midnights.length - 1; i++) {
      if (epochSecond < midnights[i + 1]) {
        return i;
      }
    }
    return -1;
  }

  /** Instant of a local time on day {@code date + offset}. */
  long at(int offset, LocalTime time) {
    return ZonedDateTime.of(date.plusDays(offset), time, zone).toEpochSecond();
  }
}

package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Where the windows of a windowed query start. Below a day they are fixed lengths aligned to the
 * epoch in UTC (as InfluxDB's {@code GROUP BY time(w)}); from a day on they are whole calendar days
 * in a zone, aligned to multiples of the window since 1970-01-01 local (as InfluxDB's
 * {@code GROUP BY time(nd) tz('zone')}), so a daylight-saving day has 23 or 25 hours. Immutable.
 *
 * @param window the window's nominal length
 * @param zone   the zone of calendar-day windows; null below a day
 */
public record WindowGrid(Duration window, ZoneId zone) {
    static final Duration DAY = Duration.ofDays(1);

    /**
     * The grid of {@code window} with days in {@code tz}.
     *
     * @throws BadRequestException naming {@code window} when a window of a day or longer is not whole days
     */
    public static WindowGrid of(Duration window, ZoneId tz) {
        if (window.compareTo(DAY) < 0) {
            return new WindowGrid(window, null);
        }
        if (window.toMillis() % DAY.toMillis() != 0) {
            throw new BadRequestException("window " + ErrorAnswer.quoted(window.toString())
                    + " is a day or longer, so it must be whole days (e.g. 1d, 7d): days follow the calendar");
        }
        return new WindowGrid(window, tz);
    }

    /** Whether windows are calendar days in {@link #zone}. */
    public boolean calendarDays() {
        return zone != null;
    }

    /** The start of the window holding {@code t}. */
    public Instant windowStart(Instant t) {
        if (zone == null) {
            long w = window.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), w) * w);
        }
        long days = window.toDays();
        long day = LocalDate.ofInstant(t, zone).toEpochDay();
        return LocalDate.ofEpochDay(Math.floorDiv(day, days) * days)
                .atStartOfDay(zone)
                .toInstant();
    }

    /** The start of the window after the one starting at {@code start}. */
    public Instant nextWindow(Instant start) {
        if (zone == null) {
            return start.plus(window);
        }
        return LocalDate.ofInstant(start, zone)
                .plusDays(window.toDays())
                .atStartOfDay(zone)
                .toInstant();
    }

    /** How many windows meet {@code [from, to)}. */
    public long count(Instant from, Instant to) {
        Instant first = windowStart(from);
        Instant last = windowStart(to.minusMillis(1));
        if (zone == null) {
            return (last.toEpochMilli() - first.toEpochMilli()) / window.toMillis() + 1;
        }
        long days = LocalDate.ofInstant(last, zone).toEpochDay()
                - LocalDate.ofInstant(first, zone).toEpochDay();
        return days / window.toDays() + 1;
    }
}

package de.dos2030.iot.collector.alerts.routing;

import io.micronaut.core.annotation.Nullable;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When a subscription may be told: on {@code days}, from {@code from} until before {@code to} local time in
 * {@code zone}, except on {@code holidays}. {@code to} of 24:00 is the end of the day. Outside, its deliveries
 * wait for {@link #nextOpening}; critical steps go at once when {@code criticalBypass}. Immutable.
 *
 * @throws IllegalArgumentException from the constructor, naming the field: no days, from not before to
 */
public record DeliveryWindow(
        ZoneId zone,
        Set<DayOfWeek> days,
        LocalTime from,
        @Nullable LocalTime to,
        boolean criticalBypass,
        Set<LocalDate> holidays) {

    /** Looking further ahead than this for an opening means the window never opens: such a window is refused. */
    static final int LOOKAHEAD_DAYS = 800;

    public DeliveryWindow {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("days must name at least one weekday (MON..SUN)");
        }
        if (to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to + " (24:00 for midnight)");
        }
        days = Set.copyOf(days);
        holidays = Set.copyOf(holidays);
    }

    /** True when a delivery at {@code t} may go out now. */
    public boolean isOpen(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        LocalTime time = local.toLocalTime();
        return openDay(local.toLocalDate()) && !time.isBefore(from) && (to == null || time.isBefore(to));
    }

    /** {@code t} when open, else the next moment the window opens. */
    public Instant nextOpening(Instant t) {
        if (isOpen(t)) {
            return t;
        }
        ZonedDateTime local = t.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (openDay(day) && local.toLocalTime().isBefore(from)) {
            return day.atTime(from).atZone(zone).toInstant();
        }
        for (int i = 1; i <= LOOKAHEAD_DAYS; i++) {
            LocalDate d = day.plusDays(i);
            if (openDay(d)) {
                return d.atTime(from).atZone(zone).toInstant();
            }
        }
        // Holidays cover the next two years: deliver then rather than never.
        return t.plus(java.time.Duration.ofDays(LOOKAHEAD_DAYS));
    }

    private boolean openDay(LocalDate d) {
        return days.contains(d.getDayOfWeek()) && !holidays.contains(d);
    }

    /** "MON,TUE" in week order. */
    public String daysText() {
        return new TreeSet<>(days)
                .stream()
                        .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT))
                        .collect(Collectors.joining(","));
    }

    /** "HH:MM", and "24:00" for the end of the day. */
    public String toText() {
        return to == null ? "24:00" : to.toString();
    }

    /** Parses "MON,TUE,..." (also "MON-FRI"); names the bad part. */
    public static Set<DayOfWeek> parseDays(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("days is required, e.g. \"MON-FRI\" or \"MON,WED,FRI\"");
        }
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.toUpperCase(Locale.ROOT).split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            if (dash > 0) {
                DayOfWeek a = day(p.substring(0, dash).trim());
                DayOfWeek b = day(p.substring(dash + 1).trim());
                for (DayOfWeek d = a; ; d = d.plus(1)) {
                    out.add(d);
                    if (d == b) {
                        break;
                    }
                }
            } else {
                out.add(day(p));
            }
        }
        return out;
    }

    private static DayOfWeek day(String p) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(p) && p.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("days: '" + p + "' is not a weekday (MON, TUE, WED, THU, FRI, SAT, SUN)");
    }

    /** Parses "HH:MM"; "24:00" (only as {@code to}) is null, the end of the day. */
    public static @Nullable LocalTime parseTime(String field, String text, boolean endOfDayAllowed) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is required, as HH:MM");
        }
        if (endOfDayAllowed && text.equals("24:00")) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a time of day HH:MM");
        }
    }

    /** Parses a zone id such as Europe/Berlin; names it when unknown. */
    public static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text == null ? "Europe/Berlin" : text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone '" + text + "' is not a time zone (e.g. Europe/Berlin)");
        }
    }
}

package de.dos2030.iot.collector.alerts.routing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the days of an iCalendar file (RFC 5545) such as the NRW school holidays: each VEVENT's DTSTART up to
 * its DTEND (exclusive, as the RFC says for dates; one day without DTEND), named by its SUMMARY. Date-times are
 * taken by their date. Everything else in the file is ignored. The file is uploaded, never fetched.
 */
public final class HolidayCalendar {
    /** One closed day. */
    @io.micronaut.serde.annotation.Serdeable
    public record Holiday(LocalDate day, String name) {}

    /** A longer event is almost certainly a mistake in the file (a wrong year), not a holiday. */
    static final int MAX_EVENT_DAYS = 120;

    static final int MAX_DAYS = 3000;
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private HolidayCalendar() {}

    /**
     * The days of every VEVENT.
     *
     * @throws IllegalArgumentException naming the line: not an iCalendar file, a VEVENT without DTSTART, a date
     *     that is not YYYYMMDD, an end before its start, an event longer than {@value #MAX_EVENT_DAYS} days
     */
    public static List<Holiday> parse(String text) {
        List<String> lines = unfold(text);
        if (lines.isEmpty() || !lines.get(0).trim().equalsIgnoreCase("BEGIN:VCALENDAR")) {
            throw new IllegalArgumentException("not an iCalendar file: line 1 must be BEGIN:VCALENDAR");
        }
        List<Holiday> out = new ArrayList<>();
        LocalDate start = null;
        LocalDate end = null;
        String summary = null;
        int eventLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            int n = i + 1;
            String upper = line.toUpperCase(java.util.Locale.ROOT);
            if (upper.equals("BEGIN:VEVENT")) {
                start = null;
                end = null;
                summary = null;
                eventLine = n;
            } else if (upper.equals("END:VEVENT")) {
                if (start == null) {
                    throw new IllegalArgumentException("line " + eventLine + ": VEVENT without DTSTART");
                }
                LocalDate last = end == null ? start : end.minusDays(1);
                if (last.isBefore(start)) {
                    throw new IllegalArgumentException(
                            "line " + eventLine + ": DTEND " + end + " before DTSTART " + start);
                }
                if (last.toEpochDay() - start.toEpochDay() >= MAX_EVENT_DAYS) {
                    throw new IllegalArgumentException("line " + eventLine + ": event from " + start + " to " + last
                            + " is longer than " + MAX_EVENT_DAYS + " days; check its dates");
                }
                for (LocalDate d = start; !d.isAfter(last); d = d.plusDays(1)) {
                    out.add(new Holiday(d, summary == null ? "holiday" : summary));
                }
                if (out.size() > MAX_DAYS) {
                    throw new IllegalArgumentException("more than " + MAX_DAYS + " holiday days in the file");
                }
                eventLine = 0;
            } else if (eventLine > 0 && upper.startsWith("DTSTART")) {
                start = date(line, n);
            } else if (eventLine > 0 && upper.startsWith("DTEND")) {
                end = date(line, n);
            } else if (eventLine > 0 && upper.startsWith("SUMMARY")) {
                String s = value(line)
                        .replace("\\,", ",")
                        .replace("\\;", ";")
                        .replace("\\n", " ")
                        .trim();
                summary = s.length() > 200 ? s.substring(0, 200) : s;
            }
        }
        return out;
    }

    private static LocalDate date(String line, int n) {
        String v = value(line).trim();
        String day = v.length() >= 8 ? v.substring(0, 8) : v;
        try {
            return LocalDate.parse(day, BASIC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("line " + n + ": '" + v + "' is not a date YYYYMMDD");
        }
    }

    /** The value after the first colon that is not inside a quoted parameter. */
    private static String value(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ':' && !quoted) {
                return line.substring(i + 1);
            }
        }
        return "";
    }

    /** RFC 5545 3.1: a line starting with a space or tab continues the previous one. */
    private static List<String> unfold(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            if (!out.isEmpty() && (raw.startsWith(" ") || raw.startsWith("\t"))) {
                out.set(out.size() - 1, out.get(out.size() - 1) + raw.substring(1));
            } else if (!raw.isEmpty() || !out.isEmpty()) {
                out.add(raw);
            }
        }
        return out;
    }
}

package de.dos2030.iot.collector.query;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Epoch milliseconds as ISO-8601 UTC text, exactly as {@link Instant#toString()} writes them
 * ({@code 2025-03-01T08:00:00Z}, {@code ...T08:00:00.250Z}), several times faster for the common
 * case of a whole second between 1970 and 9999 (every window start): a series answer writes one
 * per point, and {@code Instant.toString()} was the largest cost of writing a 1440-point answer.
 */
final class IsoSeconds {
    private static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();

    private IsoSeconds() {
    }

    static String format(long epochMillis) {
        if (epochMillis < 0 || epochMillis > MAX_MILLIS || epochMillis % 1000 != 0) {
            return Instant.ofEpochMilli(epochMillis).toString();
        }
        long seconds = epochMillis / 1000;
        LocalDate day = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        char[] out = new char[20];
        digits(out, 0, day.getYear(), 4);
        out[4] = '-';
        digits(out, 5, day.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, day.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}

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

    private IsoSeconds() {}

    static String format(long epochMillis) {
        Buffer buffer = new Buffer();
        return new String(buffer.chars(), 0, buffer.write(epochMillis));
    }

    /**
     * Writes many instants into one char array, remembering the last day's date (the windows of an
     * answer share a few days), so that a 1440-point answer allocates nothing per point. Not
     * thread-safe: one per answer being written.
     */
    static final class Buffer {
        private final char[] chars = new char[40];
        private long day = Long.MIN_VALUE;

        /** The characters {@link #write} filled. */
        char[] chars() {
            return chars;
        }

        /** Writes {@code epochMillis} as {@link Instant#toString()} would into {@link #chars()}; returns the length. */
        int write(long epochMillis) {
            if (epochMillis < 0 || epochMillis > MAX_MILLIS || epochMillis % 1000 != 0) {
                String text = Instant.ofEpochMilli(epochMillis).toString();
                text.getChars(0, text.length(), chars, 0);
                day = Long.MIN_VALUE; // the date part was overwritten
                return text.length();
            }
            long seconds = epochMillis / 1000;
            long epochDay = seconds / 86_400;
            if (epochDay != day) {
                LocalDate date = LocalDate.ofEpochDay(epochDay);
                digits(0, date.getYear(), 4);
                chars[4] = '-';
                digits(5, date.getMonthValue(), 2);
                chars[7] = '-';
                digits(8, date.getDayOfMonth(), 2);
                chars[10] = 'T';
                chars[13] = ':';
                chars[16] = ':';
                chars[19] = 'Z';
                day = epochDay;
            }
            int secondOfDay = (int) (seconds % 86_400);
            digits(11, secondOfDay / 3600, 2);
            digits(14, secondOfDay / 60 % 60, 2);
            digits(17, secondOfDay % 60, 2);
            return 20;
        }

        private void digits(int at, int value, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                chars[i] = (char) ('0' + value % 10);
                value /= 10;
            }
        }
    }
}

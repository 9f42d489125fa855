package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.query.SeriesColumns;
import de.dos2030.iot.collector.query.SeriesCsv;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes an export's rows in the wide format: {@code time_local} (the site's wall clock,
 * {@code 2025-03-03 09:00:00}), {@code time_utc} ({@code 2025-03-03T08:00:00Z}), then per column its value
 * and its quality. One row per instant that any column has a value at; a column without a value there
 * is empty. Rows of one chunk at a time: memory grows with a chunk, never with the export. Not thread-safe.
 */
final class WideCsv {
    /** A column's series of one chunk: null when it has nothing in the chunk. */
    record Part(@Nullable SeriesColumns series, @Nullable SeriesAnswer answer) {}

    private final CsvDialect dialect;
    private final CSVFormat format;
    private final ZoneRules zone;
    private final boolean windows;

    WideCsv(Export export) {
        this.dialect = export.dialect();
        this.format = export.dialect().format();
        this.zone = export.zone().getRules();
        this.windows = export.window() != null;
    }

    /** The header line. */
    String header(List<ExportColumn> columns) {
        List<String> names = new ArrayList<>(List.of("time_local", "time_utc"));
        for (ExportColumn c : columns) {
            names.add(c.valueHeader());
            names.add(c.qualityHeader());
        }
        StringBuilder out = new StringBuilder();
        try {
            format.printRecord(out, names.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The rows of one chunk, in time order; {@code parts} in column order. */
    String rows(List<Part> parts) {
        int n = parts.size();
        int[] next = new int[n];
        StringBuilder out = new StringBuilder(4096);
        try {
            while (true) {
                long t = Long.MAX_VALUE;
                for (int c = 0; c < n; c++) {
                    SeriesColumns s = parts.get(c).series();
                    if (s != null && next[c] < s.size()) {
                        t = Math.min(t, s.time(next[c]));
                    }
                }
                if (t == Long.MAX_VALUE) {
                    return out.toString();
                }
                ZoneOffset offset = zone.getOffset(java.time.Instant.ofEpochMilli(t));
                format.print(dateTime(t, offset.getTotalSeconds(), ' ', ""), out, true);
                format.print(dateTime(t, 0, 'T', "Z"), out, false);
                for (int c = 0; c < n; c++) {
                    Part p = parts.get(c);
                    SeriesColumns s = p.series();
                    if (s != null && next[c] < s.size() && s.time(next[c]) == t) {
                        int i = next[c]++;
                        format.print(dialect.number(SeriesCsv.number(s.value(i), false)), out, false);
                        String quality = windows ? "ok" : p.answer().pointQuality(s, i);
                        format.print(quality == null ? "" : quality, out, false);
                    } else {
                        format.print("", out, false);
                        format.print("", out, false);
                    }
                }
                format.println(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV rows to memory failed", e);
        }
    }

    /** {@code 2025-03-03 09:00:00} (with {@code .123} when there are milliseconds), shifted by {@code offsetSeconds}. */
    static String dateTime(long epochMillis, int offsetSeconds, char separator, String suffix) {
        long local = epochMillis + offsetSeconds * 1000L;
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(local, 1000), 0, ZoneOffset.UTC);
        int millis = (int) Math.floorMod(local, 1000);
        StringBuilder b = new StringBuilder(24);
        b.append(t.getYear()).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append(separator);
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
        if (millis != 0) {
            b.append('.')
                    .append((char) ('0' + millis / 100))
                    .append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10));
        }
        return b.append(suffix).toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}

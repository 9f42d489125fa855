package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.query.SeriesColumns;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One line of a chart and the table beside it, from a series answer: the windows of the answer's
 * first series (a room has one sensor per quantity; a bridge section's chart shows one sensor each),
 * the unit, the answer's {@code sources} (tiers and/or raw) and where its CSV is. The page's
 * {@code chart.js} draws the chart from the table, so the numbers shown and drawn are the same.
 *
 * @param lines  horizontal reference lines (limits) drawn with the curve, e.g. 1000 and 2000 ppm
 * @param csvUrl the CSV of exactly these numbers
 */
public record Curve(String unit, List<Point> points, List<String> sources, List<Double> lines, String csvUrl) {
    /** One window: its start and value. */
    public record Point(Instant time, double value) {
        public long epochSecond() {
            return time.getEpochSecond();
        }
    }

    public Curve {
        points = List.copyOf(points);
        sources = List.copyOf(sources);
        lines = List.copyOf(lines);
    }

    /** The curve of the answer's first series ({@code sensor} null) or of one sensor. */
    public static Curve of(SeriesAnswer a, @Nullable String sensor, List<Double> lines, String csvUrl) {
        TreeMap<Long, Double> byTime = new TreeMap<>();
        for (SeriesColumns s : a.series()) {
            if (sensor == null ? byTime.isEmpty() : s.sensor().equals(sensor)) {
                for (int i = 0; i < s.size(); i++) {
                    byTime.put(s.time(i), s.value(i));
                }
            }
        }
        List<Point> points = new ArrayList<>();
        byTime.forEach((t, v) -> points.add(new Point(Instant.ofEpochMilli(t), v)));
        return new Curve(a.unit(), points, a.sources(), lines, csvUrl);
    }

    public boolean empty() {
        return points.isEmpty();
    }

    /** For the chart script: the reference lines as {@code 1000,2000}. */
    public String linesAttribute() {
        return lines.stream().map(d -> String.format(Locale.ROOT, "%s", d)).collect(Collectors.joining(","));
    }

    /** The sources as people read them: {@code 1h, 1m, raw}. */
    public String sourcesText() {
        return String.join(", ", sources);
    }
}

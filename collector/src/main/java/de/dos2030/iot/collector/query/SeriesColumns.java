package de.dos2030.iot.collector.query;

import io.micronaut.core.annotation.Nullable;
import java.util.Arrays;
import java.util.Map;

/**
 * One series of an answer as primitive columns (epoch milliseconds and values, and the readings'
 * qualities when the answer has a column for them), filled while InfluxDB's answer streams in: no
 * object per point. Not thread-safe; owned by one request.
 */
public final class SeriesColumns {
    private final String site;
    private final String gateway;
    private final String sensor;
    private final String quality;
    private long[] times = new long[256];
    private double[] values = new double[256];
    /** Null until a point with a quality arrives: windowed answers carry none per point. */
    private String[] qualities;

    private int size;
    private SeriesPlace place;

    SeriesColumns(String site, String gateway, String sensor, @Nullable String quality) {
        this.site = site;
        this.gateway = gateway;
        this.sensor = sensor;
        this.quality = quality;
    }

    /**
     * An empty series for InfluxDB's {@code tags} of a series (missing site, gateway or sensor read as
     * empty; {@code quality} is there only when the answer is grouped by it).
     */
    static SeriesColumns of(Map<String, String> tags) {
        return new SeriesColumns(
                tags.getOrDefault("site", ""),
                tags.getOrDefault("gateway", ""),
                tags.getOrDefault("sensor", ""),
                tags.get("quality"));
    }

    /** Adds a point, with the quality of its reading when the answer has a column for it (null otherwise). */
    void add(long epochMillis, double value, @Nullable String quality) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = epochMillis;
        values[size] = value;
        if (quality != null || qualities != null) {
            if (qualities == null || qualities.length < times.length) {
                qualities = qualities == null ? new String[times.length] : Arrays.copyOf(qualities, times.length);
            }
            qualities[size] = quality;
        }
        size++;
    }

    public String site() {
        return site;
    }

    public String gateway() {
        return gateway;
    }

    public String sensor() {
        return sensor;
    }

    /** The quality of every reading of a series of windows grouped by quality; null otherwise. */
    @Nullable
    public String quality() {
        return quality;
    }

    /** Where the series was measured, when the place registry knows; null otherwise. */
    @Nullable
    public SeriesPlace place() {
        return place;
    }

    void place(@Nullable SeriesPlace where) {
        this.place = where;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    /** The quality of point {@code i}'s reading; null when the answer's points carry none. */
    @Nullable
    public String quality(int i) {
        return qualities == null || i >= qualities.length ? null : qualities[i];
    }
}

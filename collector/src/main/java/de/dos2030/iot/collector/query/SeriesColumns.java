package de.dos2030.iot.collector.query;

import java.util.Arrays;
import java.util.Map;

/**
 * One series of an answer as two primitive columns (epoch milliseconds and values), filled while
 * InfluxDB's answer streams in: no object per point. Not thread-safe; owned by one request.
 */
public final class SeriesColumns {
    private final String site;
    private final String gateway;
    private final String sensor;
    private long[] times = new long[256];
    private double[] values = new double[256];
    private int size;

    SeriesColumns(String site, String gateway, String sensor) {
        this.site = site;
        this.gateway = gateway;
        this.sensor = sensor;
    }

    /** An empty series for InfluxDB's {@code tags} of a series (missing tags read as empty). */
    static SeriesColumns of(Map<String, String> tags) {
        return new SeriesColumns(
                tags.getOrDefault("site", ""), tags.getOrDefault("gateway", ""), tags.getOrDefault("sensor", ""));
    }

    void add(long epochMillis, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = epochMillis;
        values[size] = value;
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

    public int size() {
        return size;
    }

    public long time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }
}

package de.dos2030.iot.edge.recorded;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A recorded file in memory: one timestamp per row (epoch milliseconds, ascending) and the
 * numeric columns by header name. Immutable after loading; safe to share between replay sensors
 * reading different columns of the same file.
 */
public final class RecordedTable {

    private final String source;
    private final List<String> columns;
    private final long[] times;
    private final double[][] values;

    RecordedTable(String source, List<String> columns, long[] times, double[][] values) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.times = times;
        this.values = values;
    }

    /** File name, for messages. */
    public String source() {
        return source;
    }

    public List<String> columns() {
        return columns;
    }

    public int rows() {
        return times.length;
    }

    public Instant time(int row) {
        return Instant.ofEpochMilli(times[row]);
    }

    public long epochMillis(int row) {
        return times[row];
    }

    /** Index of a column, or -1. */
    public int column(String name) {
        return columns.indexOf(Objects.requireNonNull(name));
    }

    /** The value in a row; NaN where the file had no number. */
    public double value(int row, int column) {
        return values[column][row];
    }

    /** Recording length from the first to the last row. */
    public java.time.Duration span() {
        return rows() < 2 ? java.time.Duration.ZERO : java.time.Duration.ofMillis(times[rows() - 1] - times[0]);
    }
}

package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.rollup.CellStats;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Aggregates of a windowed series. {@code stddev} is the sample standard deviation (n - 1), as
 * InfluxDB's {@code STDDEV}; {@code p95} is InfluxDB's {@code PERCENTILE(field, 95)}: the
 * nearest-rank value at index {@code round(n * 0.95) - 1} of the window's sorted values. Every
 * aggregate but {@code p95} composes from rollup cells ({@link #of}).
 */
public enum Aggregate {
    MEAN("mean"),
    MIN("min"),
    MAX("max"),
    COUNT("count"),
    LAST("last"),
    STDDEV("stddev"),
    P95("p95");

    private final String wireName;

    Aggregate(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The InfluxQL selector of {@code field} (already quoted). */
    String select(String quotedField) {
        return this == P95
                ? "percentile(" + quotedField + ", 95)"
                : name().toLowerCase(Locale.ROOT) + "(" + quotedField + ")";
    }

    /** Whether the rollup tiers can answer this aggregate exactly; order statistics they cannot. */
    boolean composes() {
        return this != P95;
    }

    /** This aggregate of a window's composed cells; NaN when they hold no value for it. */
    double of(CellStats cells) {
        return switch (this) {
            case MEAN -> cells.mean();
            case MIN -> cells.min();
            case MAX -> cells.max();
            case COUNT -> cells.count();
            case LAST -> cells.last();
            case STDDEV -> cells.stddev();
            case P95 -> throw new IllegalStateException("p95 does not compose from rollup cells");
        };
    }

    public static Aggregate parse(String name) {
        for (Aggregate a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        throw new BadRequestException(
                "aggregate " + de.dos2030.iot.collector.api.ErrorAnswer.quoted(name) + " is unknown (allowed: "
                        + Arrays.stream(values()).map(Aggregate::wireName).collect(Collectors.joining(", ")) + ")");
    }
}

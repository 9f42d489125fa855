package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.BadRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Aggregates of a windowed series. {@code p95} is InfluxDB's {@code PERCENTILE(field, 95)}: the
 * nearest-rank value at index {@code round(n * 0.95) - 1} of the window's sorted values.
 */
public enum Aggregate {
    MEAN("mean"),
    MIN("min"),
    MAX("max"),
    COUNT("count"),
    LAST("last"),
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

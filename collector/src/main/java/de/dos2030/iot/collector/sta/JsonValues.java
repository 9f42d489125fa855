package de.dos2030.iot.collector.sta;

import java.time.Instant;

/** Property values as JSON writes them: times as ISO 8601 text, intervals as {@code start/end}; the rest as is. */
final class JsonValues {
    private JsonValues() {}

    static Object of(Object v) {
        return v instanceof Instant || v instanceof EntityBuilder.Interval ? v.toString() : v;
    }
}

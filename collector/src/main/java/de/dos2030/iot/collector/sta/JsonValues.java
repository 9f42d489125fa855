package de.dos2030.iot.collector.sta;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Property values as JSON writes them: times as ISO 8601 text, intervals as {@code start/end}. */
final class JsonValues {
    private JsonValues() {}

    static Object of(Object v) {
        if (v instanceof Instant || v instanceof EntityBuilder.Interval) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return v; // built from registry values only: strings, numbers, booleans
        }
        return v;
    }
}

package de.dos2030.iot.config.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A batch is closed when it holds {@code maxReadings} readings or its oldest reading is {@code maxAge} old. */
public record Batching(int maxReadings, Duration maxAge) {

    public static final int MAX_READINGS_LIMIT = 10_000;

    public Batching {
        List<Violation> out = new ArrayList<>();
        if (maxReadings < 1 || maxReadings > MAX_READINGS_LIMIT) {
            out.add(Violation.of("max-readings", maxReadings + " is out of range", "1-" + MAX_READINGS_LIMIT));
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            out.add(Violation.of("max-age", "must be a positive duration"));
        }
        Violation.throwIfAny("batching", out);
    }
}

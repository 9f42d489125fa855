package de.dos2030.iot.config.model;

import java.time.Duration;
import java.util.List;

/** A rule check that fires when the value changes by more than {@code limit} within {@code per}. */
public record RateOfChange(double limit, Duration per) {

    public RateOfChange {
        List<Violation> out = new java.util.ArrayList<>();
        if (!(limit > 0) || Double.isInfinite(limit)) {
            out.add(Violation.of("limit", "must be positive, got " + limit));
        }
        if (per == null || per.isNegative() || per.isZero()) {
            out.add(Violation.of("per", "must be a positive duration"));
        }
        Violation.throwIfAny("rate-of-change", out);
    }
}

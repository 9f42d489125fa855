package de.dos2030.iot.config.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tilt from a 3-axis accelerometer where no inclinometer is fitted: pitch
 * {@code atan2(ax, sqrt(ay^2 + az^2))} and roll {@code atan2(ay, sqrt(ax^2 + az^2))} in degrees,
 * low-passed with time constant {@code lowPass} (vibration averages out, the static angle stays)
 * and reported once per {@code interval}.
 */
public record TiltConfig(Duration lowPass, Duration interval) {

    public TiltConfig {
        List<Violation> out = new ArrayList<>();
        if (lowPass == null || lowPass.isNegative() || lowPass.isZero()) {
            out.add(Violation.of("low-pass", "must be a positive duration"));
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            out.add(Violation.of("interval", "must be a positive duration"));
        }
        Violation.throwIfAny("tilt", out);
    }

    /** Every default. */
    public static TiltConfig defaults() {
        return new TiltConfig(Defaults.TILT_LOW_PASS, Defaults.TILT_INTERVAL);
    }
}

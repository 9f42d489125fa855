package de.dos2030.iot.config.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tilt from a 3-axis accelerometer where no inclinometer is fitted: pitch
 * {@code atan2(ax, sqrt(ay^2 + az^2))} and roll {@code atan2(ay, sqrt(ax^2 + az^2))} in degrees,
 * low-passed with time constant {@code lowPass} (vibration averages out, the static angle stays)
 * and reported once per {@code interval}. The angles are series of their own, under the derived
 * sensor ids {@code <id>-pitch} and {@code <id>-roll} ({@link #derivedIds}), which must be valid
 * ids and clash with no other sensor (checked by {@link SensorInvariants} and {@link GatewayInvariants}).
 */
public record TiltConfig(Duration lowPass, Duration interval) {

    /** Sensor id suffixes of the derived angles. */
    public static final String PITCH_SUFFIX = "-pitch";

    public static final String ROLL_SUFFIX = "-roll";

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

    /** The sensor ids of the pitch and roll series derived from accelerometer {@code sensorId}. */
    public static List<String> derivedIds(String sensorId) {
        return List.of(sensorId + PITCH_SUFFIX, sensorId + ROLL_SUFFIX);
    }

    /** Every default. */
    public static TiltConfig defaults() {
        return new TiltConfig(Defaults.TILT_LOW_PASS, Defaults.TILT_INTERVAL);
    }
}

package de.dos2030.iot.config.model;

import java.time.Duration;

/**
 * How often a sensor is read: every fixed interval (environmental sensors, {@code sample-interval:
 * 5s}) or at a rate (vibration, {@code sample-rate: 100Hz}). Both forms answer both questions.
 */
public sealed interface Sampling {

    /** Samples per second. */
    double hertz();

    /** Time between two samples, rounded to the nanosecond for rates. */
    Duration period();

    static Sampling every(Duration interval) {
        return new Interval(interval);
    }

    static Sampling at(double hertz) {
        return new Rate(hertz);
    }

    /** A sample every {@code interval}; at least a millisecond. */
    record Interval(Duration interval) implements Sampling {
        public Interval {
            if (interval == null || interval.compareTo(Duration.ofMillis(1)) < 0) {
                throw new InvalidConfigException(
                        "sampling", java.util.List.of(Violation.of("sample-interval", "must be at least 1ms")));
            }
        }

        @Override
        public double hertz() {
            return 1e9 / interval.toNanos();
        }

        @Override
        public Duration period() {
            return interval;
        }
    }

    /** {@code hertz} samples a second; above 0 and at most 10 kHz. */
    record Rate(double hertz) implements Sampling {
        public Rate {
            if (!(hertz > 0 && hertz <= 10_000)) {
                throw new InvalidConfigException(
                        "sampling",
                        java.util.List.of(
                                Violation.of("sample-rate", hertz + " Hz is out of range", "above 0 up to 10000 Hz")));
            }
        }

        @Override
        public Duration period() {
            return Duration.ofNanos(Math.round(1e9 / hertz));
        }
    }
}

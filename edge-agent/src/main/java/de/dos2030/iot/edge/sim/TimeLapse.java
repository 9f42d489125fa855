package de.dos2030.iot.edge.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * Maps the agent's clock onto a scenario's time: from {@code realStart} on, scenario time starts
 * at {@code scenarioStart} and runs {@code speed} times faster. The simulated chips keep the
 * agent's clock (their conversion times and FIFOs stay physical, and samples carry real
 * timestamps); only a slow signal model, such as a classroom's air over a school day, is read at
 * scenario time. That lets a demo show a CO2 alarm raise and clear in minutes while every
 * reading is stamped with the gateway's real clock. Immutable and thread-safe.
 */
public record TimeLapse(Instant realStart, Instant scenarioStart, double speed) {

    public TimeLapse {
        if (realStart == null || scenarioStart == null)
            throw new IllegalArgumentException("realStart and scenarioStart are required");
        if (!(speed > 0 && speed <= 100_000))
            throw new IllegalArgumentException("speed must be above 0 up to 100000, was " + speed);
    }

    /** Scenario time equals real time. */
    public static TimeLapse none(Instant now) {
        return new TimeLapse(now, now, 1);
    }

    public boolean isIdentity() {
        return speed == 1 && realStart.equals(scenarioStart);
    }

    /** The scenario's time when the agent's clock reads {@code real}. */
    public Instant scenarioTime(Instant real) {
        long realNanos = Duration.between(realStart, real).toNanos();
        return scenarioStart.plusNanos(Math.round(realNanos * speed));
    }

    /** {@code air} read at scenario time; {@code air} itself when this lapse is the identity. */
    public EnvironmentSignal apply(EnvironmentSignal air) {
        if (isIdentity()) return air;
        return new EnvironmentSignal() {
            @Override
            public double co2Ppm(Instant t) {
                return air.co2Ppm(scenarioTime(t));
            }

            @Override
            public double temperatureC(Instant t) {
                return air.temperatureC(scenarioTime(t));
            }

            @Override
            public double relativeHumidityPercent(Instant t) {
                return air.relativeHumidityPercent(scenarioTime(t));
            }

            @Override
            public double pressureHpa(Instant t) {
                return air.pressureHpa(scenarioTime(t));
            }
        };
    }
}

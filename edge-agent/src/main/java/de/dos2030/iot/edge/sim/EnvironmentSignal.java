package de.dos2030.iot.edge.sim;

import java.time.Instant;

/** Indoor or outdoor air as the environmental chips (SCD4x, SCD30, SHTxx, BME280) would sense it. */
public interface EnvironmentSignal {

    double co2Ppm(Instant t);

    double temperatureC(Instant t);

    double relativeHumidityPercent(Instant t);

    double pressureHpa(Instant t);

    /** Constant air: for contract tests that compare against fixed datasheet values. */
    static EnvironmentSignal constant(double co2Ppm, double temperatureC, double rhPercent, double pressureHpa) {
        return new EnvironmentSignal() {
            @Override
            public double co2Ppm(Instant t) {
                return co2Ppm;
            }

            @Override
            public double temperatureC(Instant t) {
                return temperatureC;
            }

            @Override
            public double relativeHumidityPercent(Instant t) {
                return rhPercent;
            }

            @Override
            public double pressureHpa(Instant t) {
                return pressureHpa;
            }
        };
    }
}

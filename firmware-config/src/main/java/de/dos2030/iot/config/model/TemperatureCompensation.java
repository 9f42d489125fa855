package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Temperature compensation of a strain gauge: {@code strain - coefficient * (T - reference)}, where
 * {@code T} is the latest temperature of {@code source} (another sensor of the gateway; empty:
 * the sensor's own temperature channel) and {@code coefficient} the gauge's apparent strain in
 * um/m per degC (from the gauge's data sheet or a calibration run).
 */
public record TemperatureCompensation(double coefficient, Optional<String> source, double reference) {

    public static final double MAX_COEFFICIENT = 1000;

    public TemperatureCompensation {
        List<Violation> out = new ArrayList<>();
        if (!(Math.abs(coefficient) <= MAX_COEFFICIENT)) {
            out.add(Violation.of("coefficient", coefficient + " um/m per degC is out of range", "-1000 to 1000"));
        }
        if (source == null) {
            out.add(Violation.of("source", "must not be null"));
        } else {
            source.flatMap(s -> Identifier.check("source", s)).ifPresent(out::add);
        }
        if (!(reference >= -60 && reference <= 150)) {
            out.add(Violation.of("reference-temperature", reference + " degC is out of range", "-60 to 150 degC"));
        }
        Violation.throwIfAny("temperature compensation", out);
    }
}

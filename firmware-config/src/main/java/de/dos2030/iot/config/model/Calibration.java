package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Corrections applied to a sensor's values. {@code offset} and {@code scale} apply to the
 * driver's primary quantity as {@code value * scale + offset}. A strain chip (ADS1115, HX711)
 * has a gauge factor and an excitation voltage for the quarter-bridge formula
 * {@code strain = 4 * Vout / (GF * Vexc)}; a chip with a temperature channel may have a
 * temperature offset (self-heating, degC); a CO2 or pressure chip may have the site's altitude in
 * metres for pressure compensation. A strain chip may compensate the gauge's temperature
 * response ({@link TemperatureCompensation}).
 */
public record Calibration(
        double offset,
        double scale,
        Optional<Double> gaugeFactor,
        Optional<Double> excitationVolts,
        Optional<Double> temperatureOffset,
        Optional<Double> altitude,
        Optional<TemperatureCompensation> temperatureCompensation) {

    public Calibration {
        List<Violation> out = new ArrayList<>();
        if (!Double.isFinite(offset)) {
            out.add(Violation.of("offset", "must be a finite number"));
        }
        if (!Double.isFinite(scale) || scale == 0) {
            out.add(Violation.of("scale", "must be a finite, non-zero number"));
        }
        if (gaugeFactor == null
                || excitationVolts == null
                || temperatureOffset == null
                || altitude == null
                || temperatureCompensation == null) {
            out.add(Violation.of("", "optional values must not be null"));
        } else {
            gaugeFactor
                    .filter(g -> !(g > 0 && g <= 10))
                    .ifPresent(g -> out.add(Violation.of("gauge-factor", g + " is out of range", "0-10")));
            excitationVolts
                    .filter(v -> !(v > 0 && v <= 12))
                    .ifPresent(v -> out.add(Violation.of("excitation-voltage", v + " is out of range", "0-12 V")));
            altitude.filter(a -> !(a >= -500 && a <= 9000))
                    .ifPresent(a -> out.add(Violation.of("altitude", a + " m is out of range", "-500 to 9000 m")));
        }
        Violation.throwIfAny("calibration", out);
    }

    /** Without temperature compensation. */
    public Calibration(
            double offset,
            double scale,
            Optional<Double> gaugeFactor,
            Optional<Double> excitationVolts,
            Optional<Double> temperatureOffset,
            Optional<Double> altitude) {
        this(offset, scale, gaugeFactor, excitationVolts, temperatureOffset, altitude, Optional.empty());
    }

    /** No correction. */
    public static Calibration none() {
        return new Calibration(
                Defaults.CALIBRATION_OFFSET,
                Defaults.CALIBRATION_SCALE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}

package de.dos2030.iot.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A physical quantity a gateway measures or derives, with its unit, the range a real sensor can
 * plausibly report, and the resolution the binary codec keeps.
 *
 * <p>The wire name is stable: it appears in JSON, CBOR, MQTT payloads and InfluxDB. Each quantity
 * also names where the collector stores it: an InfluxDB measurement and field, so that the
 * vibration window features share one measurement ({@code vibration}) with one field each.
 */
public enum Quantity {
    CO2("co2", "ppm", 0, 40_000, 1, "co2", "value"),
    TEMPERATURE("temperature", "degC", -60, 150, 0.01, "temperature", "value"),
    RELATIVE_HUMIDITY("humidity", "%", 0, 100, 0.01, "humidity", "value"),
    AIR_PRESSURE("pressure", "hPa", 300, 1_100, 0.01, "pressure", "value"),
    STRAIN("strain", "um/m", -20_000, 20_000, 0.01, "strain", "value"),
    ACCELERATION("acceleration", "g", -16, 16, 0.000_001, "acceleration", "value"),
    TILT("tilt", "deg", -90, 90, 0.000_1, "tilt", "value"),
    VIBRATION_RMS("vibration_rms", "g", 0, 16, 0.000_000_1, "vibration", "rms"),
    VIBRATION_PEAK("vibration_peak", "g", 0, 32, 0.000_001, "vibration", "peak"),
    CREST_FACTOR("crest_factor", "1", 0, 1_000, 0.001, "vibration", "crest"),
    DOMINANT_FREQUENCY("dominant_frequency", "Hz", 0, 4_000, 0.001, "vibration", "dominant_hz");

    /** Defined once here; the gateway computes them, configuration and batching ask for them. */
    private static final Set<Quantity> VIBRATION_FEATURES =
            Collections.unmodifiableSet(EnumSet.of(VIBRATION_RMS, VIBRATION_PEAK, CREST_FACTOR, DOMINANT_FREQUENCY));

    private final String wireName;
    private final String unit;
    private final double min;
    private final double max;
    private final double resolution;
    private final String measurement;
    private final String field;

    Quantity(
            String wireName, String unit, double min, double max, double resolution, String measurement, String field) {
        this.wireName = wireName;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.resolution = resolution;
        this.measurement = measurement;
        this.field = field;
    }

    /** Stable name on the wire and in storage, e.g. {@code co2}, {@code vibration_rms}. */
    public String wireName() {
        return wireName;
    }

    /** Unit of every value of this quantity, e.g. {@code ppm}, {@code um/m}. */
    public String unit() {
        return unit;
    }

    /** Lowest physically plausible value (inclusive). */
    public double min() {
        return min;
    }

    /** Highest physically plausible value (inclusive). */
    public double max() {
        return max;
    }

    /** Step the binary codec quantises to: a decoded value differs by at most half of it. */
    public double resolution() {
        return resolution;
    }

    /** InfluxDB measurement the collector writes this quantity to. */
    public String measurement() {
        return measurement;
    }

    /** InfluxDB field of a single sample of this quantity within its measurement. */
    public String field() {
        return field;
    }

    /**
     * The features of one window of vibration, computed at the edge from acceleration: RMS, peak,
     * crest factor and dominant frequency (the last only with a spectrum). Unmodifiable.
     */
    public static Set<Quantity> vibrationFeatures() {
        return VIBRATION_FEATURES;
    }

    /** Whether this is a window feature of vibration rather than a measured sample. */
    public boolean isVibrationFeature() {
        return VIBRATION_FEATURES.contains(this);
    }

    public boolean isPlausible(double value) {
        return value >= min && value <= max;
    }

    /** The quantity with this wire name, or {@code null} if there is none. */
    public static Quantity fromWireName(String name) {
        for (Quantity q : values()) {
            if (q.wireName.equals(name)) {
                return q;
            }
        }
        return null;
    }
}

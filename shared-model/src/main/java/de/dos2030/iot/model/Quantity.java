package de.dos2030.iot.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
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
    DOMINANT_FREQUENCY("dominant_frequency", "Hz", 0, 4_000, 0.001, "vibration", "dominant_hz"),
    // The first three vertical modes of a bridge, tracked per window inside configured bands (modal tracking).
    MODE_F1_FREQUENCY("mode_f1_frequency", "Hz", 0, 4_000, 0.0001, "modal", "f1_hz"),
    MODE_F1_AMPLITUDE("mode_f1_amplitude", "g", 0, 16, 0.000_000_1, "modal", "f1_amp"),
    MODE_F1_PEAK_QUALITY("mode_f1_peak_quality", "1", 0, 1_000_000, 0.001, "modal", "f1_pq"),
    MODE_F2_FREQUENCY("mode_f2_frequency", "Hz", 0, 4_000, 0.0001, "modal", "f2_hz"),
    MODE_F2_AMPLITUDE("mode_f2_amplitude", "g", 0, 16, 0.000_000_1, "modal", "f2_amp"),
    MODE_F2_PEAK_QUALITY("mode_f2_peak_quality", "1", 0, 1_000_000, 0.001, "modal", "f2_pq"),
    MODE_F3_FREQUENCY("mode_f3_frequency", "Hz", 0, 4_000, 0.0001, "modal", "f3_hz"),
    MODE_F3_AMPLITUDE("mode_f3_amplitude", "g", 0, 16, 0.000_000_1, "modal", "f3_amp"),
    MODE_F3_PEAK_QUALITY("mode_f3_peak_quality", "1", 0, 1_000_000, 0.001, "modal", "f3_pq");

    /** Defined once here; the gateway computes them, configuration and batching ask for them. */
    private static final Set<Quantity> VIBRATION_FEATURES =
            Collections.unmodifiableSet(EnumSet.of(VIBRATION_RMS, VIBRATION_PEAK, CREST_FACTOR, DOMINANT_FREQUENCY));

    /** Per tracked mode (f1, f2, f3): its frequency, amplitude and peak quality, in that order. */
    private static final List<List<Quantity>> MODES = List.of(
            List.of(MODE_F1_FREQUENCY, MODE_F1_AMPLITUDE, MODE_F1_PEAK_QUALITY),
            List.of(MODE_F2_FREQUENCY, MODE_F2_AMPLITUDE, MODE_F2_PEAK_QUALITY),
            List.of(MODE_F3_FREQUENCY, MODE_F3_AMPLITUDE, MODE_F3_PEAK_QUALITY));

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

    /** How many modes a gateway can track: the first three vertical modes, named f1, f2, f3. */
    public static int trackedModes() {
        return MODES.size();
    }

    /** Mode {@code index} (0 for f1)'s frequency quantity. */
    public static Quantity modeFrequency(int index) {
        return MODES.get(index).get(0);
    }

    /** Mode {@code index} (0 for f1)'s spectral amplitude at the peak. */
    public static Quantity modeAmplitude(int index) {
        return MODES.get(index).get(1);
    }

    /** Mode {@code index} (0 for f1)'s peak quality: the peak over the median of its band (1 = no peak at all). */
    public static Quantity modePeakQuality(int index) {
        return MODES.get(index).get(2);
    }

    /** Whether this quantity is one of a tracked mode's figures (measurement {@code modal}). */
    public boolean isModal() {
        return "modal".equals(measurement);
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

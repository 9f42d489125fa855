package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One tracked bridge mode: its name ({@code f1}, {@code f2} or {@code f3}, the first three vertical
 * modes) and the frequency band the gateway searches for its spectral peak, {@code lowHz} to
 * {@code highHz}. Written {@code {name: f1, band: 9.5-12 Hz}}. Whether the band fits the sensor's
 * sample rate and FFT is checked by {@link SensorInvariants}.
 */
public record ModeBand(String name, double lowHz, double highHz) {

    /** The names a mode may have, in order; the index is shared-model's {@code Quantity.modeFrequency(i)}. */
    public static final List<String> NAMES = List.of("f1", "f2", "f3");

    public static final String NAMES_ALLOWED = String.join(", ", NAMES);

    public ModeBand {
        Violation.throwIfAny("mode", violations(name, lowHz, highHz));
    }

    /** 0 for f1, 1 for f2, 2 for f3. */
    public int index() {
        return NAMES.indexOf(name);
    }

    public double widthHz() {
        return highHz - lowHz;
    }

    /** Whether the two bands share any frequency. */
    public boolean overlaps(ModeBand other) {
        return lowHz < other.highHz && other.lowHz < highHz;
    }

    /** The band as written in the file: {@code 9.5-12 Hz}. */
    public String bandText() {
        return text(lowHz) + "-" + text(highHz) + " Hz";
    }

    static String text(double hz) {
        return hz == Math.rint(hz) ? Long.toString((long) hz) : String.format(Locale.ROOT, "%s", hz);
    }

    public static List<Violation> violations(String name, double lowHz, double highHz) {
        List<Violation> out = new ArrayList<>();
        if (name == null || !NAMES.contains(name)) {
            out.add(Violation.of("name", "'" + name + "' is not a mode name", NAMES_ALLOWED));
        }
        if (!(lowHz > 0) || !Double.isFinite(highHz)) {
            out.add(Violation.of("band", "the band must lie above 0 Hz", "e.g. 9.5-12 Hz"));
        } else if (!(highHz > lowHz)) {
            out.add(Violation.of(
                    "band",
                    "the band " + text(lowHz) + "-" + text(highHz)
                            + " Hz is inverted or empty: its lower edge must come" + " first",
                    text(Math.min(lowHz, highHz)) + "-" + text(Math.max(lowHz, highHz)) + " Hz"));
        }
        return out;
    }
}

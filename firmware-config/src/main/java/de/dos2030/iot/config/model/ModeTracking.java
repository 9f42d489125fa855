package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Modal tracking on an accelerometer: per feature window with a spectrum, the peak inside each
 * {@link ModeBand}, its interpolated frequency, amplitude and peak quality (peak over the median
 * of the band). A frequency is sent only when the peak quality reaches {@code minPeakQuality}; it
 * is flagged suspect when the window's RMS stayed below {@code excitationFloorG} (ambient
 * excitation only, where a peak is less trustworthy). Bands are distinct names, at most three, and
 * must not overlap.
 */
public record ModeTracking(List<ModeBand> bands, double excitationFloorG, double minPeakQuality) {

    /** Lowest sensible peak quality: 1 means "no higher than the band's median". */
    public static final double MIN_PEAK_QUALITY = 1.0;

    public ModeTracking {
        bands = bands == null ? null : List.copyOf(bands);
        Violation.throwIfAny("modes", violations(bands, excitationFloorG, minPeakQuality));
    }

    /** Tracking with the default floor and peak quality ({@link Defaults}). */
    public static ModeTracking of(List<ModeBand> bands) {
        return new ModeTracking(bands, Defaults.MODE_EXCITATION_FLOOR_G, Defaults.MODE_MIN_PEAK_QUALITY);
    }

    /**
     * Every violation, with paths as in the sensor's entry ({@code modes[1].band},
     * {@code excitation-floor}); bands that are null (unreadable) are skipped.
     */
    public static List<Violation> violations(List<ModeBand> bands, double excitationFloorG, double minPeakQuality) {
        List<Violation> out = new ArrayList<>();
        if (bands == null || bands.isEmpty()) {
            out.add(Violation.of("modes", "needs at least one mode", ModeBand.NAMES_ALLOWED));
            return out;
        }
        if (bands.size() > ModeBand.NAMES.size()) {
            out.add(Violation.of(
                    "modes", bands.size() + " modes, but the gateway tracks at most 3", ModeBand.NAMES_ALLOWED));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < bands.size(); i++) {
            ModeBand b = bands.get(i);
            if (b == null) {
                continue;
            }
            if (!seen.add(b.name())) {
                out.add(Violation.of("modes[" + i + "].name", "mode " + b.name() + " is listed twice"));
            }
            for (int j = 0; j < i; j++) {
                ModeBand earlier = bands.get(j);
                if (earlier != null && earlier.overlaps(b)) {
                    out.add(Violation.of(
                            "modes[" + i + "].band",
                            b.name() + "'s band " + b.bandText() + " overlaps " + earlier.name() + "'s "
                                    + earlier.bandText() + ": one peak would count for two modes",
                            "a band outside " + earlier.bandText()));
                }
            }
        }
        if (!(excitationFloorG > 0)) {
            out.add(Violation.of("excitation-floor", "must be above 0 g RMS"));
        }
        if (!(minPeakQuality >= MIN_PEAK_QUALITY)) {
            out.add(Violation.of("min-peak-quality", "must be at least 1 (the band's median)"));
        }
        return out;
    }
}

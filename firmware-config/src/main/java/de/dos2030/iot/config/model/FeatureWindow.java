package de.dos2030.iot.config.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A window over which the pipeline computes features: mean/min/max for every sensor, and for
 * accelerometers RMS, peak and crest factor, plus the dominant frequency when {@code fftSize}
 * (a power of two, 64-65536 samples, Hann-windowed) is given. Frequency resolution is rate / fftSize.
 */
public record FeatureWindow(Duration length, Optional<Integer> fftSize) {

    public static final int MIN_FFT = 64;
    public static final int MAX_FFT = 65_536;

    public FeatureWindow {
        Violation.throwIfAny("feature window", violations(length, fftSize));
    }

    public static List<Violation> violations(Duration length, Optional<Integer> fftSize) {
        List<Violation> out = new ArrayList<>();
        if (length == null || length.isNegative() || length.isZero()) {
            out.add(Violation.of("length", "must be a positive duration"));
        }
        if (fftSize == null) {
            out.add(Violation.of("fft-size", "must not be null"));
        } else {
            fftSize.filter(n -> n < MIN_FFT || n > MAX_FFT || Integer.bitCount(n) != 1).ifPresent(n -> out.add(
                    Violation.of("fft-size", n + " is not a power of two from 64 to 65536",
                            "64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536")));
        }
        return out;
    }
}

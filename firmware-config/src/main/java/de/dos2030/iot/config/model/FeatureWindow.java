package de.dos2030.iot.config.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A window over which the pipeline computes features: mean/min/max for every sensor, and for
 * accelerometers RMS, peak and crest factor, plus the dominant frequency when {@code fftSize}
 * (a power of two, 64-65536) is given. The FFT takes the last {@code min(fftSize, window samples)}
 * samples, Hann-windowed, and pads them with zeros up to {@code fftSize}: a 10 s window at 400 Hz
 * (4000 samples) goes into a 4096-point FFT. Bin spacing is rate / fftSize; padding interpolates
 * the spectrum but resolution stays rate / samples, so an FFT may be at most the next power of two
 * at or above the window's samples ({@link #largestFft}).
 */
public record FeatureWindow(Duration length, Optional<Integer> fftSize) {

    public static final int MIN_FFT = 64;
    public static final int MAX_FFT = 65_536;

    public FeatureWindow {
        Violation.throwIfAny("feature window", violations(length, fftSize));
    }

    /** Samples a window of {@code length} holds at {@code hertz}. */
    public static long samples(double hertz, Duration length) {
        return (long) Math.floor(hertz * length.toNanos() / 1e9 + 1e-9);
    }

    /** The largest sensible FFT for such a window: the next power of two at or above its samples. */
    public static long largestFft(double hertz, Duration length) {
        long held = Math.max(1, samples(hertz, length));
        return Long.highestOneBit(held) == held ? held : Long.highestOneBit(held) << 1;
    }

    public static List<Violation> violations(Duration length, Optional<Integer> fftSize) {
        List<Violation> out = new ArrayList<>();
        if (length == null || length.isNegative() || length.isZero()) {
            out.add(Violation.of("length", "must be a positive duration"));
        }
        if (fftSize == null) {
            out.add(Violation.of("fft-size", "must not be null"));
        } else {
            fftSize.filter(n -> n < MIN_FFT || n > MAX_FFT || Integer.bitCount(n) != 1)
                    .ifPresent(n -> out.add(Violation.of(
                            "fft-size",
                            n + " is not a power of two from 64 to 65536",
                            "64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536")));
        }
        return out;
    }
}

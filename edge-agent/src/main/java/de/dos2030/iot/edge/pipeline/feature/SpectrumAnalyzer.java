package de.dos2030.iot.edge.pipeline.feature;

import java.util.Arrays;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Dominant frequency and strongest spectral peaks of the last M samples, zero-padded to an N-point
 * FFT (M <= N; M = N without padding): remove the mean of the M samples, apply a {@link HannWindow}
 * of length M to them, append N - M zeros, FFT in place (Commons Math {@code transformInPlace} on preallocated real and
 * imaginary arrays), then take the largest magnitude bin and refine it by fitting a parabola
 * through the logarithms of it and its neighbours (for a Hann window this puts a pure tone within a
 * few hundredths of a bin, against half a bin without interpolation). The search band is
 * {@link #MIN_HZ} (and at least bin 2) up to {@link #MAX_FRACTION} of the sample rate: below it
 * lie DC leakage and thermal drift, above it the anti-alias filter's roll-off and aliased mains
 * hum (the Munich bridge record at 100 Hz has its strongest line at 50 Hz), none of them a mode
 * of the structure. Peaks: local maxima in the band at least {@link #PEAK_FACTOR} times the noise
 * floor (the median magnitude), strongest first. Nothing is allocated after construction except rarely by the
 * median's sort. Not thread-safe.
 */
public final class SpectrumAnalyzer {

    /** A peak must stand this far above the median magnitude (20 dB). */
    public static final double PEAK_FACTOR = 10.0;
    /** Lowest frequency searched: bridge and building modes lie above it. */
    public static final double MIN_HZ = 0.5;
    /** Highest frequency searched, as a fraction of the sample rate (Nyquist is 0.5). */
    public static final double MAX_FRACTION = 0.45;

    private final int n;
    private final int samples;
    private final int firstBin;
    private final int lastBin;
    private final double sampleRateHz;
    private final HannWindow hann;
    private final double[][] ri;
    private final double[] magnitude;
    private final double[] sorted;
    private final double[] peakHz;
    private final double[] peakMagnitude;
    private int peakCount;
    private double dominantHz;
    private double noiseFloor;

    /**
     * @param n            FFT size, a power of two
     * @param sampleRateHz the channel's sample rate: frequency resolution is rate / n
     * @param maxPeaks     how many peaks to keep
     */
    public SpectrumAnalyzer(int n, double sampleRateHz, int maxPeaks) {
        this(n, n, sampleRateHz, maxPeaks);
    }

    /**
     * @param n            FFT size, a power of two
     * @param samples      how many real samples go in (the rest is zero padding), 8 .. n
     * @param sampleRateHz the channel's sample rate: bin spacing is rate / n
     * @param maxPeaks     how many peaks to keep
     */
    public SpectrumAnalyzer(int n, int samples, double sampleRateHz, int maxPeaks) {
        if (n < 8 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size " + n + " is not a power of two >= 8");
        }
        if (samples < 8 || samples > n) {
            throw new IllegalArgumentException(samples + " samples do not fit an FFT of " + n + " points");
        }
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("sample rate must be positive");
        }
        this.n = n;
        this.samples = samples;
        this.sampleRateHz = sampleRateHz;
        this.firstBin = Math.max(2, (int) Math.ceil(MIN_HZ * n / sampleRateHz));
        this.lastBin = Math.min(n / 2 - 2, (int) Math.floor(MAX_FRACTION * n));
        if (firstBin >= lastBin) {
            throw new IllegalArgumentException(
                    n + " points at " + sampleRateHz + " Hz leave no band above " + MIN_HZ + " Hz");
        }
        this.hann = new HannWindow(samples);
        this.ri = new double[2][n];
        this.magnitude = new double[n / 2];
        this.sorted = new double[n / 2];
        this.peakHz = new double[maxPeaks];
        this.peakMagnitude = new double[maxPeaks];
    }

    public int size() {
        return n;
    }

    /** Real samples per analysis (the rest of the FFT is zero padding). */
    public int samples() {
        return samples;
    }

    public double binWidthHz() {
        return sampleRateHz / n;
    }

    /** Analyses the ring's last M samples; the ring must hold exactly M. */
    public void analyse(SampleRing ring) {
        if (ring.count() != samples) {
            throw new IllegalStateException("need " + samples + " samples, have " + ring.count());
        }
        double[] re = ri[0];
        ring.copyTo(re);
        analyseInPlace();
    }

    /** Analyses {@code values[0 .. M)}. */
    public void analyse(double[] values) {
        System.arraycopy(values, 0, ri[0], 0, samples);
        analyseInPlace();
    }

    private void analyseInPlace() {
        double[] re = ri[0];
        double[] im = ri[1];
        double mean = 0;
        for (int i = 0; i < samples; i++) {
            mean += re[i];
        }
        mean /= samples;
        for (int i = 0; i < samples; i++) {
            re[i] -= mean;
        }
        hann.apply(re);
        Arrays.fill(re, samples, n, 0.0);
        Arrays.fill(im, 0.0);
        FastFourierTransformer.transformInPlace(ri, DftNormalization.STANDARD, TransformType.FORWARD);
        for (int k = 0; k < n / 2; k++) {
            magnitude[k] = Math.hypot(re[k], im[k]);
        }
        int best = firstBin;
        for (int k = firstBin + 1; k <= lastBin; k++) {
            if (magnitude[k] > magnitude[best]) {
                best = k;
            }
        }
        dominantHz = magnitude[best] > 0 ? interpolatedBin(best) * binWidthHz() : 0;
        System.arraycopy(magnitude, 0, sorted, 0, n / 2);
        Arrays.sort(sorted);
        noiseFloor = sorted[n / 4];
        findPeaks();
    }

    /** Parabolic interpolation on log magnitudes around bin {@code k}. */
    private double interpolatedBin(int k) {
        if (k <= 0 || k >= n / 2 - 1) {
            return k;
        }
        double a = Math.log(Math.max(magnitude[k - 1], Double.MIN_NORMAL));
        double b = Math.log(magnitude[k]);
        double c = Math.log(Math.max(magnitude[k + 1], Double.MIN_NORMAL));
        double denominator = a - 2 * b + c;
        if (denominator >= 0) {
            return k;
        }
        double delta = 0.5 * (a - c) / denominator;
        return k + Math.max(-0.5, Math.min(0.5, delta));
    }

    private void findPeaks() {
        peakCount = 0;
        double floor = noiseFloor * PEAK_FACTOR;
        for (int k = firstBin; k <= lastBin; k++) {
            double m = magnitude[k];
            if (m > floor && m > magnitude[k - 1] && m >= magnitude[k + 1]) {
                insertPeak(interpolatedBin(k) * binWidthHz(), m);
            }
        }
    }

    private void insertPeak(double hz, double m) {
        int pos = peakCount;
        while (pos > 0 && peakMagnitude[pos - 1] < m) {
            pos--;
        }
        if (pos >= peakHz.length) {
            return;
        }
        int last = Math.min(peakCount, peakHz.length - 1);
        for (int i = last; i > pos; i--) {
            peakHz[i] = peakHz[i - 1];
            peakMagnitude[i] = peakMagnitude[i - 1];
        }
        peakHz[pos] = hz;
        peakMagnitude[pos] = m;
        if (peakCount < peakHz.length) {
            peakCount++;
        }
    }

    /** Magnitudes of the last analysis, bins 0 .. n/2 - 1 (bin k is k * {@link #binWidthHz()}); do not modify. */
    double[] magnitudes() {
        return magnitude;
    }

    /** Magnitude of bin {@code k} of the last analysis. */
    public double magnitude(int k) {
        return magnitude[k];
    }

    /** The dominant frequency of the last analysis, Hz; 0 for a flat signal. */
    public double dominantHz() {
        return dominantHz;
    }

    /** The median magnitude of the last analysis. */
    public double noiseFloor() {
        return noiseFloor;
    }

    public int peakCount() {
        return peakCount;
    }

    /** Frequency of the {@code i}-th strongest peak (0 = strongest). */
    public double peakHz(int i) {
        if (i >= peakCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return peakHz[i];
    }

    public double peakMagnitude(int i) {
        if (i >= peakCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return peakMagnitude[i];
    }
}

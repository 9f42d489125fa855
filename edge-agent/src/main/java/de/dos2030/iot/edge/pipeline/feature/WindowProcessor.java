package de.dos2030.iot.edge.pipeline.feature;

import de.dos2030.iot.config.model.FeatureWindow;
import de.dos2030.iot.config.model.ModeTracking;
import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;

/**
 * Tumbling windows of one channel, aligned to multiples of the window length since the epoch (so
 * every gateway's 10 s windows end on the same instants). At each window end it reports mean, min,
 * max and standard deviation; for vibration it adds RMS, peak and crest factor of the window and,
 * when an FFT size is configured, the dominant frequency of the last {@code min(fftSize, window
 * samples)} samples, zero-padded to {@code fftSize} (a 10 s window at 400 Hz: 4000 samples in a
 * 4096-point FFT), and the tracked bridge modes in that spectrum ({@link ModeTracker}) when the
 * sensor has modes. A window closes when a
 * sample at or after its end arrives, or on {@link #tick} once it is overdue: past its end by the
 * grace, which is the filter chain's lag (a Hampel filter holds k samples back, a median window / 2)
 * plus two sample periods (at least one second) for a late read. So a sample the filters held back
 * still lands in its window (a CO2 Hampel filter of k = 3 at 5 s: 15 s lag, 25 s grace). Each
 * window is reported once: a sample for a window already closed (a sensor that stalled longer than
 * the grace) is left out of the windows rather than reopening it. Not thread-safe.
 */
public final class WindowProcessor {

    private final Quantity quantity;
    private final long length;
    private final long grace;
    private final boolean vibration;
    private final FeatureSink sink;
    private final WindowStats stats = new WindowStats();
    private final SampleRing ring;
    private final SpectrumAnalyzer spectrum;
    private final ModeTracker modes;
    private long windowEnd = EpochNanos.NONE;
    /** End of the last window reported: samples before it belong to a window already sent. */
    private long closedUpTo = Long.MIN_VALUE;

    private boolean suspect;

    /** A window without filter lag in front of it. */
    public WindowProcessor(
            Quantity quantity, FeatureWindow window, double sampleRateHz, boolean vibration, FeatureSink sink) {
        this(quantity, window, sampleRateHz, 0, vibration, sink);
    }

    /**
     * @param sampleRateHz the channel's nominal rate (sets the FFT's frequency scale and the grace)
     * @param lagSamples   how many samples the filters in front hold a sample back ({@code FilterChain.lagSamples})
     * @param vibration    true for accelerometer channels: adds RMS, peak, crest and spectrum
     */
    public WindowProcessor(
            Quantity quantity,
            FeatureWindow window,
            double sampleRateHz,
            int lagSamples,
            boolean vibration,
            FeatureSink sink) {
        this(quantity, window, sampleRateHz, lagSamples, vibration, null, sink);
    }

    /**
     * @param modes the bridge modes to track in this window's spectrum; null for none (and for
     *              windows without fft-size, where it is ignored)
     */
    public WindowProcessor(
            Quantity quantity,
            FeatureWindow window,
            double sampleRateHz,
            int lagSamples,
            boolean vibration,
            ModeTracking modes,
            FeatureSink sink) {
        this.quantity = quantity;
        this.length = window.length().toNanos();
        this.grace = graceNanos(sampleRateHz, lagSamples);
        this.vibration = vibration;
        this.sink = sink;
        if (vibration && window.fftSize().isPresent()) {
            int n = window.fftSize().get();
            int held = (int) Math.min(n, FeatureWindow.samples(sampleRateHz, window.length()));
            ring = new SampleRing(held);
            spectrum = new SpectrumAnalyzer(n, held, sampleRateHz, 3);
            this.modes = modes == null ? null : new ModeTracker(modes, spectrum);
        } else {
            ring = null;
            spectrum = null;
            this.modes = null;
        }
    }

    /** How long past its end a window waits for held-back and late samples before {@link #tick} closes it. */
    public static long graceNanos(double sampleRateHz, int lagSamples) {
        double period = 1e9 / sampleRateHz;
        return Math.max(1_000_000_000L, (long) (2 * period)) + (long) (lagSamples * period);
    }

    /** A usable sample. */
    public void accept(long nanos, double value, Quality quality) {
        if (nanos < closedUpTo) {
            return;
        }
        if (windowEnd == EpochNanos.NONE) {
            windowEnd = endOf(nanos);
        } else if (nanos >= windowEnd) {
            close();
            windowEnd = endOf(nanos);
        }
        stats.add(value);
        if (quality == Quality.SUSPECT) {
            suspect = true;
        }
        if (ring != null) {
            ring.add(value);
        }
    }

    /** Closes the open window if the clock is past its end by more than the grace period. */
    public void tick(long nowNanos) {
        if (windowEnd != EpochNanos.NONE && nowNanos >= windowEnd + grace) {
            close();
            windowEnd = EpochNanos.NONE;
        }
    }

    /** Closes the open window now (end of a replay, shutdown). */
    public void flush() {
        if (windowEnd != EpochNanos.NONE) {
            close();
            windowEnd = EpochNanos.NONE;
        }
    }

    private long endOf(long nanos) {
        return Math.floorDiv(nanos, length) * length + length;
    }

    private void close() {
        if (stats.count() == 0) {
            return;
        }
        closedUpTo = windowEnd;
        Quality q = suspect ? Quality.SUSPECT : Quality.OK;
        long end = windowEnd;
        sink.feature(quantity, Statistic.MEAN, end - length, end, stats.mean(), q);
        sink.feature(quantity, Statistic.MIN, end - length, end, stats.min(), q);
        sink.feature(quantity, Statistic.MAX, end - length, end, stats.max(), q);
        sink.feature(quantity, Statistic.STDDEV, end - length, end, stats.stddev(), q);
        if (vibration) {
            sink.feature(Quantity.VIBRATION_RMS, Statistic.SAMPLE, end - length, end, stats.rms(), q);
            sink.feature(Quantity.VIBRATION_PEAK, Statistic.SAMPLE, end - length, end, stats.peak(), q);
            sink.feature(Quantity.CREST_FACTOR, Statistic.SAMPLE, end - length, end, stats.crestFactor(), q);
            if (spectrum != null && ring.isFull()) {
                spectrum.analyse(ring);
                sink.feature(
                        Quantity.DOMINANT_FREQUENCY, Statistic.SAMPLE, end - length, end, spectrum.dominantHz(), q);
                if (modes != null) {
                    modes.track(spectrum, stats.rms(), end - length, end, q, sink);
                }
                sink.spectrum(end, spectrum);
            }
        }
        stats.reset();
        suspect = false;
    }
}

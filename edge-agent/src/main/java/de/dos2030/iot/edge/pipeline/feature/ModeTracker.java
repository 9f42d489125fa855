package de.dos2030.iot.edge.pipeline.feature;

import de.dos2030.iot.config.model.ModeBand;
import de.dos2030.iot.config.model.ModeTracking;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;
import java.util.List;

/**
 * Tracks a bridge's configured vertical modes in a window's spectrum (the {@link SpectrumAnalyzer}
 * the window already computed for its dominant frequency; nothing is transformed twice). Per
 * {@link ModeBand}: the largest magnitude bin inside the band; its frequency refined by a parabola
 * through the logarithms of it and its two neighbours (the Gaussian fit, exact for a Gaussian peak
 * and within a few thousandths of a bin for a Hann-windowed tone); its amplitude, the height of
 * that parabola converted to the amplitude of an equivalent sine ({@code 4 |X| / M} for M
 * Hann-windowed samples); and its peak quality, the peak over the median of the band's bins.
 *
 * <p>What is sent per mode and window ({@link Statistic#SAMPLE}, time = window end): amplitude
 * and peak quality always, so that coverage is visible; the frequency only when the band holds a
 * peak of its own (a local maximum, not the flank of something outside the band) at least
 * {@code minPeakQuality} above the median: a window without a clear peak gets no frequency, never
 * a guess. The frequency is {@link Quality#SUSPECT} when the window's RMS stayed below the
 * excitation floor (ambient vibration only), otherwise it carries the window's own quality.
 *
 * <p>Allocation-free after construction (the median is a quickselect on a preallocated copy). Not
 * thread-safe; one per window processor.
 */
public final class ModeTracker {

    private final ModeTracking config;
    private final int[] index;
    private final int[] firstBin;
    private final int[] lastBin;
    private final double[] scratch;
    private final double amplitudeScale;
    private final double binWidthHz;
    private final int bins;
    private final double[] frequency;
    private final double[] amplitude;
    private final double[] peakQuality;

    /**
     * @param spectrum the analyser whose results {@link #track} reads: fixes the bins of each band
     * @throws IllegalArgumentException when a band holds no bin of this spectrum (the configuration
     *     refuses such bands, so this means a programming error)
     */
    public ModeTracker(ModeTracking config, SpectrumAnalyzer spectrum) {
        this.config = config;
        List<ModeBand> bands = config.bands();
        int count = bands.size();
        index = new int[count];
        firstBin = new int[count];
        lastBin = new int[count];
        frequency = new double[count];
        amplitude = new double[count];
        peakQuality = new double[count];
        binWidthHz = spectrum.binWidthHz();
        bins = spectrum.size() / 2;
        int widest = 1;
        for (int i = 0; i < count; i++) {
            ModeBand b = bands.get(i);
            index[i] = b.index();
            firstBin[i] = Math.max(1, (int) Math.ceil(b.lowHz() / binWidthHz));
            lastBin[i] = Math.min(bins - 2, (int) Math.floor(b.highHz() / binWidthHz));
            if (lastBin[i] < firstBin[i]) {
                throw new IllegalArgumentException(b.name() + "'s band " + b.bandText()
                        + " holds no bin of a spectrum with " + binWidthHz + " Hz bins");
            }
            widest = Math.max(widest, lastBin[i] - firstBin[i] + 1);
        }
        scratch = new double[widest];
        // Periodic Hann of M samples sums to M / 2; a sine of amplitude A peaks at A / 2 times that.
        amplitudeScale = 4.0 / spectrum.samples();
    }

    /** The modes tracked, in configuration order. */
    public int modes() {
        return index.length;
    }

    /**
     * Tracks every band in {@code spectrum}'s last analysis and reports to {@code sink}.
     *
     * @param windowRms the RMS of the whole window, compared with the excitation floor
     * @param quality   the window's own quality (suspect when a replaced outlier went in)
     */
    public void track(
            SpectrumAnalyzer spectrum,
            double windowRms,
            long startNanos,
            long endNanos,
            Quality quality,
            FeatureSink sink) {
        double[] m = spectrum.magnitudes();
        boolean excited = windowRms >= config.excitationFloorG();
        for (int i = 0; i < index.length; i++) {
            int peak = firstBin[i];
            for (int k = peak + 1; k <= lastBin[i]; k++) {
                if (m[k] > m[peak]) {
                    peak = k;
                }
            }
            int width = lastBin[i] - firstBin[i] + 1;
            System.arraycopy(m, firstBin[i], scratch, 0, width);
            double median = Median.select(scratch, width);
            double a = Math.log(Math.max(m[peak - 1], Double.MIN_NORMAL));
            double b = Math.log(Math.max(m[peak], Double.MIN_NORMAL));
            double c = Math.log(Math.max(m[peak + 1], Double.MIN_NORMAL));
            boolean ownPeak = m[peak] > 0 && m[peak] >= m[peak - 1] && m[peak] >= m[peak + 1];
            double curvature = a - 2 * b + c;
            double delta = ownPeak && curvature < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / curvature)) : 0;
            frequency[i] = (peak + delta) * binWidthHz;
            amplitude[i] = m[peak] > 0 ? Math.exp(b - 0.25 * (a - c) * delta) * amplitudeScale : 0;
            peakQuality[i] = median > 0 ? m[peak] / median : 1.0;
            int mode = index[i];
            sink.feature(Quantity.modeAmplitude(mode), Statistic.SAMPLE, startNanos, endNanos, amplitude[i], quality);
            sink.feature(
                    Quantity.modePeakQuality(mode), Statistic.SAMPLE, startNanos, endNanos, peakQuality[i], quality);
            if (ownPeak && peakQuality[i] >= config.minPeakQuality()) {
                Quality q = excited ? quality : Quality.SUSPECT;
                sink.feature(Quantity.modeFrequency(mode), Statistic.SAMPLE, startNanos, endNanos, frequency[i], q);
            } else {
                frequency[i] = Double.NaN;
            }
        }
    }

    /** Mode {@code i}'s (configuration order) frequency in the last {@link #track}, NaN when there was no clear peak. */
    public double frequencyHz(int i) {
        return frequency[i];
    }

    public double amplitudeG(int i) {
        return amplitude[i];
    }

    public double peakQuality(int i) {
        return peakQuality[i];
    }
}

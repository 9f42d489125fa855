package de.dos2030.iot.edge.pipeline.feature;

import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;

/** Receives the features of a closed window. Called on the pipeline's thread. */
public interface FeatureSink {

    /**
     * @param quantity  the window's quantity for MEAN/MIN/MAX/STDDEV, or a vibration feature
     *                  quantity (with {@link Statistic#SAMPLE}: one value per window)
     * @param startNanos the window's start (the statistic describes [start, end))
     * @param endNanos  the window's end
     * @param quality   {@link Quality#SUSPECT} when a replaced outlier went into the window
     */
    void feature(Quantity quantity, Statistic statistic, long startNanos, long endNanos, double value, Quality quality);

    /** The spectrum of a closed vibration window, for consumers that want more than the dominant frequency. */
    default void spectrum(long endNanos, SpectrumAnalyzer spectrum) {}
}

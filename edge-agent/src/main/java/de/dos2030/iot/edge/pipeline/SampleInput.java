package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.model.Quality;

/**
 * The allocation-free way into one channel of the pipeline (one sensor, one quantity): for FIFO
 * drivers that deliver hundreds of samples a second, and for benchmarks. Equivalent to
 * {@link Pipeline#sample} with a {@code Sample}; thread-safe in the same way.
 */
public interface SampleInput {

    /** @param epochNanos when the sample was taken, nanoseconds since the epoch */
    void accept(long epochNanos, double value, Quality quality);
}

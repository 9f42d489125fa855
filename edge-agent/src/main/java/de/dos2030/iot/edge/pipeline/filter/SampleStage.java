package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

/**
 * One step of a channel's sample path: takes a sample (epoch nanoseconds, value, quality) and hands
 * zero or more samples to the next step. Primitive arguments keep the path allocation-free.
 * Implementations are not thread-safe; the pipeline serialises calls.
 */
@FunctionalInterface
public interface SampleStage {

    void accept(long nanos, double value, Quality quality);

    /** Samples a filter may still hold (a delaying filter at the end of a replay). Default: none. */
    default void flush() {}

    /** Only these samples enter filters, features and limit rules; the others are passed on flagged. */
    static boolean usable(Quality q) {
        return q == Quality.OK || q == Quality.SUSPECT;
    }
}

package de.dos2030.iot.collector.rollup;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.NavigableSet;

/**
 * Which hours' cells are waiting for a recompute: the query planner reads those hours from the
 * raw readings instead. Implementations are thread-safe.
 */
public interface DirtyHours {
    /**
     * UTC hour starts in {@code [from, to)} marked dirty for a raw field of a measurement, by any
     * gateway, or by {@code gateway} when it is given.
     */
    NavigableSet<Instant> dirtyHours(
            String measurement, String field, @Nullable String gateway, Instant from, Instant to);
}

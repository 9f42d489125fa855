package de.dos2030.iot.collector.rollup;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.NavigableSet;

/**
 * Which cells are waiting for a recompute: the query planner reads around them. Implementations
 * are thread-safe.
 */
public interface DirtyHours {
    /**
     * The stale cells of a raw field of a measurement in {@code [from, to)}, of any gateway, or of
     * {@code gateway} when it is given.
     */
    Stale stale(String measurement, String field, @Nullable String gateway, Instant from, Instant to);

    /**
     * Stale cells.
     *
     * @param hours UTC hour starts whose minute and hour cells (and so their day's cell) may be stale
     * @param days  day-cell starts whose day cell alone may be stale (its hours are recomputed)
     */
    record Stale(NavigableSet<Instant> hours, NavigableSet<Instant> days) {}
}

package de.dos2030.iot.collector.rollup;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.NavigableSet;

/**
 * How current the rollup tiers are: whether they are maintained at all, and which cells wait for a
 * recompute (the query planner reads around those). Implementations are thread-safe.
 */
public interface TierFreshness {
    /** False while rollups are switched off: the tiers fall behind the raw readings, so none may answer. */
    boolean maintained();

    /**
     * The stale cells of a raw field of a measurement in {@code [from, to)} (hours from the one
     * holding {@code from}), of any gateway, or only of {@code site} and {@code gateway} where given.
     */
    Stale stale(
            String measurement,
            String field,
            @Nullable String site,
            @Nullable String gateway,
            Instant from,
            Instant to);

    /**
     * Stale cells.
     *
     * @param hours UTC hour starts whose minute and hour cells (and so their day's cell) may be stale
     * @param days  day-cell starts whose day cell alone may be stale (its hours are recomputed)
     */
    record Stale(NavigableSet<Instant> hours, NavigableSet<Instant> days) {}
}

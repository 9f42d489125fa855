package de.dos2030.iot.edge.pipeline.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The pipeline's time scale: nanoseconds since the epoch in a {@code long} (good until 2262).
 * Primitive times keep the per-sample path free of {@link Instant} allocations; instants are built
 * only for what leaves the pipeline.
 */
public final class EpochNanos {

    /** "No time yet": below every real time. */
    public static final long NONE = Long.MIN_VALUE;

    private EpochNanos() {}

    public static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    public static long of(Duration d) {
        return d.toNanos();
    }

    public static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}

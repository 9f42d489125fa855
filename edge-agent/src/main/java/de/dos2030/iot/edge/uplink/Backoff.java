package de.dos2030.iot.edge.uplink;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * {@code min(max, initial * 2^n)}, so a fleet of gateways that lost the broker together does not
 * come back in lock step. Not thread-safe.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Random random;
    private int attempt;

    public Backoff(Duration initial, Duration max, Random random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt; each call doubles the ceiling up to the maximum. */
    public Duration next() {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 30));
        attempt++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half + 1)));
    }

    /** After a success: the next failure starts from {@code initial} again. */
    public void reset() {
        attempt = 0;
    }
}

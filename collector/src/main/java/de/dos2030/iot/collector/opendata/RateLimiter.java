package de.dos2030.iot.collector.opendata;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets per client address, for anonymous callers of the open endpoints ({@link OpenLimits}).
 * The buckets live in an access-ordered map of at most {@code rateClients} entries, so memory stays
 * bounded whatever number of addresses calls. Thread-safe (one lock; each call is a few arithmetic steps).
 */
@Singleton
public class RateLimiter {
    private final Clock clock;
    private final double perMilli;
    private final int burst;
    private final Map<String, double[]> buckets; // address -> {tokens, last refill in ms}

    public RateLimiter(OpenLimits limits, Clock clock) {
        this.clock = clock;
        this.perMilli = limits.ratePerMinute() / 60_000.0;
        this.burst = limits.rateBurst();
        int max = limits.rateClients();
        this.buckets = new LinkedHashMap<>(Math.min(max, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * Takes one request from {@code address}'s bucket.
     *
     * @return {@link Duration#ZERO} when the request may go ahead, otherwise how long until it could
     *     (at least one second: what {@code Retry-After} says)
     */
    public Duration take(String address) {
        long now = clock.millis();
        synchronized (buckets) {
            double[] b = buckets.computeIfAbsent(address, a -> new double[] {burst, now});
            b[0] = Math.min(burst, b[0] + Math.max(0, now - (long) b[1]) * perMilli);
            b[1] = now;
            if (b[0] >= 1) {
                b[0] -= 1;
                return Duration.ZERO;
            }
            long wait = (long) Math.ceil((1 - b[0]) / perMilli);
            return Duration.ofSeconds(Math.max(1, (wait + 999) / 1000));
        }
    }

    /** How many addresses have a bucket now (for tests of the bound). */
    int clients() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}

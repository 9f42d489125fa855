package de.dos2030.iot.collector.ingest;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per gateway ({@link GatewayRateConfig}). Keyed by authenticated gateway ids only,
 * so it holds at most one small entry per registered gateway. Thread-safe; costs one map look-up
 * and a few arithmetic operations per batch.
 */
@Singleton
public class GatewayRateLimits {
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perMilli;
    private final double burst;
    private final Clock clock;

    public GatewayRateLimits(GatewayRateConfig config, Clock clock) {
        this.perMilli = config.batchesPerSecond() / 1000.0;
        this.burst = config.burst();
        this.clock = clock;
    }

    /** Takes a token for one batch of {@code gatewayId}: empty when admitted, else how long until it would be. */
    public Optional<Duration> take(String gatewayId) {
        Bucket bucket = buckets.computeIfAbsent(gatewayId, id -> new Bucket(burst, clock.millis()));
        synchronized (bucket) {
            long now = clock.millis();
            // A clock set back adds nothing (and takes nothing away).
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) * perMilli);
            bucket.at = Math.max(bucket.at, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / perMilli)));
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}

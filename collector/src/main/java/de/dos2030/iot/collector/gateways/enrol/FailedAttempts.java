package de.dos2030.iot.collector.gateways.enrol;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Throttles guessing of claim codes: each client address has a bucket of {@code failedAttempts} wrong
 * codes that refills over {@code failedWindow}; with the bucket empty the address is refused (429) before
 * its code is even looked at. Successful enrolments cost nothing. At most {@value #MAX_CLIENTS} addresses
 * are remembered (the least recently seen is forgotten). Thread-safe.
 *
 * <p>The address is the TCP peer: behind a reverse proxy all gateways share the proxy's bucket, which
 * makes the limit stricter, never looser.
 */
@Singleton
class FailedAttempts {
    static final int MAX_CLIENTS = 10_000;
    private final Clock clock;
    private final int burst;
    private final double perMilli;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    FailedAttempts(EnrolConfig config, Clock clock) {
        this.clock = clock;
        this.burst = config.failedAttempts();
        this.perMilli = config.failedAttempts() / (double) config.failedWindow().toMillis();
    }

    /** {@link Duration#ZERO} when this address may try a code now, otherwise how long until it may (≥ 1 s). */
    Duration waitFor(String address) {
        synchronized (buckets) {
            double[] b = refilled(address);
            if (b[0] >= 1) {
                return Duration.ZERO;
            }
            long millis = (long) Math.ceil((1 - b[0]) / perMilli);
            return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
        }
    }

    /** Counts one wrong, expired or used code against this address. */
    void failed(String address) {
        synchronized (buckets) {
            double[] b = refilled(address);
            b[0] = Math.max(0, b[0] - 1);
        }
    }

    private double[] refilled(String address) {
        long now = clock.millis();
        double[] b = buckets.computeIfAbsent(address, a -> new double[] {burst, now});
        b[0] = Math.min(burst, b[0] + Math.max(0, now - (long) b[1]) * perMilli);
        b[1] = now;
        return b;
    }
}

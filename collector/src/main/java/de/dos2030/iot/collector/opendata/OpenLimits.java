package de.dos2030.iot.collector.opendata;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How much anonymous callers may ask of the open endpoints ({@code /open/**}, {@code /sta/**}) and how
 * their address is found ({@code collector.open.rate-*}, {@code collector.open.trusted-proxies}).
 * Each client address has a bucket of {@code rateBurst} requests that refills at {@code ratePerMinute};
 * at most {@code rateClients} buckets are kept (the least recently used is forgotten, which only ever
 * gives that client a full bucket again).
 *
 * @param ratePerMinute  sustained requests per minute and client address
 * @param rateBurst      requests a client may make at once before the rate applies
 * @param rateClients    most client addresses remembered (bounds the limiter's memory)
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} is believed; empty:
 *                       the header is ignored (anyone could send it to escape the limit)
 * @param cacheMaxAge    how long caches may keep an anonymous answer about a period that is not closed yet
 */
@ConfigurationProperties("collector.open")
public record OpenLimits(
        @Bindable(defaultValue = "120") int ratePerMinute,
        @Bindable(defaultValue = "60") int rateBurst,
        @Bindable(defaultValue = "10000") int rateClients,
        @Nullable List<String> trustedProxies,
        @Bindable(defaultValue = "5m") @NotNull Duration cacheMaxAge) {

    public OpenLimits {
        if (ratePerMinute < 1 || rateBurst < 1) {
            throw new IllegalArgumentException(
                    "collector.open.rate-per-minute and collector.open.rate-burst must be 1 or more");
        }
        if (rateClients < 1) {
            throw new IllegalArgumentException("collector.open.rate-clients must be 1 or more");
        }
        if (cacheMaxAge.isNegative()) {
            throw new IllegalArgumentException("collector.open.cache-max-age must not be negative");
        }
        trustedProxies = (trustedProxies == null ? List.<String>of() : trustedProxies)
                .stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The trusted proxies as a set, for look-ups. */
    Set<String> proxies() {
        return Set.copyOf(trustedProxies);
    }
}

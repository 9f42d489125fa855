package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A stored subscription. {@code secret} (webhooks: the HMAC key) is returned only when the
 * subscription is created. {@code deliveries} counts its deliveries by status when listed.
 */
@Serdeable
public record Subscription(
        String id,
        String owner,
        String name,
        String channel,
        String target,
        AlertFilter filter,
        boolean enabled,
        Instant createdAt,
        @Nullable String secret,
        @Nullable DeliveryCounts deliveries) {

    public DeliveryChannel channelType() {
        return DeliveryChannel.parse(channel);
    }

    Subscription withSecret(@Nullable String s) {
        return new Subscription(id, owner, name, channel, target, filter, enabled, createdAt, s, deliveries);
    }

    Subscription withCounts(DeliveryCounts counts) {
        return new Subscription(id, owner, name, channel, target, filter, enabled, createdAt, null, counts);
    }

    /** Deliveries by status, and the last failure (what a subscriber looks at when nothing arrives). */
    @Serdeable
    public record DeliveryCounts(
            long pending,
            long delivered,
            long dead,
            @Nullable String lastError,
            @Nullable Instant lastAttemptAt) {}
}

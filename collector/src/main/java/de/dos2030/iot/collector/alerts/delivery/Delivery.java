package de.dos2030.iot.collector.alerts.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One lifecycle step on its way to one subscription. {@code status}: pending (waiting or between
 * attempts), delivered, dead (gave up after {@code collector.delivery.max-attempts}; can be retried).
 */
@Serdeable
public record Delivery(
        long id,
        String subscriptionId,
        long eventId,
        String kind,
        String alertId,
        String gatewayId,
        String status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable Instant lastAttemptAt,
        @Nullable String lastError,
        @Nullable Instant deliveredAt,
        Instant createdAt) {}

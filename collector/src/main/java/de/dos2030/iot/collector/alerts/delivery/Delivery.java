package de.dos2030.iot.collector.alerts.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One lifecycle step on its way to one subscription. {@code status}: pending (waiting or between
 * attempts), delivered, dead (gave up after {@code collector.delivery.max-attempts}; can be retried), held
 * (waiting for its delivery window to open or its group to gather) or bundled (goes out inside another delivery,
 * a digest or a group, and is delivered with it). {@code route}: step (its own step), digest, grouped (several
 * steps in one message) or escalated (the alert's raise, sent to the next tier of an escalation).
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
        Instant createdAt,
        String route) {}

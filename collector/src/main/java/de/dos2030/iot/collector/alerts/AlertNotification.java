package de.dos2030.iot.collector.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What subscribers receive for one lifecycle step (webhook body's {@code event}, MQTT payload,
 * SSE data, e-mail content). {@code kind}: raised, severity_changed, acknowledged, cleared.
 * {@code status} is the alert's status when this step was recorded; {@code eventId} is unique
 * and increasing, the SSE event id.
 */
@Serdeable
public record AlertNotification(
        long eventId,
        String kind,
        Instant time,
        String gatewayId,
        String alertId,
        String siteId,
        String siteKind,
        @Nullable String sensorId,
        @Nullable String quantity,
        @Nullable String unit,
        String ruleId,
        String source,
        String severity,
        String maxSeverity,
        String status,
        @Nullable Double value,
        @Nullable Double limit,
        String message,
        @Nullable String actor) {}

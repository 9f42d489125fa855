package de.dos2030.iot.collector.alerts.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A maintenance silence: while active, steps of alerts at its scope are recorded as silenced and not delivered,
 * and the liveness rules raise nothing there. {@code scope}: site ({@code siteId}), gateway ({@code gatewayId}) or
 * sensor ({@code gatewayId} and {@code sensorId}). Active from {@code createdAt} until {@code endsAt}, or until
 * ended early ({@code endedAt}); {@code active} is as of the answer.
 */
@Serdeable
public record Silence(
        String id,
        String scope,
        @Nullable String siteId,
        @Nullable String gatewayId,
        @Nullable String sensorId,
        String reason,
        String createdBy,
        Instant createdAt,
        Instant endsAt,
        @Nullable Instant endedAt,
        @Nullable String endedBy,
        boolean active) {

    /** What a silence covers. */
    public enum Scope {
        SITE,
        GATEWAY,
        SENSOR;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

package de.dos2030.iot.collector.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * An alert and where it stands. Enum values are lower case on the wire ({@code raised},
 * {@code critical}, {@code edge}). {@code events} is filled only when one alert is asked for.
 */
@Serdeable
public record Alert(
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
        @Nullable Instant raisedAt,
        @Nullable Instant clearedAt,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy,
        @Nullable String ackNote,
        Instant updatedAt,
        @Nullable List<Step> events) {

    /** Where the raw samples a gateway captured around this alert are (an empty list when none). */
    @com.fasterxml.jackson.annotation.JsonProperty("captures")
    public String captures() {
        return "/api/v1/alerts/" + gatewayId + "/" + alertId + "/captures";
    }

    /** One recorded lifecycle step. */
    @Serdeable
    public record Step(
            long eventId,
            String kind,
            String severity,
            @Nullable Double value,
            @Nullable Double limit,
            String message,
            Instant time,
            Instant recordedAt,
            @Nullable String actor) {}
}

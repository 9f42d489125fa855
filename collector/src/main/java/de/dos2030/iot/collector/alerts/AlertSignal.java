package de.dos2030.iot.collector.alerts;

import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * An alert raise, severity change or clear as it arrives: from a gateway's batch (source edge) or
 * from the collector's own liveness rules (source server). Same {@code alertId} for the raise,
 * any severity change and the clear.
 */
public record AlertSignal(
        Source source,
        String gatewayId,
        String siteId,
        String siteKind,
        String alertId,
        String ruleId,
        @Nullable String sensorId,
        @Nullable String quantity,
        Severity severity,
        AlertState state,
        @Nullable Double value,
        @Nullable Double limit,
        Instant time,
        String message) {

    /** Where an alert was decided. */
    public enum Source {
        EDGE,
        SERVER
    }

    public static AlertSignal fromEdge(String gatewayId, String siteId, String siteKind, AlertEvent e) {
        return new AlertSignal(
                Source.EDGE,
                gatewayId,
                siteId,
                siteKind,
                e.alertId(),
                e.ruleId(),
                e.sensorId(),
                e.quantity() == null ? null : e.quantity().wireName(),
                e.severity(),
                e.state(),
                e.value(),
                e.limit(),
                e.time(),
                e.message());
    }
}

package de.dos2030.iot.collector.fleet.reported;

import de.dos2030.iot.model.FleetChange;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * The latest remote change of one kind a gateway reported in its health.
 *
 * @param reportedAt when the gateway reached the outcome (its clock)
 * @param receivedAt when this collector first heard of this outcome (its clock): a rollout counts an outcome
 *                   only when it was received after the rollout asked
 */
public record ReportedChange(
        String gatewayId,
        FleetChange.Kind kind,
        String version,
        FleetChange.Outcome outcome,
        @Nullable String reason,
        @Nullable Instant reportedAt,
        Instant receivedAt) {

    /** Whether this is the same report as the gateway's change (health repeats the latest change). */
    boolean sameAs(FleetChange c) {
        return c.kind() == kind
                && c.version().equals(version)
                && c.outcome() == outcome
                && java.util.Objects.equals(c.at(), reportedAt);
    }
}

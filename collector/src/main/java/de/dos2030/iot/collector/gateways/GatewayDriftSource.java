package de.dos2030.iot.collector.gateways;

import java.util.Optional;

/**
 * What the fleet side adds to one gateway's admin view ({@code GET /admin/gateways/{id}}): desired against
 * reported configuration and agent. A port, so that the registry does not depend on the fleet package that
 * depends on it; implemented by {@code fleet.drift.Drift}.
 */
public interface GatewayDriftSource {
    /** A serialisable view of the gateway's drift, or empty when it is unknown. */
    Optional<Object> driftOf(String gatewayId);
}

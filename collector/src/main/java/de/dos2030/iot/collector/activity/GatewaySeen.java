package de.dos2030.iot.collector.activity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What the collector last heard from a gateway. {@code lastSeen} is the collector's clock when a
 * batch (or health) was stored; the health fields come from the latest batch that carried health.
 * {@code unsyncedSince}: since when the gateway reports its clock as not synchronised (null when synced).
 * {@code clockOffsetMs}: the gateway clock minus the collector's, as the gateway last measured it.
 */
@Serdeable
public record GatewaySeen(
        String gatewayId,
        Instant lastSeen,
        @Nullable String bootId,
        @Nullable Long sequence,
        @Nullable String clockSync,
        @Nullable Instant unsyncedSince,
        @Nullable Instant healthAt,
        @Nullable String agentVersion,
        @Nullable String configVersion,
        @Nullable Long outboxDepth,
        @Nullable Long oldestUnsentMs,
        @Nullable Long clockOffsetMs) {

    GatewaySeen newer(GatewaySeen other) {
        return other == null || !other.lastSeen.isAfter(lastSeen) ? this : other;
    }
}

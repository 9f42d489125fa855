package de.dos2030.iot.collector.alerts.liveness;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Whether the liveness rules keep quiet about a place now (a maintenance silence): a muted rule raises
 * nothing, and raises afresh once the mute is over if the problem is still there. Clears are never muted.
 */
public interface LivenessMute {
    boolean muted(String siteId, String gatewayId, @Nullable String sensorId, Instant now);
}

package de.dos2030.iot.collector.activity;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A sensor's latest stored reading of one quantity: {@code lastReading} is the edge's timestamp,
 * {@code lastSeen} the collector's clock when it was stored (what "silent" is measured against).
 */
@Serdeable
public record SensorSeen(String gatewayId, String sensorId, String quantity, Instant lastReading, Instant lastSeen) {

    String key() {
        return gatewayId + "\u0000" + sensorId + "\u0000" + quantity;
    }

    SensorSeen newer(SensorSeen other) {
        return other == null || !other.lastSeen.isAfter(lastSeen) ? this : other;
    }
}

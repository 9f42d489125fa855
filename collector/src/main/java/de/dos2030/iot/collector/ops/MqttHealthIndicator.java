package de.dos2030.iot.collector.ops;

import de.dos2030.iot.collector.ingest.mqtt.MqttIngestDoor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;

/** {@code /health} part "mqtt": UP while the MQTT door is connected to the broker and still receives. */
@Singleton
@Readiness
@Requires(beans = MqttIngestDoor.class)
public class MqttHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final MqttIngestDoor door;

    public MqttHealthIndicator(MqttIngestDoor door) {
        this.door = door;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean connected = door.isConnected();
        boolean receiving = door.isReceiving();
        healthStatus = connected && receiving ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("url", door.url(), "connected", connected, "receiving", receiving);
    }

    @Override
    protected String getName() {
        return "mqtt";
    }
}

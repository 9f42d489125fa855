package de.dos2030.iot.collector.ops;

import de.dos2030.iot.collector.storage.InfluxWriter;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;

/** {@code /health} part "influxdb": UP when InfluxDB answers its ping. Without it ingest answers "try later". */
@Singleton
@Readiness
public class InfluxHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final InfluxWriter writer;

    public InfluxHealthIndicator(InfluxWriter writer) {
        this.writer = writer;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean up = writer.ping();
        healthStatus = up ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("url", writer.url(), "reachable", up);
    }

    @Override
    protected String getName() {
        return "influxdb";
    }
}

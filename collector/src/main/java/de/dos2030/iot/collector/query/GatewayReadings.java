package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.activity.ActivityTracker;
import de.dos2030.iot.collector.activity.SensorSeen;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.storage.StorageLayout;
import de.dos2030.iot.model.Quantity;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.dto.QueryResult;

/**
 * One gateway's latest reading per sensor and quantity (with its quality, so a sensor fault shows)
 * and its recent health reports, for the gateway page. The latest readings are looked up only at the
 * time activity tracking says each sensor last reported, so the query never scans a bridge's 100 Hz
 * history. Thread-safe.
 */
@Singleton
public class GatewayReadings {
    private final InfluxReader influx;
    private final ActivityTracker activity;

    public GatewayReadings(InfluxReader influx, ActivityTracker activity) {
        this.influx = influx;
        this.activity = activity;
    }

    /** A sensor's latest value of one quantity; {@code quality} ok, suspect, out_of_range, sensor_fault, calibrating. */
    public record Latest(
            String sensor,
            String quantity,
            String unit,
            @Nullable Double value,
            @Nullable String quality,
            Instant time) {}

    /** One health report: the fields the page shows. */
    public record HealthReport(
            Instant time,
            @Nullable String agentVersion,
            @Nullable String configVersion,
            @Nullable Long outboxDepth,
            @Nullable Long oldestUnsentMs,
            @Nullable String clockSync,
            @Nullable Double cpuTemperature) {}

    /** The latest reading of every sensor and quantity this gateway reported, by sensor then quantity. */
    public List<Latest> latest(String gateway) {
        IdParameter.require("gateway", gateway);
        List<Latest> out = new ArrayList<>();
        for (SensorSeen s : activity.sensors().values()) {
            Quantity q = Quantity.fromWireName(s.quantity());
            if (!s.gatewayId().equals(gateway) || q == null) {
                continue;
            }
            String sql = "SELECT " + InfluxQl.identifier(q.field()) + ", " + InfluxQl.identifier("quality") + " FROM "
                    + influx.retentionPolicy() + "." + InfluxQl.identifier(q.measurement()) + " WHERE "
                    + InfluxQl.tagEquals("gateway", "gateway", gateway) + " AND "
                    + InfluxQl.tagEquals("sensor", "sensor", s.sensorId()) + " AND time = "
                    + s.lastReading().toEpochMilli() + "ms";
            Double value = null;
            String quality = null;
            for (QueryResult.Series series : influx.series(sql)) {
                List<String> columns = series.getColumns();
                for (List<Object> row : series.getValues()) {
                    Object v = row.get(columns.indexOf(q.field()));
                    if (v instanceof Number n) {
                        value = n.doubleValue();
                        quality = String.valueOf(row.get(columns.indexOf("quality")));
                    }
                }
            }
            out.add(new Latest(s.sensorId(), q.wireName(), q.unit(), value, quality, s.lastReading()));
        }
        out.sort(Comparator.comparing(Latest::sensor).thenComparing(Latest::quantity));
        return out;
    }

    /** The gateway's most recent health reports, newest first, at most {@code limit}. */
    public List<HealthReport> health(String gateway, int limit) {
        String sql = "SELECT * FROM " + influx.retentionPolicy() + "."
                + InfluxQl.identifier(StorageLayout.HEALTH_MEASUREMENT) + " WHERE "
                + InfluxQl.tagEquals("gateway", "gateway", gateway) + " ORDER BY time DESC LIMIT "
                + Math.max(1, Math.min(limit, 500));
        List<HealthReport> out = new ArrayList<>();
        for (QueryResult.Series series : influx.series(sql)) {
            List<String> columns = series.getColumns();
            for (List<Object> row : series.getValues()) {
                Map<String, Object> f = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    f.put(columns.get(i), row.get(i));
                }
                out.add(new HealthReport(
                        Instant.ofEpochMilli(((Number) f.get("time")).longValue()),
                        text(f.get("agent_version")),
                        text(f.get("config_version")),
                        whole(f.get("outbox_depth")),
                        whole(f.get("oldest_unsent_ms")),
                        text(f.get("clock_sync")),
                        f.get("cpu_temperature") instanceof Number n ? n.doubleValue() : null));
            }
        }
        return out;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static Long whole(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }
}

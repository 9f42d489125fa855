package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.activity.ActivityTracker;
import de.dos2030.iot.collector.activity.GatewaySeen;
import de.dos2030.iot.collector.activity.SensorSeen;
import de.dos2030.iot.collector.alerts.liveness.LivenessConfig;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.gateways.BootSequences;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.gateways.SequenceGaps;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.collector.storage.StorageLayout;
import de.dos2030.iot.model.Quantity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.influxdb.dto.QueryResult;

/**
 * What there is to query: the gateways (registry), each gateway's last contact and
 * health (activity tracking, plus InfluxDB's latest {@code gateway_health} point for one
 * gateway), sequence gaps, and the sensors with the quantities they report (InfluxDB's series
 * plus activity tracking). Thread-safe.
 */
@Singleton
public class InventoryService {
    private final GatewayRegistry registry;
    private final ActivityTracker activity;
    private final SequenceGaps sequences;
    private final InfluxReader influx;
    private final LivenessConfig liveness;
    private final Clock clock;

    public InventoryService(
            GatewayRegistry registry,
            ActivityTracker activity,
            SequenceGaps sequences,
            InfluxReader influx,
            LivenessConfig liveness,
            Clock clock) {
        this.registry = registry;
        this.activity = activity;
        this.sequences = sequences;
        this.influx = influx;
        this.liveness = liveness;
        this.clock = clock;
    }

    /** {@code state}: online, offline (nothing for {@code collector.liveness.offline-after}), never-seen, disabled. */
    @Serdeable
    public record GatewayStatus(
            String id,
            String siteId,
            String siteKind,
            boolean enabled,
            String state,
            @Nullable Instant lastSeen,
            @Nullable String bootId,
            @Nullable Long lastSequence,
            @Nullable String clockSync,
            @Nullable Health health,
            long missingSequences,
            List<BootSequences> sequences) {}

    /** The latest health a gateway reported; {@code detail} holds every field of InfluxDB's latest point (single gateway only). */
    @Serdeable
    public record Health(
            @Nullable Instant reportedAt,
            @Nullable String agentVersion,
            @Nullable String configVersion,
            @Nullable Long outboxDepth,
            @Nullable Long oldestUnsentMs,
            @Nullable Long clockOffsetMs,
            @Nullable Map<String, Object> detail) {}

    @Serdeable
    public record Sensor(
            String site,
            String gateway,
            String sensor,
            String quantity,
            String unit,
            @Nullable Instant lastReading,
            @Nullable Instant lastSeen) {}

    /** The gateways of sites inside this scope. */
    public List<GatewayStatus> gateways(@Nullable String site, Scope scope) {
        return gateways(site).stream()
                .filter(g -> scope.allows(g.siteId(), g.siteKind()))
                .toList();
    }

    /** One gateway if its site is inside this scope; empty otherwise, as if it did not exist. */
    public Optional<GatewayStatus> gateway(String id, Scope scope) {
        IdParameter.require("gateway", id);
        return registry.find(id)
                .filter(g -> scope.allows(g.siteId(), g.siteKind().wireName()))
                .flatMap(g -> gateway(id));
    }

    /** The sensors of sites inside this scope: the scope is a condition of the InfluxDB query and of the answer. */
    public List<Sensor> sensors(@Nullable String site, @Nullable String gateway, Scope scope) {
        if (scope.isAll()) {
            return sensors(site, gateway);
        }
        Map<String, String> kindOf = new HashMap<>();
        registry.list().forEach(g -> kindOf.put(g.id(), g.siteKind().wireName()));
        return sensors(site, gateway, InfluxQl.scope(scope)).stream()
                .filter(s -> scope.allows(s.site(), kindOf.get(s.gateway())))
                .toList();
    }

    public List<GatewayStatus> gateways(@Nullable String site) {
        if (site != null) {
            IdParameter.require("site", site);
        }
        Map<String, GatewaySeen> seen = activity.gateways();
        List<GatewayStatus> out = new ArrayList<>();
        for (Gateway g : registry.list()) {
            if (site == null || site.equals(g.siteId())) {
                out.add(status(g, seen.get(g.id()), null));
            }
        }
        return out;
    }

    public Optional<GatewayStatus> gateway(String id) {
        IdParameter.require("gateway", id);
        return registry.find(id).map(g -> status(g, activity.gateway(id).orElse(null), latestHealth(id)));
    }

    private GatewayStatus status(Gateway g, @Nullable GatewaySeen seen, @Nullable Map<String, Object> detail) {
        String state;
        if (!g.enabled()) {
            state = "disabled";
        } else if (seen == null) {
            state = "never-seen";
        } else {
            state = seen.lastSeen().plus(liveness.offlineAfter()).isBefore(clock.instant()) ? "offline" : "online";
        }
        List<BootSequences> boots = sequences.of(g.id());
        long missing = boots.stream().mapToLong(BootSequences::missingCount).sum();
        Health health = null;
        if (seen != null && seen.healthAt() != null || detail != null) {
            health = new Health(
                    seen == null ? null : seen.healthAt(),
                    seen == null ? null : seen.agentVersion(),
                    seen == null ? null : seen.configVersion(),
                    seen == null ? null : seen.outboxDepth(),
                    seen == null ? null : seen.oldestUnsentMs(),
                    seen == null ? null : seen.clockOffsetMs(),
                    detail);
        }
        return new GatewayStatus(
                g.id(),
                g.siteId(),
                g.siteKind().wireName(),
                g.enabled(),
                state,
                seen == null ? null : seen.lastSeen(),
                seen == null ? null : seen.bootId(),
                seen == null ? null : seen.sequence(),
                seen == null ? null : seen.clockSync(),
                health,
                missing,
                boots);
    }

    private Map<String, Object> latestHealth(String gateway) {
        List<QueryResult.Series> s = influx.series("SELECT * FROM " + influx.retentionPolicy() + "."
                + InfluxQl.identifier(StorageLayout.HEALTH_MEASUREMENT) + " WHERE "
                + InfluxQl.tagEquals("gateway", "gateway", gateway) + " ORDER BY time DESC LIMIT 1");
        if (s.isEmpty() || s.get(0).getValues().isEmpty()) {
            return null;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        List<String> columns = s.get(0).getColumns();
        List<Object> row = s.get(0).getValues().get(0);
        for (int i = 0; i < columns.size(); i++) {
            Object v = row.get(i);
            if (v != null) {
                detail.put(
                        columns.get(i),
                        columns.get(i).equals("time")
                                ? Instant.ofEpochMilli(((Number) v).longValue()).toString()
                                : v);
            }
        }
        return detail;
    }

    /** Sensors and the quantities they report, from InfluxDB's series and the activity of this and other instances. */
    public List<Sensor> sensors(@Nullable String site, @Nullable String gateway) {
        return sensors(site, gateway, "");
    }

    private List<Sensor> sensors(@Nullable String site, @Nullable String gateway, String scopeCondition) {
        StringBuilder where = new StringBuilder(scopeCondition);
        if (site != null) {
            where.append(where.length() == 0 ? "" : " AND ").append(InfluxQl.tagEquals("site", "site", site));
        }
        if (gateway != null) {
            where.append(where.length() == 0 ? "" : " AND ").append(InfluxQl.tagEquals("gateway", "gateway", gateway));
        }
        Map<String, List<Quantity>> byMeasurement = new HashMap<>();
        for (Quantity q : Quantity.values()) {
            byMeasurement
                    .computeIfAbsent(q.measurement(), m -> new ArrayList<>())
                    .add(q);
        }
        StringBuilder from = new StringBuilder();
        for (String m : new TreeSet<>(byMeasurement.keySet())) {
            from.append(from.length() == 0 ? "" : ", ").append(InfluxQl.identifier(m));
        }
        Map<String, Sensor> found = new TreeMap<>();
        Map<String, String> siteOf = new HashMap<>();
        registry.list().forEach(g -> siteOf.put(g.id(), g.siteId()));
        for (QueryResult.Series s :
                influx.series("SHOW SERIES FROM " + from + (where.length() == 0 ? "" : " WHERE " + where))) {
            for (List<Object> row : s.getValues()) {
                Map<String, String> tags = seriesTags(String.valueOf(row.get(0)));
                List<Quantity> quantities = byMeasurement.getOrDefault(tags.get(""), List.of());
                for (Quantity q : quantities) {
                    String key = tags.get("site") + "/" + tags.get("gateway") + "/" + tags.get("sensor") + "/"
                            + q.wireName();
                    found.putIfAbsent(
                            key,
                            new Sensor(
                                    tags.getOrDefault("site", ""),
                                    tags.getOrDefault("gateway", ""),
                                    tags.getOrDefault("sensor", ""),
                                    q.wireName(),
                                    q.unit(),
                                    null,
                                    null));
                }
            }
        }
        for (SensorSeen a : activity.sensors().values()) {
            String s = siteOf.getOrDefault(a.gatewayId(), "");
            if ((site != null && !site.equals(s)) || (gateway != null && !gateway.equals(a.gatewayId()))) {
                continue;
            }
            Quantity q = Quantity.fromWireName(a.quantity());
            String key = s + "/" + a.gatewayId() + "/" + a.sensorId() + "/" + a.quantity();
            found.put(
                    key,
                    new Sensor(
                            s,
                            a.gatewayId(),
                            a.sensorId(),
                            a.quantity(),
                            q == null ? "" : q.unit(),
                            a.lastReading(),
                            a.lastSeen()));
        }
        List<Sensor> out = new ArrayList<>(found.values());
        out.sort(Comparator.comparing(Sensor::site)
                .thenComparing(Sensor::gateway)
                .thenComparing(Sensor::sensor)
                .thenComparing(Sensor::quantity));
        return out;
    }

    /** {@code co2,gateway=gw-1,quality=ok,...} to its tags; the measurement under the key "". Ids hold no escapes. */
    static Map<String, String> seriesTags(String key) {
        Map<String, String> tags = new HashMap<>();
        String[] parts = key.split(",");
        tags.put("", parts[0]);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                tags.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        return tags;
    }
}

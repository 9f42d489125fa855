package de.dos2030.iot.collector.activity;

import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.WireNames;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each gateway and each sensor (per quantity) was last heard of, with the gateway's latest
 * health. Updated in memory on every stored batch (cheap: one pass over the readings); flushed to
 * {@code gateway_activity} / {@code sensor_activity} every {@code flushInterval}, so that other
 * instances and a restarted collector know them too. Reads merge memory and store, newest wins.
 * Thread-safe.
 */
@Singleton
public class ActivityTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityTracker.class);

    private final RelationalStore store;
    private final Clock clock;
    private final Map<String, GatewaySeen> gateways = new ConcurrentHashMap<>();
    private final Map<String, SensorSeen> sensors = new ConcurrentHashMap<>();
    private final Map<String, GatewaySeen> dirtyGateways = new ConcurrentHashMap<>();
    private final Map<String, SensorSeen> dirtySensors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    public ActivityTracker(RelationalStore store, Clock clock, ActivityConfig config) {
        this.store = store;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "activity-flush");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, config.flushInterval().toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener
    void onBatch(IngestService.BatchStored stored) {
        Batch b = stored.batch();
        // In microseconds, as the registry keeps it: the same instant before and after a restart or a restore.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        GatewaySeen before = gateways.get(b.gatewayId());
        GatewayHealth h = b.health();
        ClockSync sync = h != null && h.clockSync() != null ? h.clockSync() : b.clockSync();
        Instant unsyncedSince = sync == null || sync == ClockSync.SYNCED
                ? null
                : before != null && before.unsyncedSince() != null ? before.unsyncedSince() : now;
        GatewaySeen seen = new GatewaySeen(
                b.gatewayId(),
                now,
                b.bootId(),
                b.sequence(),
                sync == null ? null : WireNames.of(sync),
                unsyncedSince,
                h != null ? now : before == null ? null : before.healthAt(),
                h != null ? h.agentVersion() : before == null ? null : before.agentVersion(),
                h != null ? h.configVersion() : before == null ? null : before.configVersion(),
                h != null ? Long.valueOf(h.outboxDepth()) : before == null ? null : before.outboxDepth(),
                h != null
                        ? Long.valueOf(
                                h.oldestUnsentAge() == null
                                        ? 0
                                        : h.oldestUnsentAge().toMillis())
                        : before == null ? null : before.oldestUnsentMs(),
                h != null
                        ? h.clockOffset() == null
                                ? null
                                : Long.valueOf(h.clockOffset().toMillis())
                        : before == null ? null : before.clockOffsetMs());
        gateways.put(b.gatewayId(), seen);
        dirtyGateways.put(b.gatewayId(), seen);
        Map<String, SensorSeen> latest = new HashMap<>();
        List<Reading> readings = stored.storedReadings();
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            if (i + 1 < readings.size() && readings.get(i + 1).sameSeries(r)) {
                continue; // a batch keeps each series' readings together, times ascending: its last one is the latest
            }
            SensorSeen s =
                    new SensorSeen(b.gatewayId(), r.sensorId(), r.quantity().wireName(), r.time(), now);
            latest.merge(s.key(), s, (x, y) -> y.lastReading().isAfter(x.lastReading()) ? y : x);
        }
        for (SensorSeen s : latest.values()) {
            sensors.merge(
                    s.key(),
                    s,
                    (old, neu) -> neu.lastReading().isBefore(old.lastReading())
                            ? new SensorSeen(
                                    old.gatewayId(), old.sensorId(), old.quantity(), old.lastReading(), neu.lastSeen())
                            : neu);
            dirtySensors.put(s.key(), sensors.get(s.key()));
        }
    }

    /** Every gateway heard of (by any instance that flushed), newest knowledge per gateway. */
    public Map<String, GatewaySeen> gateways() {
        Map<String, GatewaySeen> out = new HashMap<>(loadGateways());
        gateways.forEach((id, g) -> out.merge(id, g, GatewaySeen::newer));
        return out;
    }

    public Optional<GatewaySeen> gateway(String id) {
        return Optional.ofNullable(gateways().get(id));
    }

    /** Every sensor and quantity heard of, newest knowledge per key. */
    public Map<String, SensorSeen> sensors() {
        Map<String, SensorSeen> out = new HashMap<>(loadSensors());
        sensors.forEach((k, s) -> out.merge(k, s, SensorSeen::newer));
        return out;
    }

    /** Writes what changed since the last flush. */
    public void flush() {
        if (dirtyGateways.isEmpty() && dirtySensors.isEmpty()) {
            return;
        }
        Map<String, GatewaySeen> gws = new HashMap<>(dirtyGateways);
        Map<String, SensorSeen> ss = new HashMap<>(dirtySensors);
        gws.forEach(dirtyGateways::remove);
        ss.forEach(dirtySensors::remove);
        store.inTransaction(c -> {
            for (GatewaySeen g : gws.values()) {
                upsertGateway(c, g);
            }
            for (SensorSeen s : ss.values()) {
                upsertSensor(c, s);
            }
            return null;
        });
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Activity not flushed to the relational store (will retry): {}", e.toString());
        }
    }

    private static void upsertGateway(Connection c, GatewaySeen g) throws SQLException {
        Object[] values = {
            g.lastSeen(),
            g.bootId(),
            g.sequence(),
            g.clockSync(),
            g.unsyncedSince(),
            g.healthAt(),
            g.agentVersion(),
            g.configVersion(),
            g.outboxDepth(),
            g.oldestUnsentMs(),
            g.clockOffsetMs(),
            g.gatewayId()
        };
        int n = RelationalStore.update(
                c,
                "UPDATE gateway_activity SET last_seen = ?, boot_id = ?, last_sequence = ?, clock_sync = ?,"
                        + " unsynced_since = ?, health_at = ?, agent_version = ?, config_version = ?, outbox_depth = ?, oldest_unsent_ms = ?,"
                        + " clock_offset_ms = ?"
                        + " WHERE gateway_id = ? AND last_seen <= ?",
                append(values, g.lastSeen()));
        if (n == 0) {
            try (PreparedStatement ps = RelationalStore.bind(
                            c.prepareStatement("SELECT 1 FROM gateway_activity WHERE gateway_id = ?"), g.gatewayId());
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return; // another instance knows something newer
                }
            }
            RelationalStore.update(
                    c,
                    "INSERT INTO gateway_activity (last_seen, boot_id, last_sequence, clock_sync, unsynced_since,"
                            + " health_at, agent_version, config_version, outbox_depth, oldest_unsent_ms,"
                            + " clock_offset_ms, gateway_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values);
        }
    }

    private static void upsertSensor(Connection c, SensorSeen s) throws SQLException {
        int n = RelationalStore.update(
                c,
                "UPDATE sensor_activity SET last_reading = ?, last_seen = ?"
                        + " WHERE gateway_id = ? AND sensor_id = ? AND quantity = ? AND last_seen <= ?",
                s.lastReading(),
                s.lastSeen(),
                s.gatewayId(),
                s.sensorId(),
                s.quantity(),
                s.lastSeen());
        if (n == 0) {
            try (PreparedStatement ps = RelationalStore.bind(
                            c.prepareStatement(
                                    "SELECT 1 FROM sensor_activity WHERE gateway_id = ? AND sensor_id = ? AND quantity = ?"),
                            s.gatewayId(),
                            s.sensorId(),
                            s.quantity());
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            RelationalStore.update(
                    c,
                    "INSERT INTO sensor_activity (gateway_id, sensor_id, quantity, last_reading, last_seen)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    s.gatewayId(),
                    s.sensorId(),
                    s.quantity(),
                    s.lastReading(),
                    s.lastSeen());
        }
    }

    private Map<String, GatewaySeen> loadGateways() {
        return store.run(c -> {
            Map<String, GatewaySeen> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM gateway_activity");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getString("gateway_id"),
                            new GatewaySeen(
                                    rs.getString("gateway_id"),
                                    RelationalStore.instant(rs, "last_seen"),
                                    rs.getString("boot_id"),
                                    RelationalStore.nullableLong(rs, "last_sequence"),
                                    rs.getString("clock_sync"),
                                    RelationalStore.instant(rs, "unsynced_since"),
                                    RelationalStore.instant(rs, "health_at"),
                                    rs.getString("agent_version"),
                                    rs.getString("config_version"),
                                    RelationalStore.nullableLong(rs, "outbox_depth"),
                                    RelationalStore.nullableLong(rs, "oldest_unsent_ms"),
                                    RelationalStore.nullableLong(rs, "clock_offset_ms")));
                }
            }
            return out;
        });
    }

    private Map<String, SensorSeen> loadSensors() {
        return store.run(c -> {
            Map<String, SensorSeen> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sensor_activity");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SensorSeen s = new SensorSeen(
                            rs.getString("gateway_id"),
                            rs.getString("sensor_id"),
                            rs.getString("quantity"),
                            RelationalStore.instant(rs, "last_reading"),
                            RelationalStore.instant(rs, "last_seen"));
                    out.put(s.key(), s);
                }
            }
            return out;
        });
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = last;
        return out;
    }

    @EventListener
    void onShutdown(ShutdownEvent e) {
        flushQuietly();
    }

    @PreDestroy
    @Override
    public void close() {
        flusher.shutdownNow();
    }
}

package de.dos2030.iot.collector.alerts.routing;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.instant;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.liveness.LivenessMute;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code silence} and {@code silenced_event} tables. A silence expires by itself: every question is asked
 * "at {@code now}", nothing has to run at its end. Thread-safe.
 */
@Singleton
public class SilenceStore implements LivenessMute {
    private static final String ACTIVE = " created_at <= ? AND ends_at > ? AND ended_at IS NULL";
    private static final String COVERS =
            " AND ((scope = 'site' AND site_id = ?) OR (scope = 'gateway' AND gateway_id = ?)"
                    + " OR (scope = 'sensor' AND gateway_id = ? AND sensor_id = ?))";

    private final RelationalStore store;

    public SilenceStore(RelationalStore store) {
        this.store = store;
    }

    public void insert(Silence s) {
        store.run(c -> RelationalStore.update(
                c,
                "INSERT INTO silence (id, scope, site_id, gateway_id, sensor_id, reason, created_by, created_at, ends_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(),
                s.scope(),
                s.siteId(),
                s.gatewayId(),
                s.sensorId(),
                s.reason(),
                s.createdBy(),
                s.createdAt(),
                s.endsAt()));
    }

    /** Newest first; only those active at {@code now} when {@code activeOnly}. */
    public List<Silence> list(boolean activeOnly, Instant now, int limit) {
        return store.run(c -> {
            String sql =
                    "SELECT * FROM silence" + (activeOnly ? " WHERE" + ACTIVE : "") + " ORDER BY created_at DESC, id";
            try (PreparedStatement ps =
                    activeOnly ? bind(c.prepareStatement(sql), now, now) : c.prepareStatement(sql)) {
                ps.setMaxRows(limit);
                return read(ps, now);
            }
        });
    }

    public Optional<Silence> find(String id, Instant now) {
        return store.run(c -> {
            try (PreparedStatement ps = bind(c.prepareStatement("SELECT * FROM silence WHERE id = ?"), id)) {
                return read(ps, now).stream().findFirst();
            }
        });
    }

    /** Ends an active silence now; false when it is not active (ended or expired already). */
    public boolean end(String id, String by, Instant now) {
        return store.run(c -> RelationalStore.update(
                        c,
                        "UPDATE silence SET ended_at = ?, ended_by = ? WHERE id = ? AND" + ACTIVE,
                        now,
                        by,
                        id,
                        now,
                        now))
                == 1;
    }

    @Override
    public boolean muted(String siteId, String gatewayId, @Nullable String sensorId, Instant now) {
        return store.run(c -> covering(c, siteId, gatewayId, sensorId, now)).isPresent();
    }

    /**
     * Records the step as silenced when it must be: a raise inside an active silence; any later step of an alert
     * whose raise was silenced (its subscribers never heard of it, so they hear nothing of its end either).
     */
    boolean silence(Connection c, AlertNotification step, Instant now) throws SQLException {
        Optional<String> silence = step.kind().equals("raised")
                ? covering(c, step.siteId(), step.gatewayId(), step.sensorId(), now)
                : silenceOfRaise(c, step);
        if (silence.isEmpty()) {
            return false;
        }
        RelationalStore.update(
                c, "INSERT INTO silenced_event (event_id, silence_id) VALUES (?, ?)", step.eventId(), silence.get());
        return true;
    }

    private static Optional<String> covering(
            Connection c, String site, String gateway, @Nullable String sensor, Instant now) throws SQLException {
        try (PreparedStatement ps = bind(
                c.prepareStatement("SELECT id FROM silence WHERE" + ACTIVE + COVERS + " ORDER BY id"),
                now,
                now,
                site,
                gateway,
                gateway,
                sensor == null ? "" : sensor)) {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Optional<String> silenceOfRaise(Connection c, AlertNotification step) throws SQLException {
        try (PreparedStatement ps = bind(
                c.prepareStatement("SELECT se.silence_id FROM silenced_event se WHERE se.event_id = ("
                        + "SELECT MAX(e.id) FROM alert_event e JOIN alert a ON a.alert_key = e.alert_key"
                        + " WHERE a.gateway_id = ? AND a.alert_id = ? AND e.kind = 'raised' AND e.id < ?)"),
                step.gatewayId(),
                step.alertId(),
                step.eventId())) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** A silenced step (its event id) and the silence that held it back. */
    public record Silenced(long eventId, String silenceId) {}

    /** Silenced steps, newest first; of one silence, or of all when {@code silenceId} is null. */
    public List<Silenced> silenced(@Nullable String silenceId, int limit) {
        return store.run(c -> {
            String sql = "SELECT event_id, silence_id FROM silenced_event"
                    + (silenceId == null ? "" : " WHERE silence_id = ?") + " ORDER BY event_id DESC";
            try (PreparedStatement ps =
                    silenceId == null ? c.prepareStatement(sql) : bind(c.prepareStatement(sql), silenceId)) {
                ps.setMaxRows(limit);
                List<Silenced> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Silenced(rs.getLong(1), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    private static List<Silence> read(PreparedStatement ps, Instant now) throws SQLException {
        List<Silence> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant created = instant(rs, "created_at");
                Instant ends = instant(rs, "ends_at");
                Instant ended = instant(rs, "ended_at");
                out.add(new Silence(
                        rs.getString("id"),
                        rs.getString("scope"),
                        rs.getString("site_id"),
                        rs.getString("gateway_id"),
                        rs.getString("sensor_id"),
                        rs.getString("reason"),
                        rs.getString("created_by"),
                        created,
                        ends,
                        ended,
                        rs.getString("ended_by"),
                        ended == null && !created.isAfter(now) && ends.isAfter(now)));
            }
        }
        return out;
    }
}

package de.dos2030.iot.collector.alerts;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.instant;
import static de.dos2030.iot.collector.statedb.RelationalStore.nullableDouble;

import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.Quantity;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** SQL of the {@code alert} and {@code alert_event} tables. Stateless; callers hold the connection. */
@Singleton
public class AlertStore {
    static final String NOTIFICATION_SELECT = "SELECT e.id AS e_id, e.kind AS e_kind, e.severity AS e_severity,"
            + " e.alert_value AS e_value, e.limit_value AS e_limit, e.message AS e_message, e.event_time AS e_time,"
            + " e.actor AS e_actor, e.status_after AS e_status, a.* FROM alert_event e JOIN alert a ON a.alert_key = e.alert_key";

    private final RelationalStore store;

    public AlertStore(RelationalStore store) {
        this.store = store;
    }

    static String key(String gatewayId, String alertId) {
        return gatewayId + "~" + alertId; // '~' is not allowed in ids, so the key is unambiguous
    }

    /** The alert row, locked for update when {@code forUpdate}. */
    Optional<Alert> find(Connection c, String key, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = bind(
                        c.prepareStatement(
                                "SELECT * FROM alert WHERE alert_key = ?" + (forUpdate ? " FOR UPDATE" : "")),
                        key);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(alert(rs, null)) : Optional.empty();
        }
    }

    void insert(Connection c, AlertSignal s, AlertStatus status, Instant now) throws SQLException {
        boolean cleared = status == AlertStatus.CLEARED;
        RelationalStore.update(
                c,
                "INSERT INTO alert (alert_key, alert_id, gateway_id, site_id, site_kind, sensor_id, quantity, rule_id,"
                        + " source, severity, max_severity, status, alert_value, limit_value, message, raised_at, cleared_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key(s.gatewayId(), s.alertId()),
                s.alertId(),
                s.gatewayId(),
                s.siteId(),
                s.siteKind(),
                s.sensorId(),
                s.quantity(),
                s.ruleId(),
                lower(s.source()),
                lower(s.severity()),
                lower(s.severity()),
                lower(status),
                s.value(),
                s.limit(),
                truncate(s.message(), 1000),
                cleared ? null : s.time(),
                cleared ? s.time() : null,
                now);
    }

    /** Inserts one lifecycle step; empty when exactly this step is recorded already (a re-sent event). */
    Optional<Long> insertEvent(
            Connection c,
            String key,
            EventKind kind,
            String severity,
            @Nullable Double value,
            @Nullable Double limit,
            String message,
            Instant time,
            Instant now,
            @Nullable String actor,
            AlertStatus statusAfter)
            throws SQLException {
        try (PreparedStatement probe = bind(
                        c.prepareStatement("SELECT id FROM alert_event WHERE alert_key = ? AND kind = ?"
                                + " AND severity = ? AND event_time = ?"),
                        key,
                        lower(kind),
                        severity,
                        time);
                ResultSet rs = probe.executeQuery()) {
            if (rs.next()) {
                return Optional.empty();
            }
        }
        return Optional.of(RelationalStore.insertReturningId(
                c,
                "INSERT INTO alert_event (alert_key, kind, severity, alert_value,"
                        + " limit_value, message, event_time, recorded_at, actor, status_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key,
                lower(kind),
                severity,
                value,
                limit,
                truncate(message, 1000),
                time,
                now,
                actor,
                lower(statusAfter)));
    }

    void update(Connection c, String key, String set, Object... params) throws SQLException {
        Object[] all = java.util.Arrays.copyOf(params, params.length + 1);
        all[params.length] = key;
        RelationalStore.update(c, "UPDATE alert SET " + set + " WHERE alert_key = ?", all);
    }

    /** One notification per event id. */
    Optional<AlertNotification> notification(Connection c, long eventId) throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement(NOTIFICATION_SELECT + " WHERE e.id = ?"), eventId);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(notification(rs)) : Optional.empty();
        }
    }

    /** One notification per event id, on its own connection. */
    public Optional<AlertNotification> notification(long eventId) {
        return store.run(c -> notification(c, eventId));
    }

    /** Events after {@code afterId}, oldest first, at most {@code limit}. */
    public List<AlertNotification> notificationsAfter(long afterId, int limit) {
        return store.run(c -> {
            List<AlertNotification> out = new ArrayList<>();
            try (PreparedStatement ps =
                    bind(c.prepareStatement(NOTIFICATION_SELECT + " WHERE e.id > ? ORDER BY e.id"), afterId)) {
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(notification(rs));
                    }
                }
            }
            return out;
        });
    }

    public long lastEventId() {
        return store.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM alert_event");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Alerts by status ({@code active} = raised or acknowledged; null = all), filter and update time,
     * most recently updated first.
     */
    public List<Alert> list(
            @Nullable String status,
            AlertFilter filter,
            @Nullable String ruleId,
            @Nullable Instant from,
            @Nullable Instant to,
            int limit) {
        return list(Scope.ALL, status, filter, ruleId, from, to, limit);
    }

    /** As {@link #list(String, AlertFilter, String, Instant, Instant, int)}, only alerts of sites inside the scope. */
    public List<Alert> list(
            Scope scope,
            @Nullable String status,
            AlertFilter filter,
            @Nullable String ruleId,
            @Nullable Instant from,
            @Nullable Instant to,
            int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql =
                new StringBuilder("SELECT * FROM alert WHERE 1 = 1").append(scope.sql("site_id", "site_kind", params));
        if ("active".equals(status)) {
            sql.append(" AND status IN ('raised', 'acknowledged')");
        } else if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (filter.siteId() != null) {
            sql.append(" AND site_id = ?");
            params.add(filter.siteId());
        }
        if (filter.siteKind() != null) {
            sql.append(" AND site_kind = ?");
            params.add(filter.siteKind());
        }
        if (filter.gatewayId() != null) {
            sql.append(" AND gateway_id = ?");
            params.add(filter.gatewayId());
        }
        if (filter.sensorId() != null) {
            sql.append(" AND sensor_id = ?");
            params.add(filter.sensorId());
        }
        if (filter.quantity() != null) {
            sql.append(" AND quantity = ?");
            params.add(filter.quantity());
        }
        if (ruleId != null) {
            sql.append(" AND rule_id = ?");
            params.add(ruleId);
        }
        if (from != null) {
            sql.append(" AND updated_at >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND updated_at < ?");
            params.add(to);
        }
        sql.append(" ORDER BY updated_at DESC, alert_key");
        return store.run(c -> {
            List<Alert> out = new ArrayList<>();
            try (PreparedStatement ps = bind(c.prepareStatement(sql.toString()), params.toArray())) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && out.size() < limit) {
                        Alert a = alert(rs, null);
                        if (filter.matches(a)) { // minimum severity
                            out.add(a);
                        }
                    }
                }
            }
            return out;
        });
    }

    /** One alert with its lifecycle steps. */
    public Optional<Alert> get(String gatewayId, String alertId) {
        String key = key(gatewayId, alertId);
        return store.run(c -> {
            Optional<Alert> a = find(c, key, false);
            if (a.isEmpty()) {
                return a;
            }
            List<Alert.Step> steps = new ArrayList<>();
            try (PreparedStatement ps =
                            bind(c.prepareStatement("SELECT * FROM alert_event WHERE alert_key = ? ORDER BY id"), key);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(new Alert.Step(
                            rs.getLong("id"),
                            rs.getString("kind"),
                            rs.getString("severity"),
                            nullableDouble(rs, "alert_value"),
                            nullableDouble(rs, "limit_value"),
                            rs.getString("message"),
                            instant(rs, "event_time"),
                            instant(rs, "recorded_at"),
                            rs.getString("actor")));
                }
            }
            Alert x = a.get();
            return Optional.of(new Alert(
                    x.gatewayId(),
                    x.alertId(),
                    x.siteId(),
                    x.siteKind(),
                    x.sensorId(),
                    x.quantity(),
                    x.unit(),
                    x.ruleId(),
                    x.source(),
                    x.severity(),
                    x.maxSeverity(),
                    x.status(),
                    x.value(),
                    x.limit(),
                    x.message(),
                    x.raisedAt(),
                    x.clearedAt(),
                    x.acknowledgedAt(),
                    x.acknowledgedBy(),
                    x.ackNote(),
                    x.updatedAt(),
                    steps));
        });
    }

    /** How many active (raised or acknowledged) alerts each gateway has; gateways without any are absent. */
    public java.util.Map<String, Long> activeCountsByGateway() {
        return store.run(c -> {
            java.util.Map<String, Long> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT gateway_id, COUNT(*) AS n FROM alert"
                            + " WHERE status IN ('raised', 'acknowledged') GROUP BY gateway_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString("gateway_id"), rs.getLong("n"));
                }
            }
            return out;
        });
    }

    /** Open alerts raised by the collector's own rules: {@code alert_key -> alert}. */
    public List<Alert> openServerAlerts() {
        return store.run(c -> {
            List<Alert> out = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT * FROM alert WHERE source = 'server' AND status <> 'cleared'");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(alert(rs, null));
                }
            }
            return out;
        });
    }

    static Alert alert(ResultSet rs, @Nullable List<Alert.Step> steps) throws SQLException {
        String quantity = rs.getString("quantity");
        Quantity q = quantity == null ? null : Quantity.fromWireName(quantity);
        return new Alert(
                rs.getString("gateway_id"),
                rs.getString("alert_id"),
                rs.getString("site_id"),
                rs.getString("site_kind"),
                rs.getString("sensor_id"),
                quantity,
                q == null ? null : q.unit(),
                rs.getString("rule_id"),
                rs.getString("source"),
                rs.getString("severity"),
                rs.getString("max_severity"),
                rs.getString("status"),
                nullableDouble(rs, "alert_value"),
                nullableDouble(rs, "limit_value"),
                rs.getString("message"),
                instant(rs, "raised_at"),
                instant(rs, "cleared_at"),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                rs.getString("ack_note"),
                instant(rs, "updated_at"),
                steps);
    }

    static AlertNotification notification(ResultSet rs) throws SQLException {
        String quantity = rs.getString("quantity");
        Quantity q = quantity == null ? null : Quantity.fromWireName(quantity);
        return new AlertNotification(
                rs.getLong("e_id"),
                rs.getString("e_kind"),
                instant(rs, "e_time"),
                rs.getString("gateway_id"),
                rs.getString("alert_id"),
                rs.getString("site_id"),
                rs.getString("site_kind"),
                rs.getString("sensor_id"),
                quantity,
                q == null ? null : q.unit(),
                rs.getString("rule_id"),
                rs.getString("source"),
                rs.getString("e_severity"),
                rs.getString("max_severity"),
                rs.getString("e_status"),
                nullableDouble(rs, "e_value"),
                nullableDouble(rs, "e_limit"),
                rs.getString("e_message"),
                rs.getString("e_actor"));
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}

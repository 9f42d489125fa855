package de.dos2030.iot.collector.alerts.routing;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.instant;

import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code escalation} and {@code escalation_tier} tables. Thread-safe. */
@Singleton
public class EscalationStore {
    private final RelationalStore store;

    public EscalationStore(RelationalStore store) {
        this.store = store;
    }

    public void insert(Escalation e) {
        store.inTransaction(c -> {
            AlertFilter f = e.filter();
            RelationalStore.update(
                    c,
                    "INSERT INTO escalation (id, owner, name, site_id, site_kind, gateway_id, sensor_id, quantity,"
                            + " min_severity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.id(),
                    e.owner(),
                    e.name(),
                    f.siteId(),
                    f.siteKind(),
                    f.gatewayId(),
                    f.sensorId(),
                    f.quantity(),
                    f.minSeverity() == null ? "info" : f.minSeverity(),
                    e.createdAt());
            for (int i = 0; i < e.tiers().size(); i++) {
                Escalation.Tier t = e.tiers().get(i);
                RelationalStore.update(
                        c,
                        "INSERT INTO escalation_tier (escalation_id, position, after_seconds, subscription_id)"
                                + " VALUES (?, ?, ?, ?)",
                        e.id(),
                        i + 1,
                        t.delay().toSeconds(),
                        t.subscriptionId());
            }
            return null;
        });
    }

    public void delete(String id) {
        store.run(c -> RelationalStore.update(c, "DELETE FROM escalation WHERE id = ?", id));
    }

    /** Every escalation of {@code owner} (null: everyone's), oldest first, tiers in order. */
    public List<Escalation> list(@Nullable String owner) {
        return store.run(c -> {
            Map<String, Escalation> out = new LinkedHashMap<>();
            String sql =
                    "SELECT * FROM escalation" + (owner == null ? "" : " WHERE owner = ?") + " ORDER BY created_at, id";
            try (PreparedStatement ps = owner == null ? c.prepareStatement(sql) : bind(c.prepareStatement(sql), owner);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AlertFilter f = AlertFilter.of(
                            rs.getString("site_id"),
                            rs.getString("site_kind"),
                            rs.getString("gateway_id"),
                            rs.getString("sensor_id"),
                            rs.getString("quantity"),
                            rs.getString("min_severity"));
                    out.put(
                            rs.getString("id"),
                            new Escalation(
                                    rs.getString("id"),
                                    rs.getString("owner"),
                                    rs.getString("name"),
                                    f,
                                    new ArrayList<>(),
                                    instant(rs, "created_at")));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT escalation_id, after_seconds, subscription_id FROM escalation_tier ORDER BY escalation_id, position");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Escalation e = out.get(rs.getString(1));
                    if (e != null) {
                        e.tiers()
                                .add(new Escalation.Tier(
                                        Duration.ofSeconds(rs.getLong(2)).toString(), rs.getString(3)));
                    }
                }
            }
            return out.values().stream()
                    .map(e -> new Escalation(
                            e.id(), e.owner(), e.name(), e.filter(), List.copyOf(e.tiers()), e.createdAt()))
                    .toList();
        });
    }
}

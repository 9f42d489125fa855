package de.dos2030.iot.collector.alerts.delivery;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.instant;

import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code delivery} table: which deliveries are due, claiming one (a lease, so that two
 * instances never send the same delivery at the same time), and recording each attempt.
 */
@Singleton
public class DeliveryStore {
    private final RelationalStore store;

    public DeliveryStore(RelationalStore store) {
        this.store = store;
    }

    /** A due delivery: the oldest pending one of its subscription (steps of one subscription go in order). */
    public record Due(long id, String subscriptionId, long eventId, int attempts, String route) {}

    public List<Due> due(Instant now, int max) {
        return store.run(c -> {
            List<Due> out = new ArrayList<>();
            try (PreparedStatement ps = bind(
                    c.prepareStatement("SELECT d.id, d.subscription_id, d.event_id, d.attempts, d.route FROM delivery d"
                            + " JOIN subscription s ON s.id = d.subscription_id AND s.enabled = TRUE"
                            + " WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)"
                            + " AND NOT EXISTS (SELECT 1 FROM delivery p WHERE p.subscription_id = d.subscription_id AND p.status = 'pending'"
                            + " AND p.id < d.id) ORDER BY d.id"),
                    now,
                    now)) {
                ps.setMaxRows(max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Due(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    /** Takes a delivery for {@code until}; false when another instance holds it or it is no longer pending. */
    public boolean claim(long id, Instant now, Instant until) {
        return store.run(c -> RelationalStore.update(
                        c,
                        "UPDATE delivery SET lease_until = ? WHERE id = ? AND status = 'pending'"
                                + " AND (lease_until IS NULL OR lease_until < ?)",
                        until,
                        id,
                        now))
                == 1;
    }

    /** Marks the delivery delivered, and with it the steps bundled into it (a digest or a group). */
    public void delivered(long id, Instant now) {
        store.inTransaction(c -> {
            RelationalStore.update(
                    c,
                    "UPDATE delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = ?,"
                            + " last_attempt_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?",
                    now,
                    now,
                    id);
            return RelationalStore.update(
                    c,
                    "UPDATE delivery SET status = 'delivered', delivered_at = ? WHERE bundle_id = ? AND status = 'bundled'",
                    now,
                    id);
        });
    }

    /** A failed attempt: pending again at {@code next}, or dead when {@code next} is null. */
    public void failed(long id, Instant now, @Nullable Instant next, String error) {
        String err = error.length() > 1000 ? error.substring(0, 1000) : error;
        if (next == null) {
            store.run(c -> RelationalStore.update(
                    c,
                    "UPDATE delivery SET status = 'dead', attempts = attempts + 1, last_attempt_at = ?,"
                            + " lease_until = NULL, last_error = ? WHERE id = ?",
                    now,
                    err,
                    id));
        } else {
            store.run(c -> RelationalStore.update(
                    c,
                    "UPDATE delivery SET attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = ?,"
                            + " lease_until = NULL, last_error = ? WHERE id = ?",
                    now,
                    next,
                    err,
                    id));
        }
    }

    /** Puts a dead delivery back in the queue with fresh attempts; false when it is not dead. */
    public boolean retry(String subscriptionId, long id, Instant now) {
        return store.run(c -> RelationalStore.update(
                        c,
                        "UPDATE delivery SET status = 'pending', attempts = 0, next_attempt_at = ?,"
                                + " lease_until = NULL WHERE id = ? AND subscription_id = ? AND status = 'dead'",
                        now,
                        id,
                        subscriptionId))
                == 1;
    }

    public List<Delivery> list(String subscriptionId, @Nullable String status, int limit) {
        return store.run(c -> {
            List<Delivery> out = new ArrayList<>();
            String sql =
                    "SELECT d.*, e.kind, a.alert_id, a.gateway_id FROM delivery d JOIN alert_event e ON e.id = d.event_id"
                            + " JOIN alert a ON a.alert_key = e.alert_key WHERE d.subscription_id = ?"
                            + (status == null ? "" : " AND d.status = ?") + " ORDER BY d.id DESC";
            try (PreparedStatement ps = status == null
                    ? bind(c.prepareStatement(sql), subscriptionId)
                    : bind(c.prepareStatement(sql), subscriptionId, status)) {
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Delivery(
                                rs.getLong("id"),
                                rs.getString("subscription_id"),
                                rs.getLong("event_id"),
                                rs.getString("kind"),
                                rs.getString("alert_id"),
                                rs.getString("gateway_id"),
                                rs.getString("status"),
                                rs.getInt("attempts"),
                                instant(rs, "next_attempt_at"),
                                instant(rs, "last_attempt_at"),
                                rs.getString("last_error"),
                                instant(rs, "delivered_at"),
                                instant(rs, "created_at"),
                                rs.getString("route")));
                    }
                }
            }
            return out;
        });
    }
}

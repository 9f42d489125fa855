package de.dos2030.iot.collector.alerts.delivery;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.instant;

import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.Fanout;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.collector.security.SecretBox;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code subscription} table, and the fan-out of a recorded step into {@code delivery} rows:
 * one per enabled matching subscription, in the recording transaction. Thread-safe.
 *
 * <p>Webhook secrets are stored sealed with the operator's key ({@link SecretBox}); plain ones
 * left by earlier versions are sealed at start-up.
 */
@Singleton
public class SubscriptionStore implements Fanout {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);

    private final RelationalStore store;
    private final SecretBox secrets;
    private final Clock clock;
    private final DeliveryRouting routing;

    public SubscriptionStore(RelationalStore store, SecretBox secrets, Clock clock, DeliveryRouting routing) {
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
        this.routing = routing;
    }

    /** Seals the plain secrets earlier versions stored (V5__sealed_secrets.sql cannot: SQL has no key). */
    @EventListener
    void onStartup(StartupEvent started) {
        int sealed = store.inTransaction(c -> {
            List<String[]> plain = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT id, secret FROM subscription WHERE secret IS NOT NULL AND secret NOT LIKE ?");
                    ResultSet rs = bind(ps, SecretBox.PREFIX + "%").executeQuery()) {
                while (rs.next()) {
                    plain.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] row : plain) {
                RelationalStore.update(
                        c, "UPDATE subscription SET secret = ? WHERE id = ?", seal(row[0], row[1]), row[0]);
            }
            return plain.size();
        });
        if (sealed > 0) {
            LOG.info("Sealed the webhook secrets of {} subscriptions with collector.secrets.key", sealed);
        }
    }

    @Override
    public void plan(Connection c, AlertNotification step) throws SQLException {
        Instant now = clock.instant();
        if (routing.silenced(c, step, now)) {
            return;
        }
        Map<String, Scope> scopes = ownerScopes(c);
        for (Subscription s : list(c, null, true)) {
            // The owner's scope, not only the filter it chose: a scoped token hears only its own sites.
            if (s.filter().matches(step)
                    && scopes.getOrDefault(s.owner(), Scope.ALL).allows(step.siteId(), step.siteKind())) {
                DeliveryRouting.Hold hold = routing.hold(c, s, step, now);
                RelationalStore.update(
                        c,
                        "INSERT INTO delivery (subscription_id, event_id, status, attempts, next_attempt_at, created_at,"
                                + " hold_key) VALUES (?, ?, ?, 0, ?, ?, ?)",
                        s.id(),
                        step.eventId(),
                        hold == null ? "pending" : "held",
                        hold == null ? now : hold.until(),
                        now,
                        hold == null ? null : hold.key());
            }
        }
    }

    /** The scope of each API token by id (the bootstrap admin has none here: it sees all). */
    private static Map<String, Scope> ownerScopes(Connection c) throws SQLException {
        Map<String, Scope> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, scope FROM api_token WHERE scope <> 'all'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString("id"), Scope.parse(rs.getString("scope")));
            }
        }
        return out;
    }

    public void insert(Subscription s) {
        store.run(c -> RelationalStore.update(
                c,
                "INSERT INTO subscription (id, owner, name, channel, target, secret, site_id, site_kind,"
                        + " gateway_id, sensor_id, quantity, min_severity, enabled, created_at, language, preset)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(),
                s.owner(),
                s.name(),
                s.channel(),
                s.target(),
                s.secret() == null ? null : seal(s.id(), s.secret()),
                s.filter().siteId(),
                s.filter().siteKind(),
                s.filter().gatewayId(),
                s.filter().sensorId(),
                s.filter().quantity(),
                minSeverity(s.filter()),
                s.enabled(),
                s.createdAt(),
                s.language(),
                s.preset()));
    }

    /** Changes name, target, filter, enabled, language and preset; channel, owner and secret stay. */
    public void update(Subscription s) {
        store.run(c -> RelationalStore.update(
                c,
                "UPDATE subscription SET name = ?, target = ?, site_id = ?, site_kind = ?, gateway_id = ?,"
                        + " sensor_id = ?, quantity = ?, min_severity = ?, enabled = ?, language = ?, preset = ?"
                        + " WHERE id = ?",
                s.name(),
                s.target(),
                s.filter().siteId(),
                s.filter().siteKind(),
                s.filter().gatewayId(),
                s.filter().sensorId(),
                s.filter().quantity(),
                minSeverity(s.filter()),
                s.enabled(),
                s.language(),
                s.preset(),
                s.id()));
    }

    public boolean delete(String id) {
        return store.run(c -> RelationalStore.update(c, "DELETE FROM subscription WHERE id = ?", id)) == 1;
    }

    /** With its secret (for signing). */
    public Optional<Subscription> find(String id) {
        return store.run(c -> {
            try (PreparedStatement ps = bind(c.prepareStatement("SELECT * FROM subscription WHERE id = ?"), id);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(subscription(rs)) : Optional.<Subscription>empty();
            }
        });
    }

    /** Subscriptions of {@code owner} (null: everyone's), without secrets, with delivery counts. */
    public List<Subscription> list(@Nullable String owner) {
        return store.run(c -> {
            List<Subscription> out = new ArrayList<>();
            for (Subscription s : list(c, owner, false)) {
                out.add(s.withCounts(counts(c, s.id())));
            }
            return out;
        });
    }

    public Subscription withCounts(Subscription s) {
        return store.run(c -> s.withCounts(counts(c, s.id())));
    }

    private List<Subscription> list(Connection c, @Nullable String owner, boolean enabledOnly) throws SQLException {
        String sql = "SELECT * FROM subscription WHERE 1 = 1" + (owner == null ? "" : " AND owner = ?")
                + (enabledOnly ? " AND enabled = TRUE" : "") + " ORDER BY created_at, id";
        List<Subscription> out = new ArrayList<>();
        try (PreparedStatement ps = owner == null ? c.prepareStatement(sql) : bind(c.prepareStatement(sql), owner);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(subscription(rs));
            }
        }
        return out;
    }

    private static Subscription.DeliveryCounts counts(Connection c, String id) throws SQLException {
        long pending = 0;
        long delivered = 0;
        long dead = 0;
        try (PreparedStatement ps = bind(
                        c.prepareStatement(
                                "SELECT status, COUNT(*) FROM delivery WHERE subscription_id = ? GROUP BY status"),
                        id);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "pending", "held", "bundled" -> pending += rs.getLong(2); // held and bundled still go out
                    case "delivered" -> delivered = rs.getLong(2);
                    default -> dead = rs.getLong(2);
                }
            }
        }
        String lastError = null;
        Instant lastAttempt = null;
        try (PreparedStatement ps = bind(
                c.prepareStatement("SELECT last_error, last_attempt_at FROM delivery WHERE subscription_id = ?"
                        + " AND last_attempt_at IS NOT NULL ORDER BY last_attempt_at DESC, id DESC"),
                id)) {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lastError = rs.getString(1);
                    lastAttempt = instant(rs, "last_attempt_at");
                }
            }
        }
        return new Subscription.DeliveryCounts(pending, delivered, dead, lastError, lastAttempt);
    }

    private Subscription subscription(ResultSet rs) throws SQLException {
        String min = rs.getString("min_severity");
        AlertFilter filter = new AlertFilter(
                rs.getString("site_id"),
                rs.getString("site_kind"),
                rs.getString("gateway_id"),
                rs.getString("sensor_id"),
                rs.getString("quantity"),
                min.equals("info") ? null : min);
        return new Subscription(
                rs.getString("id"),
                rs.getString("owner"),
                rs.getString("name"),
                rs.getString("channel"),
                rs.getString("target"),
                filter,
                rs.getBoolean("enabled"),
                instant(rs, "created_at"),
                rs.getString("language"),
                rs.getString("preset"),
                open(rs.getString("id"), rs.getString("secret")),
                null);
    }

    private String seal(String subscriptionId, String secret) {
        return secrets.sealText(secret, place(subscriptionId));
    }

    private String open(String subscriptionId, @Nullable String stored) {
        return stored == null ? null : secrets.openText(stored, place(subscriptionId));
    }

    private static String place(String subscriptionId) {
        return "webhook-secret:" + subscriptionId;
    }

    private static String minSeverity(AlertFilter f) {
        return f.minSeverity() == null ? "info" : f.minSeverity();
    }
}

package de.dos2030.iot.collector.alerts.routing;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.instant;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.delivery.DeliveryRouting;
import de.dos2030.iot.collector.alerts.delivery.Subscription;
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
 * Routing's side of the delivery outbox ({@link DeliveryRouting}). A step inside an active silence gets no
 * deliveries. A delivery to a subscription whose window is closed waits for its opening ({@link #WINDOW}), unless
 * critical and the window lets criticals through. A step of a grouped rule (gateway offline, ...) waits
 * {@code group-wait} from the first one of its group, so that many become one message. {@link RoutingWorker}
 * releases what waited; {@link Bundles} says what a digest, a group or an escalation carries.
 */
@Singleton
public class Router implements DeliveryRouting {
    /** Hold key of deliveries waiting for their window to open. */
    public static final String WINDOW = "window";

    private final SilenceStore silences;
    private final WindowStore windows;
    private final RoutingConfig config;
    private final Bundles bundles;

    public Router(SilenceStore silences, WindowStore windows, RoutingConfig config, Bundles bundles) {
        this.silences = silences;
        this.windows = windows;
        this.config = config;
        this.bundles = bundles;
    }

    @Override
    public boolean silenced(Connection c, AlertNotification step, Instant now) throws SQLException {
        return silences.silence(c, step, now);
    }

    @Override
    public @Nullable Hold hold(Connection c, Subscription s, AlertNotification step, Instant now) throws SQLException {
        Hold window = windowHold(c, s.id(), step.severity(), now);
        if (window != null) {
            return window;
        }
        if (config.groupRules().contains(step.ruleId())
                && (step.kind().equals("raised") || step.kind().equals("cleared"))) {
            String key = "group:" + step.ruleId() + ":" + step.kind();
            Instant gathering = gatheringUntil(c, s.id(), key);
            return new Hold(key, gathering != null ? gathering : now.plus(config.groupWait()));
        }
        return null;
    }

    /** The hold for a closed window, or null when the window is open, absent or bypassed by this severity. */
    @Nullable
    Hold windowHold(Connection c, String subscriptionId, String severity, Instant now) throws SQLException {
        Optional<DeliveryWindow> w = windows.find(c, subscriptionId, now);
        if (w.isEmpty() || w.get().isOpen(now) || w.get().criticalBypass() && severity.equals("critical")) {
            return null;
        }
        return new Hold(WINDOW, w.get().nextOpening(now));
    }

    /** When the group already gathering for this subscription is released, or null when none is. */
    private static @Nullable Instant gatheringUntil(Connection c, String subscriptionId, String key)
            throws SQLException {
        try (PreparedStatement ps = bind(
                        c.prepareStatement("SELECT MIN(next_attempt_at) AS until_at FROM delivery"
                                + " WHERE subscription_id = ? AND status = 'held' AND hold_key = ?"),
                        subscriptionId,
                        key);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? instant(rs, "until_at") : null;
        }
    }

    @Override
    public Optional<AlertNotification> compose(long deliveryId, String route, long eventId) {
        return bundles.compose(deliveryId, route, eventId);
    }

    /** Held deliveries due at {@code now}: id, subscription, hold key, severity of the step, route. */
    record Held(long id, String subscriptionId, String key, String severity, String route) {}

    static List<Held> due(RelationalStore store, Instant now, int max) {
        return store.run(c -> {
            List<Held> out = new ArrayList<>();
            try (PreparedStatement ps = bind(
                    c.prepareStatement("SELECT d.id, d.subscription_id, d.hold_key, e.severity, d.route FROM delivery d"
                            + " JOIN alert_event e ON e.id = d.event_id"
                            + " WHERE d.status = 'held' AND d.next_attempt_at <= ? ORDER BY d.id"),
                    now)) {
                ps.setMaxRows(max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Held(
                                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }
}

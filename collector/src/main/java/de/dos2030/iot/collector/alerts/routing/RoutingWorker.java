package de.dos2030.iot.collector.alerts.routing;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;

import de.dos2030.iot.collector.alerts.delivery.DeliveryDispatcher;
import de.dos2030.iot.collector.alerts.delivery.DeliveryRouting;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs routing's clock-driven work every {@code collector.routing.interval} (by the injected clock, so tests move
 * time and call {@link #run}): releases held deliveries whose time has come, bundling the held steps of one
 * subscription and one hold into a single delivery (a digest at a window's opening, a group after group-wait),
 * and sends unacknowledged alerts to the next tier of their escalation chains.
 *
 * <p>Several collector instances may run this at once: a release only moves rows still held (and rolls back when
 * another instance moved them first), and an escalation is a delivery row whose unique key makes it once only.
 */
@Context
public class RoutingWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingWorker.class);

    private final RelationalStore store;
    private final Router router;
    private final EscalationStore escalations;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public RoutingWorker(
            RelationalStore store,
            Router router,
            EscalationStore escalations,
            DeliveryDispatcher dispatcher,
            RoutingConfig config,
            Clock clock) {
        this.store = store;
        this.router = router;
        this.escalations = escalations;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-routing");
            t.setDaemon(true);
            return t;
        });
        long every = config.interval().toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Alert routing round failed (will retry): {}", e.toString());
        }
    }

    /** One round now: release, escalate, and tell the dispatcher when anything became due. */
    public synchronized void run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int released = release(now);
        int escalated = escalate(now);
        if (released + escalated > 0) {
            dispatcher.nudge();
        }
    }

    private int release(Instant now) {
        Map<String, List<Router.Held>> groups = new LinkedHashMap<>();
        for (Router.Held h : Router.due(store, now, 5000)) {
            // An escalation held by its tier's window goes out as itself: bundling would change its route, and its
            // route is what keeps it once only.
            String group = DeliveryRouting.STEP.equals(h.route()) ? h.subscriptionId() + "\n" + h.key() : "#" + h.id();
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(h);
        }
        int moved = 0;
        for (List<Router.Held> group : groups.values()) {
            try {
                moved += store.inTransaction(c -> releaseGroup(c, group, now));
            } catch (RelationalStore.StoreException | IllegalStateException e) {
                LOG.debug(
                        "Held deliveries of {} not released this round: {}",
                        group.get(0).subscriptionId(),
                        e.toString());
            }
        }
        return moved;
    }

    private int releaseGroup(Connection c, List<Router.Held> group, Instant now) throws SQLException {
        Router.Held first = group.get(0);
        List<Long> ids = group.stream().map(Router.Held::id).toList();
        // The window is asked again: it may have changed (new hours, imported holidays) since the steps were held,
        // and a group that gathered while the window closed waits for it and joins its digest.
        String severity = group.stream().anyMatch(h -> h.severity().equals("critical")) ? "critical" : "warning";
        DeliveryRouting.Hold window = router.windowHold(c, first.subscriptionId(), severity, now);
        if (window != null) {
            expect(
                    ids.size(),
                    updateIds(
                            c,
                            "UPDATE delivery SET hold_key = ?, next_attempt_at = ? WHERE status = 'held'",
                            ids,
                            Router.WINDOW,
                            window.until()));
            return 0;
        }
        if (ids.size() == 1) {
            expect(
                    1,
                    updateIds(
                            c,
                            "UPDATE delivery SET status = 'pending', hold_key = NULL, next_attempt_at = ? WHERE status = 'held'",
                            ids,
                            now));
            return 1;
        }
        long carrier = Collections.min(ids);
        String route = first.key().equals(Router.WINDOW) ? "digest" : "grouped";
        expect(
                1,
                updateIds(
                        c,
                        "UPDATE delivery SET status = 'pending', route = ?, bundle_id = ?, hold_key = NULL,"
                                + " next_attempt_at = ? WHERE status = 'held'",
                        List.of(carrier),
                        route,
                        carrier,
                        now));
        List<Long> others = ids.stream().filter(id -> id != carrier).toList();
        expect(
                others.size(),
                updateIds(
                        c,
                        "UPDATE delivery SET status = 'bundled', bundle_id = ?, hold_key = NULL WHERE status = 'held'",
                        others,
                        carrier));
        return 1;
    }

    /** Runs {@code sql} (its parameters first) for the rows with these ids. */
    private static int updateIds(Connection c, String sql, List<Long> ids, Object... params) throws SQLException {
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        Object[] all = new Object[params.length + ids.size()];
        System.arraycopy(params, 0, all, 0, params.length);
        for (int i = 0; i < ids.size(); i++) {
            all[params.length + i] = ids.get(i);
        }
        return RelationalStore.update(c, sql + " AND id IN (" + in + ")", all);
    }

    private static void expect(int expected, int actual) {
        if (expected != actual) {
            throw new IllegalStateException("another instance released these deliveries first"); // rolls back
        }
    }

    private int escalate(Instant now) {
        int sent = 0;
        for (Escalation e : escalations.list(null)) {
            for (Escalation.Tier tier : e.tiers()) {
                for (long raiseId : unacknowledged(now.minus(tier.delay()), e, tier)) {
                    try {
                        sent += store.inTransaction(c -> {
                            DeliveryRouting.Hold hold =
                                    router.windowHold(c, tier.subscriptionId(), severityOf(c, raiseId), now);
                            return RelationalStore.update(
                                    c,
                                    "INSERT INTO delivery (subscription_id, event_id, status, attempts, next_attempt_at,"
                                            + " created_at, route, hold_key) VALUES (?, ?, ?, 0, ?, ?, 'escalated', ?)",
                                    tier.subscriptionId(),
                                    raiseId,
                                    hold == null ? "pending" : "held",
                                    hold == null ? now : hold.until(),
                                    now,
                                    hold == null ? null : hold.key());
                        });
                        LOG.info(
                                "Escalation '{}' sends alert event {} to {} (not acknowledged after {})",
                                e.name(),
                                raiseId,
                                tier.subscriptionId(),
                                tier.after());
                    } catch (RelationalStore.StoreException ex) {
                        if (!RelationalStore.isUniqueViolation(ex)) {
                            throw ex;
                        }
                        // another instance escalated it meanwhile
                    }
                }
            }
        }
        return sent;
    }

    /**
     * Raise events of alerts still raised (neither acknowledged nor cleared) since {@code raisedBefore}, matching
     * the escalation, not silenced, and not yet sent to this tier's subscription.
     */
    private List<Long> unacknowledged(Instant raisedBefore, Escalation e, Escalation.Tier tier) {
        return store.run(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = bind(
                            c.prepareStatement("SELECT a.site_id, a.site_kind, a.gateway_id, a.sensor_id, a.quantity,"
                                    + " a.max_severity, (SELECT MAX(e.id) FROM alert_event e WHERE e.alert_key = a.alert_key"
                                    + " AND e.kind = 'raised') AS raise_id FROM alert a WHERE a.status = 'raised'"
                                    + " AND a.raised_at <= ?"),
                            raisedBefore);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long raise = rs.getLong("raise_id");
                    if (!rs.wasNull()
                            && e.filter()
                                    .matches(
                                            rs.getString("site_id"),
                                            rs.getString("site_kind"),
                                            rs.getString("gateway_id"),
                                            rs.getString("sensor_id"),
                                            rs.getString("quantity"),
                                            rs.getString("max_severity"))) {
                        out.add(raise);
                    }
                }
            }
            List<Long> open = new ArrayList<>();
            for (long raise : out) {
                try (PreparedStatement ps = bind(
                                c.prepareStatement(
                                        "SELECT 1 FROM delivery WHERE subscription_id = ? AND event_id = ?"
                                                + " AND route = 'escalated' UNION ALL SELECT 1 FROM silenced_event WHERE event_id = ?"),
                                tier.subscriptionId(),
                                raise,
                                raise);
                        ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        open.add(raise);
                    }
                }
            }
            return open;
        });
    }

    private static String severityOf(Connection c, long eventId) throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement("SELECT severity FROM alert_event WHERE id = ?"), eventId);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "info";
        }
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
    }
}

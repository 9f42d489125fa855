package de.dos2030.iot.collector.alerts.liveness;

import de.dos2030.iot.collector.activity.ActivityTracker;
import de.dos2030.iot.collector.activity.GatewaySeen;
import de.dos2030.iot.collector.activity.SensorSeen;
import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.alerts.AlertService;
import de.dos2030.iot.collector.alerts.AlertSignal;
import de.dos2030.iot.collector.alerts.AlertStore;
import de.dos2030.iot.collector.gateways.BootSequences;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.gateways.SequenceGaps;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's own alert rules, checked every {@code check-interval} against the injected
 * clock: gateway offline, sensor silent, sequence gap, outbox filling up, clock not synchronised.
 * Each raise and its clear share an alert id derived from what started the episode (e.g.
 * {@code srv.gateway-offline.<last seen millis>}), so that several collector instances running
 * the same rules record one alert, not one each. Alerts go through {@link AlertService} like the
 * gateways' own: stored, de-duplicated, delivered. Thread-safe ({@link #check} is serialised).
 */
@Context
public class LivenessMonitor implements AutoCloseable {
    public static final String OFFLINE = "gateway-offline";
    public static final String SILENT = "sensor-silent";
    public static final String GAP = "sequence-gap";
    public static final String OUTBOX = "outbox-filling";
    public static final String CLOCK = "clock-not-synced";
    public static final String CLOCK_OFFSET = "clock-offset";
    private static final Logger LOG = LoggerFactory.getLogger(LivenessMonitor.class);

    private final LivenessConfig config;
    private final GatewayRegistry registry;
    private final ActivityTracker activity;
    private final SequenceGaps sequences;
    private final AlertService service;
    private final AlertStore alerts;
    private final Clock clock;
    private final LivenessMute mute;
    private final Map<String, Instant> gapNoticed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public LivenessMonitor(
            LivenessConfig config,
            GatewayRegistry registry,
            ActivityTracker activity,
            SequenceGaps sequences,
            AlertService service,
            AlertStore alerts,
            Clock clock,
            LivenessMute mute) {
        this.mute = mute;
        this.config = config;
        this.registry = registry;
        this.activity = activity;
        this.sequences = sequences;
        this.service = service;
        this.alerts = alerts;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "liveness");
            t.setDaemon(true);
            return t;
        });
        if (config.enabled()) {
            long every = Math.max(100, config.checkInterval().toMillis());
            timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Liveness rules failed this round (will retry): {}", e.toString());
        }
    }

    /** Runs every rule once, now. */
    public synchronized void check() {
        Instant now = clock.instant();
        Map<String, Alert> open = new HashMap<>();
        for (Alert a : alerts.openServerAlerts()) {
            open.put(
                    a.gatewayId() + "|" + a.ruleId() + "|" + (a.sensorId() == null ? "" : a.sensorId()) + "|"
                            + (a.quantity() == null ? "" : a.quantity()),
                    a);
        }
        Map<String, GatewaySeen> seen = activity.gateways();
        Map<String, Boolean> online = new HashMap<>();
        for (Gateway g : registry.list()) {
            if (!g.enabled()) {
                continue;
            }
            GatewaySeen s = seen.get(g.id());
            Instant last = s == null ? g.createdAt() : s.lastSeen();
            boolean isOffline = Duration.between(last, now).compareTo(config.offlineAfter()) > 0;
            online.put(g.id(), !isOffline);
            rule(
                    open,
                    g,
                    OFFLINE,
                    null,
                    null,
                    isOffline,
                    Severity.WARNING,
                    "srv." + OFFLINE + "." + last.toEpochMilli(),
                    (double) Duration.between(last, now).toSeconds(),
                    (double) config.offlineAfter().toSeconds(),
                    isOffline
                            ? "no batch or health from " + g.id() + " since " + last
                            : g.id() + " is back (last batch " + last + ")",
                    isOffline ? now : last);
            if (s != null) {
                checkGateway(open, g, s, now);
            }
            checkGap(open, g, now);
        }
        Map<String, Gateway> gateways = new HashMap<>();
        registry.list().forEach(g -> gateways.put(g.id(), g));
        for (SensorSeen s : activity.sensors().values()) {
            Gateway g = gateways.get(s.gatewayId());
            if (g == null || !Boolean.TRUE.equals(online.get(g.id()))) {
                continue; // an offline gateway's sensors are covered by the gateway's alert
            }
            boolean silent = Duration.between(s.lastSeen(), now).compareTo(config.sensorSilentAfter()) > 0;
            rule(
                    open,
                    g,
                    SILENT,
                    s.sensorId(),
                    s.quantity(),
                    silent,
                    Severity.WARNING,
                    "srv." + SILENT + "." + s.sensorId() + "." + s.quantity() + "."
                            + s.lastSeen().toEpochMilli(),
                    (double) Duration.between(s.lastSeen(), now).toSeconds(),
                    (double) config.sensorSilentAfter().toSeconds(),
                    silent
                            ? s.sensorId() + " sent no " + s.quantity() + " since " + s.lastSeen()
                            : s.sensorId() + " reports again",
                    silent ? now : s.lastSeen());
        }
    }

    private void checkGateway(Map<String, Alert> open, Gateway g, GatewaySeen s, Instant now) {
        if (s.outboxDepth() != null) {
            long depth = s.outboxDepth();
            long ageMs = s.oldestUnsentMs() == null ? 0 : s.oldestUnsentMs();
            boolean over = depth >= config.outboxDepthLimit()
                    || ageMs >= config.outboxAgeLimit().toMillis();
            boolean under = depth < config.outboxDepthLimit() / 2
                    && ageMs < config.outboxAgeLimit().toMillis() / 2;
            Alert current = open.get(key(g.id(), OUTBOX, null, null));
            if (over || current != null && under) {
                rule(
                        open,
                        g,
                        OUTBOX,
                        null,
                        null,
                        over,
                        Severity.WARNING,
                        "srv." + OUTBOX + "." + (s.healthAt() == null ? now : s.healthAt()).toEpochMilli(),
                        (double) depth,
                        (double) config.outboxDepthLimit(),
                        over
                                ? g.id() + " outbox holds " + depth + " batches, oldest unsent "
                                        + Duration.ofMillis(ageMs).toSeconds() + " s"
                                : g.id() + " outbox drained to " + depth + " batches",
                        now);
            }
        }
        boolean unsynced = s.unsyncedSince() != null
                && Duration.between(s.unsyncedSince(), now).compareTo(config.clockUnsyncedAfter()) >= 0;
        rule(
                open,
                g,
                CLOCK,
                null,
                null,
                unsynced,
                Severity.WARNING,
                "srv." + CLOCK + "."
                        + (s.unsyncedSince() == null ? 0 : s.unsyncedSince().toEpochMilli()),
                null,
                null,
                unsynced
                        ? g.id() + " reports its clock as " + s.clockSync() + " since " + s.unsyncedSince()
                        : g.id() + " clock is synchronised again",
                now);
        checkClockOffset(open, g, s, now);
    }

    /** The offset the gateway measured against our clock: beyond the limit, its readings' times are that far off. */
    private void checkClockOffset(Map<String, Alert> open, Gateway g, GatewaySeen s, Instant now) {
        if (s.clockOffsetMs() == null) {
            return;
        }
        long offset = Math.abs(s.clockOffsetMs());
        long limit = config.clockOffsetLimit().toMillis();
        boolean raised = open.containsKey(key(g.id(), CLOCK_OFFSET, null, null));
        boolean bad = raised ? offset >= limit / 2 : offset > limit;
        rule(
                open,
                g,
                CLOCK_OFFSET,
                null,
                null,
                bad,
                Severity.WARNING,
                "srv." + CLOCK_OFFSET + "." + (s.healthAt() == null ? now : s.healthAt()).toEpochMilli(),
                (double) s.clockOffsetMs(),
                (double) limit,
                bad
                        ? g.id() + " clock is " + s.clockOffsetMs() + " ms off the collector's (limit " + limit
                                + " ms): its readings' times are off by as much"
                        : g.id() + " clock is within " + offset + " ms of the collector's again",
                now);
    }

    private void checkGap(Map<String, Alert> open, Gateway g, Instant now) {
        long missing = 0;
        String firstGap = null;
        for (BootSequences b : sequences.of(g.id())) {
            missing += b.missingCount();
            if (firstGap == null && !b.missing().isEmpty()) {
                firstGap = b.bootId() + "." + b.missing().get(0)[0];
            }
        }
        if (missing == 0) {
            gapNoticed.remove(g.id());
        } else {
            gapNoticed.putIfAbsent(g.id(), now);
        }
        boolean raise =
                missing > 0 && Duration.between(gapNoticed.get(g.id()), now).compareTo(config.gapGrace()) >= 0;
        rule(
                open,
                g,
                GAP,
                null,
                null,
                raise,
                Severity.INFO,
                "srv." + GAP + "." + (firstGap == null ? "none" : firstGap),
                (double) missing,
                0.0,
                raise
                        ? g.id() + " has " + missing + " batches missing (sequence gaps)"
                        : g.id() + " sequence gaps filled",
                now);
    }

    /** Raises when {@code bad} and nothing is open for this rule, clears what is open when not. */
    private void rule(
            Map<String, Alert> open,
            Gateway g,
            String rule,
            String sensor,
            String quantity,
            boolean bad,
            Severity severity,
            String raiseId,
            Double value,
            Double limit,
            String message,
            Instant time) {
        Alert current = open.get(key(g.id(), rule, sensor, quantity));
        if (bad && current == null) {
            if (mute.muted(g.siteId(), g.id(), sensor, clock.instant())) {
                return; // a maintenance silence covers it
            }
            service.record(new AlertSignal(
                    AlertSignal.Source.SERVER,
                    g.id(),
                    g.siteId(),
                    g.siteKind().wireName(),
                    raiseId,
                    rule,
                    sensor,
                    quantity,
                    severity,
                    AlertState.RAISED,
                    value,
                    limit,
                    time,
                    message));
        } else if (!bad && current != null) {
            service.record(new AlertSignal(
                    AlertSignal.Source.SERVER,
                    g.id(),
                    g.siteId(),
                    g.siteKind().wireName(),
                    current.alertId(),
                    rule,
                    sensor,
                    quantity,
                    Severity.valueOf(current.severity().toUpperCase(java.util.Locale.ROOT)),
                    AlertState.CLEARED,
                    value,
                    limit,
                    time.isBefore(current.raisedAt()) ? current.raisedAt() : time,
                    message));
        }
    }

    private static String key(String gateway, String rule, String sensor, String quantity) {
        return gateway + "|" + rule + "|" + (sensor == null ? "" : sensor) + "|" + (quantity == null ? "" : quantity);
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
    }
}

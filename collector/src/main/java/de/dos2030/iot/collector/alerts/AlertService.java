package de.dos2030.iot.collector.alerts;

import de.dos2030.iot.collector.ingest.AlertStages;
import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.audit.Audit;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.WireNames;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records alert events and their lifecycle, once. An alert is keyed by gateway and alert id. A
 * re-sent event (same alert, step, severity and time) is recognised and dropped; a raise while
 * raised at the same severity is a duplicate; a raise at another severity is a severity change;
 * a clear pairs with its raise; a raise that arrives after its clear (events processed out of
 * order) is recorded and announced once, late, with the status "cleared". Each recorded step queues its
 * deliveries in the same transaction ({@link Fanout}) and then publishes {@link AlertRecorded}.
 *
 * <p>Several collector instances may record the same event at once: the row lock on the alert
 * and the unique index on {@code alert_event} make one of them win. Thread-safe.
 */
@Singleton
public class AlertService {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final RelationalStore store;
    private final AlertStore alerts;
    private final Fanout fanout;
    private final Clock clock;
    private final Audit audit;
    private final ApplicationEventPublisher<AlertRecorded> recorded;

    public AlertService(
            RelationalStore store,
            AlertStore alerts,
            Fanout fanout,
            Clock clock,
            ApplicationEventPublisher<AlertRecorded> recorded,
            Audit audit) {
        this.audit = audit;
        this.store = store;
        this.alerts = alerts;
        this.fanout = fanout;
        this.clock = clock;
        this.recorded = recorded;
    }

    /** Edge alert events of a stored batch; runs before the gateway is told "stored", and throws when they cannot be recorded. */
    @EventListener
    void onAlertsStored(IngestService.AlertsStored stored) {
        for (AlertEvent e : stored.alerts()) {
            record(AlertSignal.fromEdge(stored.gatewayId(), stored.siteId(), stored.siteKind(), e));
        }
    }

    /**
     * Records one raise or clear.
     *
     * @return the recorded step, or empty when it was a duplicate
     * @throws RelationalStore.StoreException when the store is unavailable
     */
    public Optional<AlertNotification> record(AlertSignal s) {
        for (int attempt = 0; ; attempt++) {
            try {
                Optional<AlertNotification> step = store.inTransaction(c -> recordIn(c, s));
                step.ifPresent(n -> {
                    LOG.info(
                            "Alert {} {} {} at {} ({}, {})",
                            n.kind(),
                            n.severity(),
                            n.ruleId(),
                            n.siteId(),
                            n.gatewayId(),
                            n.alertId());
                    if (AlertStages.enabled()) {
                        AlertStages.recorded(n.alertId(), n.kind(), n.eventId(), clock.millis());
                    }
                    recorded.publishEvent(new AlertRecorded(n.eventId()));
                });
                return step;
            } catch (RelationalStore.StoreException e) {
                if (attempt == 0 && RelationalStore.isUniqueViolation(e)) {
                    continue; // another instance created the alert or recorded the step meanwhile: look again
                }
                if (RelationalStore.isUniqueViolation(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        }
    }

    private Optional<AlertNotification> recordIn(Connection c, AlertSignal s) throws SQLException {
        String key = AlertStore.key(s.gatewayId(), s.alertId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Alert> existing = alerts.find(c, key, true);
        String severity = WireNames.of(s.severity());
        if (existing.isEmpty()) {
            AlertStatus status = s.state() == AlertState.RAISED ? AlertStatus.RAISED : AlertStatus.CLEARED;
            alerts.insert(c, s, status, now);
            EventKind kind = s.state() == AlertState.RAISED ? EventKind.RAISED : EventKind.CLEARED;
            return step(c, key, kind, severity, s.value(), s.limit(), s.message(), s.time(), now, null, status);
        }
        Alert a = existing.get();
        AlertStatus status = AlertStatus.valueOf(a.status().toUpperCase(java.util.Locale.ROOT));
        Severity current = WireNames.parse(Severity.class, a.severity());
        Severity max = WireNames.parse(Severity.class, a.maxSeverity());
        String newMax = WireNames.of(s.severity().compareTo(max) > 0 ? s.severity() : max);
        if (s.state() == AlertState.CLEARED) {
            if (status == AlertStatus.CLEARED) {
                return Optional.empty();
            }
            alerts.update(c, key, "status = 'cleared', cleared_at = ?, updated_at = ?", s.time(), now);
            return step(
                    c,
                    key,
                    EventKind.CLEARED,
                    severity,
                    s.value(),
                    s.limit(),
                    s.message(),
                    s.time(),
                    now,
                    null,
                    AlertStatus.CLEARED);
        }
        if (status == AlertStatus.CLEARED) {
            if (a.clearedAt() != null && s.time().isBefore(a.clearedAt())) {
                if (a.raisedAt() != null) {
                    return Optional.empty(); // the raise again, re-sent after its clear
                }
                // The raise arrives after its clear (batches processed out of order, e.g. a backlog after a
                // collector restart): recorded and still announced once, with its own time and the status
                // "cleared", so every subscriber hears of the alarm even though it is already over.
                alerts.update(c, key, "raised_at = ?, max_severity = ?, updated_at = ?", s.time(), newMax, now);
                return step(
                        c,
                        key,
                        EventKind.RAISED,
                        severity,
                        s.value(),
                        s.limit(),
                        s.message(),
                        s.time(),
                        now,
                        null,
                        AlertStatus.CLEARED);
            }
            alerts.update(
                    c,
                    key,
                    "status = 'raised', severity = ?, max_severity = ?, alert_value = ?, limit_value = ?, message = ?,"
                            + " raised_at = ?, cleared_at = NULL, acknowledged_at = NULL, acknowledged_by = NULL, ack_note = NULL, updated_at = ?",
                    severity,
                    newMax,
                    s.value(),
                    s.limit(),
                    s.message(),
                    s.time(),
                    now);
            return step(
                    c,
                    key,
                    EventKind.RAISED,
                    severity,
                    s.value(),
                    s.limit(),
                    s.message(),
                    s.time(),
                    now,
                    null,
                    AlertStatus.RAISED);
        }
        if (s.severity() == current) {
            return Optional.empty(); // raised again at the same severity: a duplicate, never a storm
        }
        boolean escalated = s.severity().compareTo(current) > 0;
        AlertStatus after = escalated ? AlertStatus.RAISED : status; // an escalation needs a fresh acknowledgement
        alerts.update(
                c,
                key,
                "severity = ?, max_severity = ?, alert_value = ?, limit_value = ?, message = ?, status = ?, updated_at = ?"
                        + (escalated ? ", acknowledged_at = NULL, acknowledged_by = NULL, ack_note = NULL" : ""),
                severity,
                newMax,
                s.value(),
                s.limit(),
                s.message(),
                AlertStore.lower(after),
                now);
        return step(
                c,
                key,
                EventKind.SEVERITY_CHANGED,
                severity,
                s.value(),
                s.limit(),
                s.message(),
                s.time(),
                now,
                null,
                after);
    }

    private Optional<AlertNotification> step(
            Connection c,
            String key,
            EventKind kind,
            String severity,
            Double value,
            Double limit,
            String message,
            Instant time,
            Instant now,
            String actor,
            AlertStatus after)
            throws SQLException {
        Optional<Long> id = alerts.insertEvent(c, key, kind, severity, value, limit, message, time, now, actor, after);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        AlertNotification n = alerts.notification(c, id.get()).orElseThrow();
        fanout.plan(c, n);
        return Optional.of(n);
    }

    /** What the audit log keeps of an acknowledged alert: its state, not its whole lifecycle. */
    @Serdeable
    record AuditedAlert(
            String status,
            String severity,
            @Nullable Instant acknowledgedAt,
            @Nullable String acknowledgedBy,
            @Nullable String ackNote) {
        static AuditedAlert of(Alert a) {
            return new AuditedAlert(a.status(), a.severity(), a.acknowledgedAt(), a.acknowledgedBy(), a.ackNote());
        }
    }

    /** Outcome of an acknowledgement. */
    public sealed interface AckResult {
        record Done(Alert alert) implements AckResult {}

        record NotFound() implements AckResult {}

        /** Nothing to acknowledge: the alert as it stands (cleared, or acknowledged already), and why in words. */
        record Conflict(String reason, Alert alert) implements AckResult {}
    }

    /** An engineer acknowledges a raised alert; the step is delivered like the others. */
    public AckResult acknowledge(String gatewayId, String alertId, Caller by, @Nullable String note) {
        return acknowledge(gatewayId, alertId, by, note, null);
    }

    /**
     * As {@link #acknowledge(String, String, Caller, String)}, audited with the client address of
     * {@code from} (null: none). An alert of a site outside the caller's scope is {@link AckResult.NotFound}.
     */
    public AckResult acknowledge(
            String gatewayId, String alertId, Caller by, @Nullable String note, @Nullable HttpRequest<?> from) {
        String key = AlertStore.key(gatewayId, alertId);
        Alert[] before = new Alert[1];
        List<AlertNotification> done = new ArrayList<>(1);
        AckResult result = store.inTransaction(c -> {
            Optional<Alert> a = alerts.find(c, key, true);
            if (a.isEmpty() || !by.sees(a.get().siteId(), a.get().siteKind())) {
                return new AckResult.NotFound();
            }
            before[0] = a.get();
            if (a.get().status().equals("cleared")) {
                return new AckResult.Conflict(
                        "alert is cleared since " + a.get().clearedAt() + ": nothing to acknowledge", a.get());
            }
            if (a.get().status().equals("acknowledged")) {
                return new AckResult.Conflict(
                        "alert was acknowledged by " + a.get().acknowledgedBy() + " at "
                                + a.get().acknowledgedAt(),
                        a.get());
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String cleanNote = note == null ? null : note.length() > 500 ? note.substring(0, 500) : note;
            alerts.update(
                    c,
                    key,
                    "status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, ack_note = ?, updated_at = ?",
                    now,
                    by.subject(),
                    cleanNote,
                    now);
            step(
                            c,
                            key,
                            EventKind.ACKNOWLEDGED,
                            a.get().severity(),
                            a.get().value(),
                            a.get().limit(),
                            cleanNote == null ? "acknowledged by " + by.subject() : cleanNote,
                            now,
                            now,
                            by.subject(),
                            AlertStatus.ACKNOWLEDGED)
                    .ifPresent(done::add);
            return new AckResult.Done(null);
        });
        if (result instanceof AckResult.Done) {
            done.forEach(n -> recorded.publishEvent(new AlertRecorded(n.eventId())));
            Alert after = alerts.get(gatewayId, alertId).orElseThrow();
            audit.record(
                    by,
                    from,
                    "alert.acknowledge",
                    "alert/" + gatewayId + "/" + alertId,
                    AuditedAlert.of(before[0]),
                    AuditedAlert.of(after));
            return new AckResult.Done(after);
        }
        return result;
    }
}

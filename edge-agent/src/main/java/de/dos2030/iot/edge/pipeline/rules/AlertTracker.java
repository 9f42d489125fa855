package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.config.model.Action;
import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Severity;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The alert side of one check of one rule on one sensor: whether an alert is active, at which
 * severity and under which id. Turns a check's decisions into {@link AlertEvent}s so that every
 * check speaks the same protocol: one id from raise to clear, a second {@code RAISED} with the same
 * id only when the severity (or, for faults, the cause) changes, never a clear without a raise.
 *
 * <p>Not thread-safe: the pipeline serialises all calls.
 */
public final class AlertTracker {

    private final String sensorId;
    private final String ruleId;
    private final CheckKind kind;
    private final Quantity quantity;
    private final AlertSink sink;
    private final Set<Action> actions;
    private Severity active;
    private String alertId;
    private long raisedAtNanos;

    public AlertTracker(String sensorId, String ruleId, CheckKind kind, Quantity quantity, AlertSink sink) {
        this(sensorId, ruleId, kind, quantity, Set.of(), sink);
    }

    /** @param actions local actions this alert drives while active (only limit checks have any) */
    public AlertTracker(
            String sensorId, String ruleId, CheckKind kind, Quantity quantity, Set<Action> actions, AlertSink sink) {
        this.sensorId = Objects.requireNonNull(sensorId);
        this.ruleId = Objects.requireNonNull(ruleId);
        this.kind = Objects.requireNonNull(kind);
        this.quantity = quantity;
        this.sink = Objects.requireNonNull(sink);
        this.actions = actions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(actions));
    }

    /** The key under which this tracker's state is persisted: sensor, rule and check. */
    public String key() {
        return key(sensorId, ruleId, kind);
    }

    public static String key(String sensorId, String ruleId, CheckKind kind) {
        return sensorId + "/" + ruleId + "/" + kind.wireName();
    }

    public String sensorId() {
        return sensorId;
    }

    public String ruleId() {
        return ruleId;
    }

    public CheckKind kind() {
        return kind;
    }

    public Quantity quantity() {
        return quantity;
    }

    /** The watched quantity's wire name, or "sensor" for checks on the sensor as a whole. */
    String quantityName() {
        return quantity == null ? "sensor" : quantity.wireName();
    }

    /** The local actions (traffic light, buzzer) this alert drives while active. */
    public Set<Action> actions() {
        return actions;
    }

    /** The active severity, or {@code null} when no alert is active. */
    public Severity active() {
        return active;
    }

    public boolean isActive() {
        return active != null;
    }

    /** The id of the active alert, or {@code null}. */
    public String alertId() {
        return alertId;
    }

    public long raisedAtNanos() {
        return raisedAtNanos;
    }

    /** Raises at {@code severity}, or changes the active alert's severity; no event when nothing changes. */
    public void raise(long nanos, Severity severity, Double value, Double limit, String message) {
        Objects.requireNonNull(severity);
        if (severity == active) {
            return;
        }
        if (active == null) {
            raisedAtNanos = nanos;
            alertId = sensorId + "." + ruleId + "." + kind.wireName() + "-" + Math.floorDiv(nanos, 1_000_000L);
        }
        active = severity;
        sink.transition(this, event(nanos, AlertState.RAISED, value, limit, message));
    }

    /** Re-sends the active alert with a new message (a fault whose cause changed); no-op when inactive. */
    public void update(long nanos, Double value, Double limit, String message) {
        if (active != null) {
            sink.transition(this, event(nanos, AlertState.RAISED, value, limit, message));
        }
    }

    /** Clears the active alert; no event when none is active. */
    public void clear(long nanos, Double value, Double limit, String message) {
        if (active == null) {
            return;
        }
        AlertEvent event = event(nanos, AlertState.CLEARED, value, limit, message);
        active = null;
        alertId = null;
        sink.transition(this, event);
    }

    /** Puts back an alert that was active when the agent stopped, without any event. */
    public void restore(Severity severity, String id, long raisedAt) {
        this.active = Objects.requireNonNull(severity);
        this.alertId = Objects.requireNonNull(id);
        this.raisedAtNanos = raisedAt;
    }

    private AlertEvent event(long nanos, AlertState state, Double value, Double limit, String message) {
        return new AlertEvent(
                alertId, ruleId, sensorId, quantity, active, state, value, limit, EpochNanos.toInstant(nanos), message);
    }

    @Override
    public String toString() {
        return key() + (active == null ? " normal" : " " + active + " " + alertId);
    }
}

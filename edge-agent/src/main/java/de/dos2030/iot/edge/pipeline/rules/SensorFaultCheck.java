package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.model.Severity;

/**
 * Turns driver fault signals into one alert per sensor: raised at the first fault, re-sent (same
 * id) only when the kind of fault changes, cleared when the driver reports recovery. The rule id is
 * {@value #RULE_ID}; every sensor has this check whether or not the file lists rules. Not thread-safe.
 */
public final class SensorFaultCheck {

    public static final String RULE_ID = "sensor-fault";

    private final AlertTracker tracker;
    private String activeKind;

    public SensorFaultCheck(AlertTracker tracker) {
        this.tracker = tracker;
    }

    public AlertTracker tracker() {
        return tracker;
    }

    /** @param kind the driver's fault class, e.g. {@code CRC_MISMATCH}; repeats of the active kind send nothing */
    public void fault(long nanos, String kind, String message) {
        if (!tracker.isActive()) {
            activeKind = kind;
            tracker.raise(nanos, Severity.WARNING, null, null, message);
        } else if (!kind.equals(activeKind)) {
            activeKind = kind;
            tracker.update(nanos, null, null, message);
        }
    }

    public void recovered(long nanos) {
        activeKind = null;
        tracker.clear(nanos, null, null, "sensor delivers good samples again");
    }
}

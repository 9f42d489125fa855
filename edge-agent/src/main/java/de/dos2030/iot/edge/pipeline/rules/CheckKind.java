package de.dos2030.iot.edge.pipeline.rules;

/**
 * The kinds of check a rule runs, each with its own state machine and alert id. The wire name is
 * part of the alert id and of the persisted state key, so it must never change.
 */
public enum CheckKind {
    /** Value beyond a warning/critical limit above. */
    ABOVE("above"),
    /** Value beyond a warning/critical limit below. */
    BELOW("below"),
    /** Value changed by more than a limit within a period. */
    RATE("rate"),
    /** Value stuck: max - min over a period about zero. */
    FLATLINE("flatline"),
    /** No sample for longer than a period. */
    NO_DATA("nodata"),
    /** The driver reported a fault (built in for every sensor, rule id {@code sensor-fault}). */
    SENSOR_FAULT("fault");

    private final String wireName;

    CheckKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

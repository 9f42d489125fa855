package de.dos2030.iot.collector.fleet.rollout;

import java.util.Locale;

/** Where a rollout stands. */
public enum RolloutStatus {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

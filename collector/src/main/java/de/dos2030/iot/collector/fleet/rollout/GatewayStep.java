package de.dos2030.iot.collector.fleet.rollout;

import java.util.Locale;

/** Where one gateway of a rollout stands. */
public enum GatewayStep {
    /** Its step has not begun. */
    WAITING,
    /** Asked to change; the rollout waits for its report. */
    SENT,
    /** It reported the new version committed. */
    COMMITTED,
    /** It tried the new version and went back. */
    ROLLED_BACK,
    /** It refused the new version. */
    REFUSED,
    /** It did not report within the watch time. */
    NO_REPORT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean failed() {
        return this == ROLLED_BACK || this == REFUSED || this == NO_REPORT;
    }
}

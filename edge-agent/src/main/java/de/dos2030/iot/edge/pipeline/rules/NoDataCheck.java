package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.model.Severity;
import java.time.Duration;

/**
 * Raises a warning when no good sample of the rule's quantity arrived for longer than
 * {@code after}; clears with the next sample. Time passes on the pipeline's clock, so the check
 * runs from {@code tick} as well as on samples. Not thread-safe.
 */
public final class NoDataCheck {

    private final AlertTracker tracker;
    private final long after;
    private long lastSeen;

    /** @param startNanos when waiting began: the pipeline's start (a restart waits afresh) */
    public NoDataCheck(AlertTracker tracker, Duration after, long startNanos) {
        this.tracker = tracker;
        this.after = after.toNanos();
        this.lastSeen = startNanos;
    }

    public AlertTracker tracker() {
        return tracker;
    }

    /** A good sample arrived at {@code nanos} (sample time). */
    public void seen(long nanos, double value) {
        if (nanos > lastSeen) {
            lastSeen = nanos;
        }
        if (tracker.isActive()) {
            tracker.clear(nanos, value, null, "data from " + tracker.quantityName() + " again");
        }
    }

    /** The clock says it is {@code nowNanos}. */
    public void tick(long nowNanos) {
        if (!tracker.isActive() && nowNanos - lastSeen > after) {
            tracker.raise(
                    nowNanos,
                    Severity.WARNING,
                    null,
                    null,
                    String.format(
                            "no %s data for %s (last %s)",
                            tracker.quantityName(), LimitCheck.human(after), EpochNanos.toInstant(lastSeen)));
        }
    }
}

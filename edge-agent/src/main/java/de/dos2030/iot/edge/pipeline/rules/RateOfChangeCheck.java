package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.config.model.RateOfChange;
import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.model.Severity;
import java.time.Duration;

/**
 * Raises a warning as soon as two samples less than {@code per} apart differ by more than
 * {@code limit} (max - min over the sliding period), and clears once that has not been true for
 * {@code clearAfter}. Catches a sensor knocked off its mount or a strain step long before a limit
 * is reached. Not thread-safe.
 */
public final class RateOfChangeCheck {

    private final AlertTracker tracker;
    private final RateOfChange config;
    private final String unit;
    private final long clearAfter;
    private final SlidingExtremes window;
    private long calmSince = EpochNanos.NONE;

    public RateOfChangeCheck(AlertTracker tracker, RateOfChange config, String unit, Duration clearAfter) {
        this.tracker = tracker;
        this.config = config;
        this.unit = unit;
        this.clearAfter = clearAfter.toNanos();
        this.window = new SlidingExtremes(config.per().toNanos());
    }

    public AlertTracker tracker() {
        return tracker;
    }

    public void accept(long nanos, double value) {
        window.add(nanos, value);
        double change = window.range();
        if (change > config.limit()) {
            calmSince = EpochNanos.NONE;
            tracker.raise(
                    nanos,
                    Severity.WARNING,
                    value,
                    config.limit(),
                    String.format(
                            "%s changed by %s %s within %s (limit %s %s)",
                            tracker.quantityName(),
                            LimitCheck.fmt(change),
                            unit,
                            LimitCheck.human(config.per().toNanos()),
                            LimitCheck.fmt(config.limit()),
                            unit));
            return;
        }
        if (!tracker.isActive()) {
            return;
        }
        if (calmSince == EpochNanos.NONE) {
            calmSince = nanos;
        }
        if (nanos - calmSince >= clearAfter) {
            calmSince = EpochNanos.NONE;
            tracker.clear(
                    nanos,
                    value,
                    config.limit(),
                    String.format(
                            "%s changes within %s %s per %s again",
                            tracker.quantityName(),
                            LimitCheck.fmt(config.limit()),
                            unit,
                            LimitCheck.human(config.per().toNanos())));
        }
    }
}

package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.model.Severity;
import java.time.Duration;

/**
 * A stuck sensor: every sample over the last {@code period} lies within {@code tolerance} of the
 * others (max - min), and samples have covered the whole period. Raises a warning; clears at the
 * first sample that moves. The tolerance is the quantity's resolution: a real sensor's noise moves
 * by more than that, a frozen register or a cut wire read as a constant does not. Not thread-safe.
 */
public final class FlatlineCheck {

    private final AlertTracker tracker;
    private final long period;
    private final double tolerance;
    private final SlidingExtremes window;
    private long observingSince = EpochNanos.NONE;

    public FlatlineCheck(AlertTracker tracker, Duration period, double tolerance) {
        this.tracker = tracker;
        this.period = period.toNanos();
        this.tolerance = tolerance;
        this.window = new SlidingExtremes(this.period);
    }

    public AlertTracker tracker() {
        return tracker;
    }

    public void accept(long nanos, double value) {
        if (observingSince == EpochNanos.NONE) {
            observingSince = nanos;
        }
        window.add(nanos, value);
        boolean flat = window.range() <= tolerance;
        if (flat && nanos - observingSince >= period) {
            tracker.raise(
                    nanos,
                    Severity.WARNING,
                    value,
                    null,
                    String.format(
                            "%s stuck at %s for %s: check the sensor",
                            tracker.quantityName(), LimitCheck.fmt(value), LimitCheck.human(period)));
        } else if (!flat && tracker.isActive()) {
            tracker.clear(nanos, value, null, tracker.quantityName() + " moves again");
        }
    }

    /** A gap in the data: coverage has to build up again before the sensor can be called stuck. */
    public void restartObservation() {
        observingSince = EpochNanos.NONE;
        window.reset();
    }
}

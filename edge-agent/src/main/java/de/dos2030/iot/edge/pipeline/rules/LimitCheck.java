package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.config.model.Thresholds;
import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.model.Severity;
import java.util.Optional;

/**
 * The limit state machine of one rule on one sensor, for one direction (limits above, or limits
 * below):
 * <pre>
 *   normal --beyond a limit--> pending --still beyond after raise-after--> active (RAISED)
 *   pending --back inside--> normal (nothing sent: a spike shorter than raise-after raises nothing)
 *   active --inside the limit by the deadband--> clearing --for clear-after--> normal (CLEARED)
 *   clearing --out of the deadband again--> active (nothing sent)
 * </pre>
 * With a warning and a critical limit the same two timers run per level: the alert escalates to
 * critical when the value has been beyond the critical limit for raise-after, and de-escalates to
 * warning when it has been inside the critical limit by the deadband for clear-after while the
 * warning level still holds. Each change is one {@code RAISED} with the same alert id; a drop from
 * critical straight to normal is a single {@code CLEARED}.
 *
 * <p>"Beyond" is strict ({@code value > limit} above); "inside by the deadband" is
 * {@code value <= limit - deadband} above. Timers run on sample time. Not thread-safe.
 */
public final class LimitCheck {

    /** Which side of the limits this machine watches. */
    public enum Direction {
        ABOVE(1),
        BELOW(-1);

        final double sign;

        Direction(double sign) {
            this.sign = sign;
        }
    }

    /** What the machine is doing, for {@code watch} and tests. */
    public enum Phase {
        NORMAL,
        PENDING,
        ACTIVE,
        CLEARING
    }

    private final AlertTracker tracker;
    private final Direction direction;
    private final String unit;
    /** Limits in the "excess" domain (sign * limit), ascending: warning first when both exist. */
    private final double[] limits;

    private final double[] configured;
    private final Severity[] severities;
    private final double deadband;
    private final long raiseAfter;
    private final long clearAfter;
    private final long[] beyondSince;
    private final long[] insideSince;

    private LimitCheck(
            AlertTracker tracker,
            Direction direction,
            String unit,
            Optional<Double> warning,
            Optional<Double> critical,
            Thresholds thresholds) {
        this.tracker = tracker;
        this.direction = direction;
        this.unit = unit;
        int n = (warning.isPresent() ? 1 : 0) + (critical.isPresent() ? 1 : 0);
        if (n == 0) {
            throw new IllegalArgumentException("no limit " + direction.name().toLowerCase() + " for " + tracker.key());
        }
        limits = new double[n];
        configured = new double[n];
        severities = new Severity[n];
        int i = 0;
        if (warning.isPresent()) {
            configured[i] = warning.get();
            severities[i++] = Severity.WARNING;
        }
        if (critical.isPresent()) {
            configured[i] = critical.get();
            severities[i] = Severity.CRITICAL;
        }
        for (int k = 0; k < n; k++) {
            limits[k] = direction.sign * configured[k];
        }
        deadband = thresholds.deadband();
        raiseAfter = EpochNanos.of(thresholds.raiseAfter());
        clearAfter = EpochNanos.of(thresholds.clearAfter());
        beyondSince = new long[n];
        insideSince = new long[n];
        java.util.Arrays.fill(beyondSince, EpochNanos.NONE);
        java.util.Arrays.fill(insideSince, EpochNanos.NONE);
    }

    /** The machine for the limits above, or empty when the thresholds have none. */
    public static Optional<LimitCheck> above(AlertTracker tracker, String unit, Thresholds t) {
        return t.warningAbove().isPresent() || t.criticalAbove().isPresent()
                ? Optional.of(new LimitCheck(tracker, Direction.ABOVE, unit, t.warningAbove(), t.criticalAbove(), t))
                : Optional.empty();
    }

    /** The machine for the limits below, or empty when the thresholds have none. */
    public static Optional<LimitCheck> below(AlertTracker tracker, String unit, Thresholds t) {
        return t.warningBelow().isPresent() || t.criticalBelow().isPresent()
                ? Optional.of(new LimitCheck(tracker, Direction.BELOW, unit, t.warningBelow(), t.criticalBelow(), t))
                : Optional.empty();
    }

    public AlertTracker tracker() {
        return tracker;
    }

    /** Feeds one good sample taken at {@code nanos}. */
    public void accept(long nanos, double value) {
        accept(nanos, value, nanos);
    }

    /**
     * Feeds a value that describes the time from {@code coveredSince} to {@code nanos}: a window
     * statistic stands for its whole window, so a breach it shows has lasted since the window began
     * (a 60 s RMS window above the limit satisfies a raise-after of 10 s on its own).
     */
    public void accept(long nanos, double value, long coveredSince) {
        double x = direction.sign * value;
        for (int i = 0; i < limits.length; i++) {
            if (x > limits[i]) {
                if (beyondSince[i] == EpochNanos.NONE) {
                    beyondSince[i] = coveredSince;
                }
            } else {
                beyondSince[i] = EpochNanos.NONE;
            }
            if (x <= limits[i] - deadband) {
                if (insideSince[i] == EpochNanos.NONE) {
                    insideSince[i] = coveredSince;
                }
            } else {
                insideSince[i] = EpochNanos.NONE;
            }
        }
        int current = activeLevel();
        int target = target(nanos, current);
        if (target == current) {
            return;
        }
        if (target < 0) {
            tracker.clear(
                    nanos,
                    value,
                    configured[current],
                    String.format(
                            "%s %s %s back %s %s %s (deadband %s) for %s",
                            tracker.quantityName(),
                            fmt(value),
                            unit,
                            direction == Direction.ABOVE ? "below" : "above",
                            severities[current].name().toLowerCase(),
                            fmt(configured[current]),
                            fmt(deadband),
                            human(clearAfter)));
        } else {
            String verb = current < 0 ? "" : target > current ? "escalated: " : "de-escalated: ";
            tracker.raise(
                    nanos,
                    severities[target],
                    value,
                    configured[target],
                    String.format(
                            "%s%s %s %s %s %s limit %s %s for %s",
                            verb,
                            tracker.quantityName(),
                            fmt(value),
                            unit,
                            direction.name().toLowerCase(),
                            severities[target].name().toLowerCase(),
                            fmt(configured[target]),
                            unit,
                            human(target > current ? raiseAfter : clearAfter)));
        }
    }

    private int target(long nanos, int current) {
        for (int i = limits.length - 1; i > current; i--) {
            if (beyondSince[i] != EpochNanos.NONE && nanos - beyondSince[i] >= raiseAfter) {
                return i;
            }
        }
        if (current < 0 || !heldInside(current, nanos)) {
            return current;
        }
        for (int j = current - 1; j >= 0; j--) {
            if (!heldInside(j, nanos)) {
                return j;
            }
        }
        return -1;
    }

    private boolean heldInside(int level, long nanos) {
        return insideSince[level] != EpochNanos.NONE && nanos - insideSince[level] >= clearAfter;
    }

    private int activeLevel() {
        Severity s = tracker.active();
        if (s == null) {
            return -1;
        }
        for (int i = 0; i < severities.length; i++) {
            if (severities[i] == s) {
                return i;
            }
        }
        // A restored severity this rule no longer has (limits edited): treat as the nearest level.
        return s == Severity.CRITICAL ? severities.length - 1 : 0;
    }

    public Phase phase() {
        int current = activeLevel();
        if (current < 0) {
            for (long since : beyondSince) {
                if (since != EpochNanos.NONE) {
                    return Phase.PENDING;
                }
            }
            return Phase.NORMAL;
        }
        return insideSince[current] != EpochNanos.NONE ? Phase.CLEARING : Phase.ACTIVE;
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    static String human(long nanos) {
        return de.dos2030.iot.config.model.DurationText.format(java.time.Duration.ofNanos(nanos));
    }
}

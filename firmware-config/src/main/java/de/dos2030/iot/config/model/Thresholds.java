package de.dos2030.iot.config.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The limit part of a rule: warning and critical limits above and/or below, the deadband a value
 * must come back by before an alarm clears (hysteresis), and how long a breach must last before
 * it is raised and how long the value must be back before it clears.
 */
public record Thresholds(
        Optional<Double> warningAbove,
        Optional<Double> criticalAbove,
        Optional<Double> warningBelow,
        Optional<Double> criticalBelow,
        double deadband,
        Duration raiseAfter,
        Duration clearAfter) {

    public Thresholds {
        Violation.throwIfAny(
                "thresholds",
                violations(warningAbove, criticalAbove, warningBelow, criticalBelow, deadband, raiseAfter, clearAfter));
    }

    /** No limit at all: a rule that only checks rate of change, flatline or missing data. */
    public static Thresholds none() {
        return new Thresholds(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Defaults.DEADBAND,
                Defaults.RAISE_AFTER,
                Defaults.CLEAR_AFTER);
    }

    public boolean hasLimit() {
        return warningAbove.isPresent()
                || criticalAbove.isPresent()
                || warningBelow.isPresent()
                || criticalBelow.isPresent();
    }

    /** Every broken invariant, with paths named as the file's keys. */
    public static List<Violation> violations(
            Optional<Double> warningAbove,
            Optional<Double> criticalAbove,
            Optional<Double> warningBelow,
            Optional<Double> criticalBelow,
            double deadband,
            Duration raiseAfter,
            Duration clearAfter) {
        List<Violation> out = new ArrayList<>();
        if (warningAbove == null
                || criticalAbove == null
                || warningBelow == null
                || criticalBelow == null
                || raiseAfter == null
                || clearAfter == null) {
            out.add(Violation.of("", "limits and durations must not be null"));
            return out;
        }
        if (!(deadband >= 0) || Double.isInfinite(deadband)) {
            out.add(Violation.of("deadband", "must be zero or positive, got " + deadband));
        }
        if (raiseAfter.isNegative()) {
            out.add(Violation.of("raise-after", "must not be negative"));
        }
        if (clearAfter.isNegative()) {
            out.add(Violation.of("clear-after", "must not be negative"));
        }
        if (warningAbove.isPresent() && criticalAbove.isPresent() && warningAbove.get() >= criticalAbove.get()) {
            out.add(Violation.of(
                    "warning-above",
                    "warning-above " + fmt(warningAbove.get()) + " is beyond critical-above "
                            + fmt(criticalAbove.get()),
                    "a value below critical-above"));
        }
        if (warningBelow.isPresent() && criticalBelow.isPresent() && warningBelow.get() <= criticalBelow.get()) {
            out.add(Violation.of(
                    "warning-below",
                    "warning-below " + fmt(warningBelow.get()) + " is beyond critical-below "
                            + fmt(criticalBelow.get()),
                    "a value above critical-below"));
        }
        Optional<Double> lowestAbove = warningAbove.isPresent() ? warningAbove : criticalAbove;
        Optional<Double> highestBelow = warningBelow.isPresent() ? warningBelow : criticalBelow;
        if (lowestAbove.isPresent() && highestBelow.isPresent() && highestBelow.get() >= lowestAbove.get()) {
            out.add(Violation.of(
                    "warning-below",
                    "the lower limits (" + fmt(highestBelow.get()) + ") overlap the upper limits ("
                            + fmt(lowestAbove.get()) + ")",
                    "lower limits below upper limits"));
        }
        if (deadband > 0) {
            checkGap(out, warningAbove, criticalAbove, deadband, "warning-above", "critical-above");
            checkGap(out, criticalBelow, warningBelow, deadband, "critical-below", "warning-below");
            checkGap(out, highestBelow, lowestAbove, deadband, "lower limit", "upper limit");
        }
        return out;
    }

    private static void checkGap(
            List<Violation> out,
            Optional<Double> low,
            Optional<Double> high,
            double deadband,
            String lowName,
            String highName) {
        if (low.isPresent() && high.isPresent() && high.get() > low.get() && deadband >= high.get() - low.get()) {
            out.add(Violation.of(
                    "deadband",
                    "deadband " + fmt(deadband) + " is not narrower than the gap of " + fmt(high.get() - low.get())
                            + " between " + lowName + " and " + highName,
                    "less than " + fmt(high.get() - low.get())));
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

package de.dos2030.iot.config.model;

import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * One alarm rule of a sensor: which quantity (a sample quantity or a window feature such as
 * {@code vibration_rms}) it watches, its {@link Thresholds}, and the other checks the rule engine
 * runs: rate of change, flatline (max - min over the window is about zero) and no data. While the
 * rule is raised it drives the listed local {@link Action}s.
 */
public record RuleConfig(
        String id,
        Quantity quantity,
        Thresholds thresholds,
        Optional<RateOfChange> rateOfChange,
        Optional<Duration> flatline,
        Optional<Duration> noDataAfter,
        List<Action> actions) {

    public RuleConfig {
        actions = actions == null ? null : List.copyOf(actions);
        Violation.throwIfAny(
                "rule " + id, violations(id, quantity, thresholds, rateOfChange, flatline, noDataAfter, actions));
    }

    /** True when the rule compares values with limits (as opposed to only rate, flatline or no-data checks). */
    public boolean hasLimits() {
        return thresholds.hasLimit();
    }

    public static List<Violation> violations(
            String id,
            Quantity quantity,
            Thresholds thresholds,
            Optional<RateOfChange> rateOfChange,
            Optional<Duration> flatline,
            Optional<Duration> noDataAfter,
            List<Action> actions) {
        List<Violation> out = new ArrayList<>();
        Identifier.check("id", id).ifPresent(out::add);
        if (quantity == null
                || thresholds == null
                || rateOfChange == null
                || flatline == null
                || noDataAfter == null
                || actions == null) {
            out.add(Violation.of("", "quantity, thresholds, checks and actions must not be null"));
            return out;
        }
        if (!thresholds.hasLimit() && rateOfChange.isEmpty() && flatline.isEmpty() && noDataAfter.isEmpty()) {
            out.add(Violation.of(
                    "",
                    "rule '" + id + "' checks nothing: no default limits for " + quantity.wireName()
                            + " at this kind of site",
                    "warning-above, critical-above, warning-below, critical-below, "
                            + "rate-of-change, flatline, no-data-after"));
        }
        checkPlausible(out, "warning-above", thresholds.warningAbove(), quantity);
        checkPlausible(out, "critical-above", thresholds.criticalAbove(), quantity);
        checkPlausible(out, "warning-below", thresholds.warningBelow(), quantity);
        checkPlausible(out, "critical-below", thresholds.criticalBelow(), quantity);
        flatline.filter(d -> d.isNegative() || d.isZero())
                .ifPresent(d -> out.add(Violation.of("flatline", "must be a positive duration")));
        noDataAfter
                .filter(d -> d.isNegative() || d.isZero())
                .ifPresent(d -> out.add(Violation.of("no-data-after", "must be a positive duration")));
        if (new HashSet<>(actions).size() != actions.size()) {
            out.add(Violation.of("actions", "lists an action twice"));
        }
        if (!actions.isEmpty() && !thresholds.hasLimit()) {
            out.add(Violation.of(
                    "actions",
                    "local actions show warning/critical levels, but this rule has no limits",
                    "actions only on rules with limits"));
        }
        return out;
    }

    private static void checkPlausible(List<Violation> out, String key, Optional<Double> value, Quantity q) {
        value.filter(v -> !q.isPlausible(v))
                .ifPresent(v -> out.add(Violation.of(
                        key,
                        Thresholds.fmt(v) + " " + q.unit() + " is outside what a " + q.wireName()
                                + " sensor can report",
                        Thresholds.fmt(q.min()) + " to " + Thresholds.fmt(q.max()) + " " + q.unit())));
    }
}

package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.config.model.RuleConfig;
import de.dos2030.iot.model.Quantity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every check of one sensor: the state machines built from its configured rules (limits above and
 * below, rate of change, flatline, no data), one per rule and check, plus the built-in sensor-fault
 * check. Values are dispatched by quantity without allocating. Not thread-safe.
 */
public final class SensorRules {

    private final String sensorId;
    private final QuantityChecks[] byQuantity = new QuantityChecks[Quantity.values().length];
    private final SensorFaultCheck fault;
    private final List<AlertTracker> trackers = new ArrayList<>();
    private final List<NoDataCheck> noData = new ArrayList<>();
    private final List<LimitCheck> limitChecks = new ArrayList<>();

    /**
     * @param startNanos when the pipeline started: no-data timers run from here
     * @param store      restores alerts that were active when the agent stopped (no event is sent)
     */
    public SensorRules(String sensorId, List<RuleConfig> rules, AlertSink sink, long startNanos, RuleStateStore store) {
        this.sensorId = sensorId;
        for (RuleConfig rule : rules) {
            QuantityChecks checks = checksFor(rule.quantity());
            String unit = rule.quantity().unit();
            LimitCheck.above(tracker(rule, CheckKind.ABOVE, sink, store), unit, rule.thresholds())
                    .ifPresent(c -> checks.limits = append(checks.limits, c, limitChecks));
            LimitCheck.below(tracker(rule, CheckKind.BELOW, sink, store), unit, rule.thresholds())
                    .ifPresent(c -> checks.limits = append(checks.limits, c, limitChecks));
            rule.rateOfChange()
                    .ifPresent(r -> checks.rates = append(
                            checks.rates,
                            new RateOfChangeCheck(
                                    tracker(rule, CheckKind.RATE, sink, store),
                                    r,
                                    unit,
                                    rule.thresholds().clearAfter()),
                            null));
            rule.flatline()
                    .ifPresent(d -> checks.flatlines = append(
                            checks.flatlines,
                            new FlatlineCheck(
                                    tracker(rule, CheckKind.FLATLINE, sink, store),
                                    d,
                                    rule.quantity().resolution()),
                            null));
            rule.noDataAfter().ifPresent(d -> {
                NoDataCheck c = new NoDataCheck(tracker(rule, CheckKind.NO_DATA, sink, store), d, startNanos);
                checks.noData = append(checks.noData, c, noData);
            });
        }
        AlertTracker faultTracker =
                new AlertTracker(sensorId, SensorFaultCheck.RULE_ID, CheckKind.SENSOR_FAULT, null, sink);
        restore(faultTracker, store);
        trackers.add(faultTracker);
        fault = new SensorFaultCheck(faultTracker);
    }

    private AlertTracker tracker(RuleConfig rule, CheckKind kind, AlertSink sink, RuleStateStore store) {
        AlertTracker t = new AlertTracker(
                sensorId,
                rule.id(),
                kind,
                rule.quantity(),
                kind == CheckKind.ABOVE || kind == CheckKind.BELOW
                        ? java.util.Set.copyOf(rule.actions())
                        : java.util.Set.of(),
                sink);
        restore(t, store);
        trackers.add(t);
        return t;
    }

    private static void restore(AlertTracker t, RuleStateStore store) {
        store.get(t.key()).ifPresent(e -> t.restore(e.severity(), e.alertId(), e.raisedAtNanos()));
    }

    private QuantityChecks checksFor(Quantity q) {
        QuantityChecks c = byQuantity[q.ordinal()];
        if (c == null) {
            c = new QuantityChecks();
            byQuantity[q.ordinal()] = c;
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] append(T[] array, T item, List<? super T> also) {
        T[] out = java.util.Arrays.copyOf(array, array.length + 1);
        out[array.length] = item;
        if (also != null) {
            also.add(item);
        }
        return out;
    }

    public String sensorId() {
        return sensorId;
    }

    /** True when some rule watches {@code q}. */
    public boolean watches(Quantity q) {
        return byQuantity[q.ordinal()] != null;
    }

    /** A good sample of {@code q} taken at {@code nanos}. */
    public void accept(Quantity q, long nanos, double value) {
        accept(q, nanos, value, nanos);
    }

    /**
     * A good value of {@code q} at {@code nanos} that describes the time since {@code coveredSince}:
     * the sample time for a sample, the window start for a window feature.
     */
    public void accept(Quantity q, long nanos, double value, long coveredSince) {
        QuantityChecks c = byQuantity[q.ordinal()];
        if (c == null) {
            return;
        }
        for (NoDataCheck n : c.noData) {
            n.seen(nanos, value);
        }
        for (LimitCheck l : c.limits) {
            l.accept(nanos, value, coveredSince);
        }
        for (RateOfChangeCheck r : c.rates) {
            r.accept(nanos, value);
        }
        for (FlatlineCheck f : c.flatlines) {
            f.accept(nanos, value);
        }
    }

    public void fault(long nanos, String kind, String message) {
        fault.fault(nanos, kind, message);
    }

    public void recovered(long nanos) {
        fault.recovered(nanos);
    }

    /** The clock reads {@code nowNanos}: runs the no-data checks. */
    public void tick(long nowNanos) {
        for (NoDataCheck n : noData) {
            n.tick(nowNanos);
        }
    }

    /** All trackers of this sensor, the fault tracker last. */
    public List<AlertTracker> trackers() {
        return Collections.unmodifiableList(trackers);
    }

    /** The limit state machines, for {@code watch} and tests. */
    public List<LimitCheck> limitChecks() {
        return Collections.unmodifiableList(limitChecks);
    }

    public boolean anyActive() {
        for (AlertTracker t : trackers) {
            if (t.isActive()) {
                return true;
            }
        }
        return false;
    }

    private static final class QuantityChecks {
        LimitCheck[] limits = new LimitCheck[0];
        RateOfChangeCheck[] rates = new RateOfChangeCheck[0];
        FlatlineCheck[] flatlines = new FlatlineCheck[0];
        NoDataCheck[] noData = new NoDataCheck[0];
    }
}

package de.dos2030.iot.edge.pipeline.capture;

import de.dos2030.iot.edge.pipeline.rules.AlertTracker;
import de.dos2030.iot.edge.pipeline.rules.CheckKind;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quantity;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which alert transitions start raw captures: the first raise (not a severity change) of a limit or
 * rate check on vibration, acceleration, strain or tilt. Flatline, missing data and sensor faults
 * say a sensor is broken, not that the structure moved: nothing worth capturing.
 *
 * <p>A trigger starts a capture on every capturing sensor of the gateway, not only the alarm's own:
 * a strain alarm's raw acceleration (and the other way round) is what explains the event.
 */
public final class CaptureTrigger {
    private static final Set<CheckKind> KINDS = EnumSet.of(CheckKind.ABOVE, CheckKind.BELOW, CheckKind.RATE);
    private static final Set<Quantity> QUANTITIES = EnumSet.of(Quantity.ACCELERATION, Quantity.STRAIN, Quantity.TILT);

    private CaptureTrigger() {}

    public static boolean fires(AlertTracker tracker, AlertEvent event) {
        Quantity q = tracker.quantity();
        return event.state() == AlertState.RAISED
                && KINDS.contains(tracker.kind())
                && q != null
                && (QUANTITIES.contains(q) || q.isVibrationFeature())
                && event.time() != null
                // A severity change is a second RAISED of the same alert, later than its raise.
                && Math.floorDiv(tracker.raisedAtNanos(), 1_000_000L)
                        == event.time().toEpochMilli();
    }
}

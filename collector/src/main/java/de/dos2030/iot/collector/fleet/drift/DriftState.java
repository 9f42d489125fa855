package de.dos2030.iot.collector.fleet.drift;

import de.dos2030.iot.collector.fleet.reported.ReportedChange;
import de.dos2030.iot.model.FleetChange;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/** Where a gateway stands against what is desired of it, for one kind of change (configuration or agent). */
public enum DriftState {
    /** Nothing is desired: the gateway runs what it was installed with. */
    NONE,
    /** It reports the desired version, committed. */
    IN_SYNC,
    /** Asked, not yet there (or applying it and watching it). */
    PENDING,
    /** It tried the desired version and went back to the previous one. */
    ROLLED_BACK,
    /** It refused the desired version (invalid, unsigned, for another gateway). */
    REFUSED;

    /** {@code in-sync}, {@code rolled-back}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The judgement: desired version, the version the gateway runs, and its latest change of this kind. */
    public static DriftState of(@Nullable String desired, @Nullable String reported, @Nullable ReportedChange latest) {
        if (desired == null) {
            return NONE;
        }
        if (latest != null && latest.version().equals(desired)) {
            switch (latest.outcome()) {
                case ROLLED_BACK:
                    return ROLLED_BACK;
                case REFUSED:
                    return REFUSED;
                case APPLYING:
                    return PENDING;
                default:
                    break;
            }
        }
        return desired.equals(reported) ? IN_SYNC : PENDING;
    }

    /** Whether this outcome ends a change on the gateway badly. */
    static boolean failed(FleetChange.Outcome o) {
        return o == FleetChange.Outcome.ROLLED_BACK || o == FleetChange.Outcome.REFUSED;
    }
}

package de.dos2030.iot.collector.fleet.rollout;

import de.dos2030.iot.model.FleetChange;
import java.util.Locale;

/** What a rollout changes on its gateways. Only configurations roll out so far; agents plug in the same way. */
public enum RolloutKind {
    CONFIG(FleetChange.Kind.CONFIG),
    AGENT(FleetChange.Kind.AGENT);

    private final FleetChange.Kind change;

    RolloutKind(FleetChange.Kind change) {
        this.change = change;
    }

    /** The kind of change the gateways report for it. */
    public FleetChange.Kind change() {
        return change;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code config} or {@code agent}. */
    public static RolloutKind parse(String s) {
        for (RolloutKind k : values()) {
            if (k.wireName().equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind '" + s + "' is unknown (allowed: config, agent)");
    }
}

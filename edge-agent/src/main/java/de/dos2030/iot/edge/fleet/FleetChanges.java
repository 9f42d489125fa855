package de.dos2030.iot.edge.fleet;

import de.dos2030.iot.model.FleetChange;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest remote change per kind (configuration, agent) and where it stands: what the health
 * report carries as {@code changes}. The configuration applier records CONFIG outcomes, the agent
 * updater AGENT outcomes. Thread-safe.
 */
public final class FleetChanges {

    private final Map<FleetChange.Kind, FleetChange> latest = new EnumMap<>(FleetChange.Kind.class);

    /** Remembers {@code change} as the latest of its kind. */
    public synchronized void record(FleetChange change) {
        Objects.requireNonNull(change, "change");
        latest.put(change.kind(), change);
    }

    /** The latest change of each kind, configuration first; empty when there was none. */
    public synchronized List<FleetChange> latest() {
        return List.copyOf(new ArrayList<>(latest.values()));
    }
}

package de.dos2030.iot.collector.fleet.release;

import de.dos2030.iot.collector.fleet.AgentRelease;
import de.dos2030.iot.collector.fleet.DesiredAgents;
import jakarta.inject.Singleton;
import java.util.Optional;

/** {@link DesiredAgents} from the database ({@code desired_agent}, set by {@code PUT /admin/gateways/{id}/agent}). */
@Singleton
public class StoredDesiredAgents implements DesiredAgents {
    private final ReleaseStore store;

    public StoredDesiredAgents(ReleaseStore store) {
        this.store = store;
    }

    @Override
    public Optional<AgentRelease> desiredFor(String gatewayId) {
        return store.desired(gatewayId).map(r -> new AgentRelease(r.version(), r.sha256(), r.signature(), r.url()));
    }
}

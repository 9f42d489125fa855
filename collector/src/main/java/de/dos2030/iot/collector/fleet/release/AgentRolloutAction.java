package de.dos2030.iot.collector.fleet.release;

import de.dos2030.iot.collector.fleet.DesiredAgentChanged;
import de.dos2030.iot.collector.fleet.rollout.Rollout;
import de.dos2030.iot.collector.fleet.rollout.RolloutAction;
import de.dos2030.iot.collector.fleet.rollout.RolloutKind;
import de.dos2030.iot.collector.gateways.Gateway;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * An agent rollout: each gateway is asked to run the rollout's release, as {@code PUT /admin/gateways/{id}/agent}
 * would ask it; the gateways report the outcome in health like a configuration's, so the same worker judges it.
 */
@Singleton
public class AgentRolloutAction implements RolloutAction {
    private final ReleaseStore store;
    private final ApplicationEventPublisher<DesiredAgentChanged> changes;
    private final Clock clock;

    public AgentRolloutAction(ReleaseStore store, ApplicationEventPublisher<DesiredAgentChanged> changes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public RolloutKind kind() {
        return RolloutKind.AGENT;
    }

    @Override
    public String targetVersion(Gateway gateway, Rollout rollout) {
        String version = rollout.target();
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is missing: an agent rollout names an uploaded release");
        }
        if (store.find(version).isEmpty()) {
            throw new IllegalArgumentException(
                    "version '" + version + "' is not an uploaded release (see GET /admin/releases)");
        }
        return version;
    }

    @Override
    public void apply(Gateway gateway, Rollout rollout) {
        var before = store.desire(gateway.id(), rollout.target(), "rollout " + rollout.id(), clock.instant());
        if (!before.filter(rollout.target()::equals).isPresent()) {
            changes.publishEvent(new DesiredAgentChanged(gateway.id()));
        }
    }
}

package de.dos2030.iot.collector.fleet;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The {@link DesiredAgents} used until agent releases are managed (issue 20, the agent update part):
 * no gateway is asked to change its agent. Any other {@link DesiredAgents} bean replaces this one.
 */
@Singleton
@Secondary
public class NoDesiredAgents implements DesiredAgents {
    @Override
    public Optional<AgentRelease> desiredFor(String gatewayId) {
        return Optional.empty();
    }
}

package de.dos2030.iot.collector.fleet;

import java.util.Optional;

/** Which agent release each gateway should run; the desired-state document asks this. */
public interface DesiredAgents {
    Optional<AgentRelease> desiredFor(String gatewayId);
}

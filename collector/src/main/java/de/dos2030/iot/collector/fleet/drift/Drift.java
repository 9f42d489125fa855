package de.dos2030.iot.collector.fleet.drift;

import de.dos2030.iot.collector.activity.ActivityTracker;
import de.dos2030.iot.collector.activity.GatewaySeen;
import de.dos2030.iot.collector.fleet.AgentRelease;
import de.dos2030.iot.collector.fleet.DesiredAgents;
import de.dos2030.iot.collector.fleet.config.DesiredConfigStore;
import de.dos2030.iot.collector.fleet.reported.ReportedChange;
import de.dos2030.iot.collector.fleet.reported.ReportedChanges;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayDriftSource;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.model.FleetChange;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drift view: per gateway, the desired configuration and agent version against what its health reports,
 * with the latest outcome and its reason. Reads the registry, the desired configurations, {@link DesiredAgents},
 * the activity (reported versions) and the reported changes. Thread-safe, blocking.
 */
@Singleton
public class Drift implements GatewayDriftSource {
    private final GatewayRegistry registry;
    private final DesiredConfigStore configs;
    private final DesiredAgents agents;
    private final ActivityTracker activity;
    private final ReportedChanges reported;

    public Drift(
            GatewayRegistry registry,
            DesiredConfigStore configs,
            DesiredAgents agents,
            ActivityTracker activity,
            ReportedChanges reported) {
        this.registry = registry;
        this.configs = configs;
        this.agents = agents;
        this.activity = activity;
        this.reported = reported;
    }

    /** Every registered gateway, by id. */
    public List<GatewayDrift> all() {
        Map<String, String> desired = configs.versions();
        Map<String, GatewaySeen> seen = activity.gateways();
        Map<String, Map<FleetChange.Kind, ReportedChange>> changes = reported.all();
        List<GatewayDrift> out = new ArrayList<>();
        for (Gateway g : registry.list()) {
            out.add(of(g, desired.get(g.id()), seen.get(g.id()), changes.getOrDefault(g.id(), Map.of())));
        }
        return out;
    }

    public Optional<GatewayDrift> of(String gatewayId) {
        return registry.find(gatewayId)
                .map(g -> of(
                        g,
                        configs.find(g.id()).map(c -> c.version()).orElse(null),
                        activity.gateway(g.id()).orElse(null),
                        reported.of(g.id())));
    }

    @Override
    public Optional<Object> driftOf(String gatewayId) {
        return of(gatewayId).map(d -> d);
    }

    private GatewayDrift of(
            Gateway g, String desiredConfig, GatewaySeen seen, Map<FleetChange.Kind, ReportedChange> changes) {
        String desiredAgent =
                agents.desiredFor(g.id()).map(AgentRelease::version).orElse(null);
        return new GatewayDrift(
                g.id(),
                g.siteId(),
                g.siteKind().wireName(),
                GatewayDrift.Side.of(
                        desiredConfig,
                        seen == null ? null : seen.configVersion(),
                        changes.get(FleetChange.Kind.CONFIG)),
                GatewayDrift.Side.of(
                        desiredAgent, seen == null ? null : seen.agentVersion(), changes.get(FleetChange.Kind.AGENT)));
    }
}

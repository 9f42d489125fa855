package de.dos2030.iot.edge.source;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.config.model.StiffnessLoss;
import de.dos2030.iot.model.SiteKind;
import java.util.List;

/**
 * The agent's {@code --simulate-damage f1:3%}: the gateway file with every simulated bridge sensor's
 * {@code damage} replaced by the given stiffness losses, so that a demo can make a bridge lose
 * stiffness without editing its file.
 */
public final class SimulatedDamage {

    private SimulatedDamage() {}

    /**
     * @throws IllegalArgumentException when the gateway has no simulated bridge sensor (nothing to damage)
     */
    public static GatewayConfig apply(GatewayConfig gateway, List<StiffnessLoss> losses) {
        boolean any = false;
        List<SensorConfig> sensors = new java.util.ArrayList<>();
        for (SensorConfig s : gateway.sensors()) {
            if (s.source() instanceof SourceConfig.Simulated sim
                    && sim.scenario().siteKind() == SiteKind.BRIDGE) {
                any = true;
                sensors.add(s.withSource(sim.withDamage(losses)));
            } else {
                sensors.add(s);
            }
        }
        if (!any) {
            throw new IllegalArgumentException("gateway " + gateway.id()
                    + " has no simulated bridge sensor to damage: use a file with source"
                    + " {kind: simulated, scenario: bridge-traffic} such as bridge-simulated.yaml");
        }
        return new GatewayConfig(
                gateway.id(),
                gateway.site(),
                gateway.uplink(),
                gateway.outbox(),
                sensors,
                gateway.outputs(),
                gateway.fleet());
    }
}

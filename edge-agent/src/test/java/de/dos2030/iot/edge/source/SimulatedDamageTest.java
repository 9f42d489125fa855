package de.dos2030.iot.edge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.config.model.StiffnessLoss;
import de.dos2030.iot.edge.pipeline.TestGateways;
import org.junit.jupiter.api.Test;

/** {@code --simulate-damage}: every simulated bridge sensor gets the losses; nothing else changes. */
class SimulatedDamageTest {

    @Test
    void everySimulatedBridgeSensorCarriesTheDamageAndKeepsTheRest() throws Exception {
        GatewayConfig healthy = GatewayConfigLoader.load(TestGateways.example("bridge-simulated.yaml"));

        GatewayConfig damaged = SimulatedDamage.apply(healthy, StiffnessLoss.parse("f1:3%,f3:1%"));

        assertThat(damaged.sensors()).hasSameSizeAs(healthy.sensors());
        for (int i = 0; i < healthy.sensors().size(); i++) {
            SourceConfig.Simulated sim =
                    (SourceConfig.Simulated) damaged.sensors().get(i).source();
            assertThat(sim.damage())
                    .extracting(StiffnessLoss::mode, StiffnessLoss::fraction)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("f1", 0.03),
                            org.assertj.core.groups.Tuple.tuple("f3", 0.01));
            assertThat(damaged.sensors().get(i).modes())
                    .isEqualTo(healthy.sensors().get(i).modes());
        }
    }

    @Test
    void aGatewayWithoutASimulatedBridgeIsToldWhatToUse() throws Exception {
        GatewayConfig replay = GatewayConfigLoader.load(TestGateways.example("bridge-replay.yaml"));

        assertThatThrownBy(() -> SimulatedDamage.apply(replay, StiffnessLoss.parse("f1:3%")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no simulated bridge sensor")
                .hasMessageContaining("bridge-simulated.yaml");
    }
}

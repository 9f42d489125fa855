package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.GatewayConfig;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WriteThenLoadPropertyTest {

    @Provide
    Arbitrary<GatewayConfig> gateways() {
        return Arbitraries.randomValue(random -> new RandomGateways(random).gateway());
    }

    @Property(tries = 300)
    void randomValidConfigSurvivesWriteThenLoadUnchanged(@ForAll("gateways") GatewayConfig config) throws Exception {
        String yaml = GatewayConfigWriter.toYaml(config);

        GatewayConfig loaded = GatewayConfigLoader.loadString(yaml, Path.of("/nonexistent-base"), "written.yaml");

        assertThat(loaded).isEqualTo(config);
    }

    @Property(tries = 50)
    void writtenFilesAreStableUnderASecondRoundTrip(@ForAll("gateways") GatewayConfig config) throws Exception {
        String once = GatewayConfigWriter.toYaml(config);
        String twice = GatewayConfigWriter.toYaml(GatewayConfigLoader.loadString(once, Path.of("/"), "w.yaml"));
        assertThat(twice).isEqualTo(once);
    }
}

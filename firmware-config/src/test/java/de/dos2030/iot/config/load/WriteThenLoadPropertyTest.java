package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.model.GatewayConfig;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class WriteThenLoadPropertyTest {
    /** Every run tries the same configs; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    static Gen<GatewayConfig> gateways() {
        return longs().all().map(seed -> new RandomGateways(new Random(seed)).gateway());
    }

    @Test
    void randomValidConfigSurvivesWriteThenLoadUnchanged() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(gateways()).checkAssert(config -> {
            String yaml = GatewayConfigWriter.toYaml(config);

            GatewayConfig loaded = load(yaml, Path.of("/nonexistent-base"), "written.yaml");

            assertThat(loaded).isEqualTo(config);
        });
    }

    @Test
    void writtenFilesAreStableUnderASecondRoundTrip() {
        qt().withFixedSeed(SEED).withExamples(50).forAll(gateways()).checkAssert(config -> {
            String once = GatewayConfigWriter.toYaml(config);
            String twice = GatewayConfigWriter.toYaml(load(once, Path.of("/"), "w.yaml"));
            assertThat(twice).isEqualTo(once);
        });
    }

    private static GatewayConfig load(String yaml, Path base, String fileName) {
        try {
            return GatewayConfigLoader.loadString(yaml, base, fileName);
        } catch (ConfigException e) {
            throw new AssertionError("a written config did not load:\n" + e.getMessage() + "\n" + yaml, e);
        }
    }
}

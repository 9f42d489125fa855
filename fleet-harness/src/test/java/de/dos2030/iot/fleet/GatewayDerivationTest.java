package de.dos2030.iot.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.model.SiteKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayDerivationTest {

    static final Path SCHOOL_TEMPLATE = Path.of("../firmware-config/examples/school-simulated.yaml");
    static final URI BROKER = URI.create("tcp://127.0.0.1:21884");

    @TempDir
    Path work;

    @Test
    void aMemberGetsItsOwnIdSiteOutboxAndBrokerAndKeepsTheTemplatesSensors() throws Exception {
        GatewayConfig template = GatewayConfigLoader.load(SCHOOL_TEMPLATE);
        Path dir = work.resolve("lt-school-0003");

        GatewayConfig member = GatewayDerivation.derive(
                template, new FleetPlan.Member("lt-school-0003", "lt-gs-0003", SiteKind.SCHOOL, 2), BROKER, dir);

        assertThat(member.id()).isEqualTo("lt-school-0003");
        assertThat(member.site().id()).isEqualTo("lt-gs-0003");
        assertThat(member.outbox().directory()).isEqualTo(dir.resolve("outbox"));
        assertThat(member.uplink().primary().url()).isEqualTo(BROKER);
        assertThat(member.uplink().primary().clientId()).isEqualTo("lt-school-0003");
        assertThat(member.uplink().primary().credentialsFile()).isEmpty();
        assertThat(member.uplink().alternative()).isEmpty();
        assertThat(member.sensors()).hasSameSizeAs(template.sensors());
    }

    @Test
    void simulationSeedsMoveWithTheMembersIndexAndCredentialsAreUsedWhenPresent() throws Exception {
        GatewayConfig template = GatewayConfigLoader.load(SCHOOL_TEMPLATE);
        Path dir = Files.createDirectories(work.resolve("lt-school-0002"));
        Files.writeString(dir.resolve("mqtt.properties"), "username=lt-school-0002\npassword=secret\n");

        GatewayConfig member = GatewayDerivation.derive(
                template, new FleetPlan.Member("lt-school-0002", "lt-gs-0002", SiteKind.SCHOOL, 1), BROKER, dir);

        assertThat(member.uplink().primary().credentialsFile()).contains(dir.resolve("mqtt.properties"));
        int simulated = 0;
        for (int i = 0; i < template.sensors().size(); i++) {
            if (template.sensors().get(i).source() instanceof SourceConfig.Simulated sim) {
                assertThat(((SourceConfig.Simulated) member.sensors().get(i).source()).seed())
                        .isEqualTo(sim.seed() + 1000);
                simulated++;
            }
        }
        assertThat(simulated).isPositive();
    }
}

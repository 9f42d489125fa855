package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.config.model.Defaults;
import de.dos2030.iot.config.model.FleetConfig;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.InvalidConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetConfigTest {

    private static final String GATEWAY = """
            id: school-test
            site: {id: test-school, kind: school, name: Test school, room: R1}
            uplink:
              primary: {url: "tcp://127.0.0.1:11883"}
            outbox: {directory: /tmp/outbox}
            sensors:
              - id: air
                driver: scd41
                i2c: {address: 0x62}
            """;

    @Test
    void aFileWithoutFleetSectionTakesNoRemoteChanges() throws Exception {
        GatewayConfig c = GatewayConfigLoader.loadString(GATEWAY, Path.of("/etc/dos"), "g.yaml");

        assertThat(c.fleet()).isEmpty();
    }

    @Test
    void fillsFleetDefaultsAndResolvesTheReleaseKeyAgainstTheFile() throws Exception {
        String yaml = GATEWAY + """
                fleet:
                  collector-url: https://collector.example:8443
                  release-key: keys/release.pub
                """;
        FleetConfig f = GatewayConfigLoader.loadString(yaml, Path.of("/etc/dos"), "g.yaml")
                .fleet()
                .orElseThrow();

        assertThat(f.collectorUrl()).contains(URI.create("https://collector.example:8443"));
        assertThat(f.releaseKey()).contains(Path.of("/etc/dos/keys/release.pub"));
        assertThat(f.pullInterval()).isEqualTo(Defaults.FLEET_PULL_INTERVAL);
        assertThat(f.applyWatch()).isEqualTo(Defaults.FLEET_APPLY_WATCH);
        assertThat(f.updateWatch()).isEqualTo(Defaults.FLEET_UPDATE_WATCH);
    }

    @Test
    void anEmptyFleetSectionMeansRemoteConfigurationOverMqttOnly() throws Exception {
        FleetConfig f = GatewayConfigLoader.loadString(GATEWAY + "fleet: {apply-watch: 30s}\n", Path.of("/"), "g.yaml")
                .fleet()
                .orElseThrow();

        assertThat(f.collectorUrl()).isEmpty();
        assertThat(f.applyWatch()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void writesTheFleetSectionBackAsItWasRead() throws Exception {
        String yaml = GATEWAY + "fleet: {collector-url: http://c:8080, pull-interval: 1m, apply-watch: 20s}\n";
        GatewayConfig c = GatewayConfigLoader.loadString(yaml, Path.of("/"), "g.yaml");

        GatewayConfig again = GatewayConfigLoader.loadString(GatewayConfigWriter.toYaml(c), Path.of("/"), "g.yaml");

        assertThat(again.fleet()).isEqualTo(c.fleet());
    }

    @Test
    void theRecordRefusesAPullEveryFewSeconds() {
        assertThatThrownBy(() -> new FleetConfig(
                        Optional.empty(),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(2),
                        Optional.empty(),
                        Duration.ofMinutes(5)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("pull-interval: 1s is too short (allowed: at least 10s)");
    }
}

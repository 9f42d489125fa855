package de.dos2030.iot.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.fleet.ConfigVersion;
import de.dos2030.iot.model.SiteKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteStartTest {

    @TempDir
    Path work;

    private GatewayConfig member(Path dir) throws Exception {
        return GatewayDerivation.derive(
                GatewayConfigLoader.load(GatewayDerivationTest.SCHOOL_TEMPLATE),
                new FleetPlan.Member("rt-school-0001", "rt-gs-0001", SiteKind.SCHOOL, 0),
                URI.create("tcp://127.0.0.1:46884"),
                dir);
    }

    @Test
    void theDerivedFileIsInstalledWithAFleetSectionAndRunsWhenNothingWasCommitted() throws Exception {
        Path dir = Files.createDirectories(work.resolve("rt-school-0001"));

        RemoteStart start = RemoteStart.prepare(member(dir), dir, dir.resolve("state"), Duration.ofSeconds(7));

        String installed = Files.readString(dir.resolve(RemoteStart.INSTALLED_FILE));
        assertThat(start.config().fleet())
                .hasValueSatisfying(f -> assertThat(f.applyWatch()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(start.version()).isEqualTo(ConfigVersion.of(installed));
        assertThat(start.remote().yaml()).isEqualTo(installed);
        assertThat(start.remote().baseDirectory()).isEqualTo(dir);
        assertThat(start.remote().startupChange()).isEmpty();
    }

    @Test
    void aCommittedRemoteFileRunsInsteadOfTheInstalledOneAtTheNextStart() throws Exception {
        Path dir = Files.createDirectories(work.resolve("rt-school-0001"));
        RemoteStart first = RemoteStart.prepare(member(dir), dir, dir.resolve("state"), Duration.ofSeconds(20));
        String committed = first.remote().yaml().replace("max-age: 30s", "max-age: 20s");
        Files.createDirectories(dir.resolve("state/config"));
        Files.writeString(dir.resolve("state/config/active.yaml"), committed);

        RemoteStart again = RemoteStart.prepare(member(dir), dir, dir.resolve("state"), Duration.ofSeconds(20));

        assertThat(again.version()).isEqualTo(ConfigVersion.of(committed));
        assertThat(again.config().uplink().batching().maxAge()).isEqualTo(Duration.ofSeconds(20));
        assertThat(again.remote().yaml()).isEqualTo(committed);
    }
}

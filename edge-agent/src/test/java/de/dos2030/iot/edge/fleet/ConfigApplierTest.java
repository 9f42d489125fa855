package de.dos2030.iot.edge.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxSettings;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.FleetChange.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The applier's decisions that need no running sensors: what it refuses, ignores, and how it rolls back. */
class ConfigApplierTest {

    @TempDir
    Path tmp;

    String running;
    Outbox outbox;
    final FleetChanges changes = new FleetChanges();
    final List<String> switchedTo = new ArrayList<>();
    final SensorWatch silentSensor = new SensorWatch() {
        @Override
        public Optional<String> broken() {
            return Optional.of("sensor 'r1-air' (SHT4x at i2c-1 0x45) could not be opened: no chip");
        }

        @Override
        public Optional<String> silent() {
            return Optional.empty();
        }
    };
    Target target;
    ConfigApplier applier;

    final class Target implements Reconfigurable {
        Running now;
        int health;

        @Override
        public Running running() {
            return now;
        }

        @Override
        public SensorWatch switchTo(Running next, String orphanReason) {
            switchedTo.add(next.version() + " " + orphanReason);
            now = next;
            return silentSensor;
        }

        @Override
        public void reportHealth() {
            health++;
        }
    }

    String yaml(String gatewayId, String outboxDir, String address) {
        return DesiredDocuments.school("tcp://127.0.0.1:1", outboxDir, address, "1s")
                .replace("id: rc-gw", "id: " + gatewayId);
    }

    @BeforeEach
    void open() throws Exception {
        running = yaml("rc-gw", tmp.resolve("outbox").toString(), "0x44");
        GatewayConfig config = GatewayConfigLoader.loadString(running, tmp, "a.yaml");
        outbox = Outbox.open(
                OutboxSettings.of(config.outbox()), new BatchOrigin("rc-gw", "rc-site", "boot"), Clock.systemUTC());
        target = new Target();
        target.now = new Reconfigurable.Running(config, running, ConfigVersion.of(running));
        applier = new ConfigApplier(
                target, new ConfigFiles(tmp.resolve("state")), changes, outbox, Clock.systemUTC(), tmp);
    }

    @AfterEach
    void close() {
        applier.close();
        outbox.close();
    }

    FleetChange apply(String yaml) {
        return applier.apply(new DesiredState.ConfigPart(ConfigVersion.of(yaml), yaml))
                .orElseThrow();
    }

    @Test
    void refusesAnInvalidFileWithTheLoadersLineAndColumn() {
        String yaml = running.replace("sample-interval: 1s", "sample-interval: 1 parsec");

        FleetChange c = apply(yaml);

        assertThat(c.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(c.reason()).startsWith("desired " + ConfigVersion.of(yaml) + ":12:22: sensors[0].sample-interval");
        assertThat(switchedTo).isEmpty();
        assertThat(target.health).as("the refusal is reported at once").isEqualTo(1);
        assertThat(applier.apply(new DesiredState.ConfigPart(ConfigVersion.of(yaml), yaml)))
                .as("nor refused again when the retained message comes again")
                .isEmpty();
    }

    @Test
    void refusesAnotherGatewayIdOrOutboxDirectory() {
        FleetChange otherId = apply(yaml("rc-other", tmp.resolve("outbox").toString(), "0x44"));
        FleetChange otherOutbox = apply(yaml("rc-gw", tmp.resolve("elsewhere").toString(), "0x44"));

        assertThat(otherId.reason()).contains("for gateway 'rc-other', this is 'rc-gw'");
        assertThat(otherOutbox.reason()).contains("moves the outbox to " + tmp.resolve("elsewhere"));
        assertThat(List.of(otherId.outcome(), otherOutbox.outcome())).containsOnly(Outcome.REFUSED);
        assertThat(switchedTo).isEmpty();
    }

    @Test
    void rollsBackWhenASensorCannotBeOpenedAndDoesNotTryThatVersionAgain() {
        String broken = yaml("rc-gw", tmp.resolve("outbox").toString(), "0x45");

        FleetChange c = apply(broken);

        assertThat(c.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(c.reason()).isEqualTo("sensor 'r1-air' (SHT4x at i2c-1 0x45) could not be opened: no chip");
        assertThat(switchedTo)
                .containsExactly(
                        ConfigVersion.of(broken) + " rule removed by configuration " + ConfigVersion.of(broken),
                        ConfigVersion.of(running) + " rule removed by rolling back to configuration "
                                + ConfigVersion.of(running));
        assertThat(target.running().version()).isEqualTo(ConfigVersion.of(running));
        assertThat(changes.latest()).containsExactly(c);
        assertThat(tmp.resolve("state/config/rollback.yaml")).doesNotExist();
        assertThat(applier.apply(new DesiredState.ConfigPart(ConfigVersion.of(broken), broken)))
                .isEmpty();
    }

    @Test
    void ignoresTheVersionThatRunsAlready() {
        assertThat(applier.apply(new DesiredState.ConfigPart(ConfigVersion.of(running), running)))
                .isEmpty();
        assertThat(changes.latest()).isEmpty();
    }
}

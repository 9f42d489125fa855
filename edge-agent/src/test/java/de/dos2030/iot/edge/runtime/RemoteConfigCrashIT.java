package de.dos2030.iot.edge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.dos2030.iot.edge.fleet.ConfigVersion;
import de.dos2030.iot.edge.fleet.DesiredDocuments;
import de.dos2030.iot.edge.uplink.Poll;
import de.dos2030.iot.edge.uplink.mqtt.CollectorResponder;
import de.dos2030.iot.edge.uplink.mqtt.MosquittoProcess;
import de.dos2030.iot.model.FleetChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a child process, killed with SIGKILL while it watches a new configuration: started
 * again, it runs the configuration from before the apply, reports the interrupted one as rolled back
 * ("agent restarted during apply") in a stored health report, and does not try it again although the
 * retained message still asks for it.
 */
class RemoteConfigCrashIT {

    @TempDir
    Path tmp;

    MosquittoProcess broker;
    CollectorResponder collector;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(MosquittoProcess.available(), "Debian's mosquitto is not installed");
        broker = new MosquittoProcess(tmp.resolve("broker")).start();
        collector = CollectorResponder.storingEverything(broker.url());
    }

    @AfterEach
    void stop() throws Exception {
        collector.close();
        broker.close();
    }

    @Test
    void aKillDashNineDuringTheWatchComesBackOnThePreviousConfigurationAndReportsRolledBack() throws Exception {
        String outbox = tmp.resolve("outbox").toString();
        String before = DesiredDocuments.school(broker.url(), outbox, "0x44", "5m");
        String desired = "# a good change, killed while it proves itself\n" + before;
        Path file = tmp.resolve("gw.yaml");
        Files.writeString(file, before);
        Path state = tmp.resolve("outbox.state");

        try (AgentProcess first = new AgentProcess(file)) {
            first.awaitLine(l -> l.contains("event=agent-started"), Duration.ofSeconds(30));
            publishRetained(DesiredDocuments.config(desired));
            first.awaitLine(l -> l.contains("event=config-watch"), Duration.ofSeconds(30));
            first.kill9();
        }
        assertThat(state.resolve("config/rollback.yaml")).exists();

        try (AgentProcess second = new AgentProcess(file)) {
            second.awaitLine(l -> l.contains("event=agent-started"), Duration.ofSeconds(30));
            assertThat(second.lines(l -> l.contains("event=config-rolled-back")))
                    .as(second.log())
                    .singleElement()
                    .asString()
                    .contains(ConfigVersion.of(desired), "agent restarted during apply");
            assertThat(second.lines(l -> l.contains("event=config-source")))
                    .singleElement()
                    .asString()
                    .contains("active.yaml", "version=" + ConfigVersion.of(before));
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> collector.received().stream()
                            .map(r -> r.batch().health())
                            .filter(h -> h != null)
                            .anyMatch(h -> h.configVersion().equals(ConfigVersion.of(before))
                                    && h.changes().stream()
                                            .anyMatch(c -> c.outcome() == FleetChange.Outcome.ROLLED_BACK
                                                    && c.version().equals(ConfigVersion.of(desired))
                                                    && "agent restarted during apply".equals(c.reason()))),
                    () -> "a stored health report with the rollback; " + second.log());
            second.awaitLine(l -> l.contains("event=desired-config-received"), Duration.ofSeconds(10));
            Thread.sleep(1000); // the applier would log config-watch at once if it tried the version again
            assertThat(second.lines(l -> l.contains("event=config-watch"))).isEmpty();
            assertThat(Files.readString(state.resolve("config/active.yaml"))).isEqualTo(before);
            assertThat(state.resolve("config/rollback.yaml")).doesNotExist();
            assertThat(state.resolve("config/pending.yaml")).doesNotExist();
        }
    }

    private void publishRetained(byte[] document) throws Exception {
        MqttClient operator =
                new MqttClient(broker.url(), "test-operator-" + System.nanoTime(), new MemoryPersistence());
        operator.connect();
        operator.publish("dos/rc-site/rc-gw/desired", new MqttMessage(document, 1, true, null));
        operator.disconnect();
        operator.close();
    }
}

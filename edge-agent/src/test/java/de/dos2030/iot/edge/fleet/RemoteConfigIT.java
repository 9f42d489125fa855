package de.dos2030.iot.edge.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.edge.pipeline.rules.RuleStateStore;
import de.dos2030.iot.edge.runtime.Agent;
import de.dos2030.iot.edge.uplink.Poll;
import de.dos2030.iot.edge.uplink.mqtt.CollectorResponder;
import de.dos2030.iot.edge.uplink.mqtt.MosquittoProcess;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.FleetChange.Outcome;
import de.dos2030.iot.model.Reading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent with a simulated SHT4x against a real Mosquitto and a test collector that stores
 * everything: a retained desired configuration is applied in-process and committed, a broken one
 * (the sensor at an address where no chip sits) rolls back, and across both switches every batch
 * arrives once, in one unbroken sequence, with no reading twice; an alarm whose rule stays stays
 * active, one whose rule went is cleared with the reason.
 */
class RemoteConfigIT {

    static final String WARM = "{id: r1-warm, quantity: temperature, warning-above: -40, raise-after: 0s}";
    static final String DAMP = "{id: r1-damp, quantity: humidity, warning-above: 1, raise-after: 0s}";

    @TempDir
    Path tmp;

    MosquittoProcess broker;
    CollectorResponder collector;
    MqttClient operator;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(MosquittoProcess.available(), "Debian's mosquitto is not installed");
        broker = new MosquittoProcess(tmp.resolve("broker")).start();
        collector = CollectorResponder.storingEverything(broker.url());
        operator = new MqttClient(broker.url(), "test-operator-" + System.nanoTime(), new MemoryPersistence());
        operator.connect();
    }

    @AfterEach
    void stop() throws Exception {
        operator.disconnect();
        operator.close();
        collector.close();
        broker.close();
    }

    void desire(String yaml) throws Exception {
        operator.publish("dos/rc-site/rc-gw/desired", new MqttMessage(DesiredDocuments.config(yaml), 1, true, null));
    }

    @Test
    void commitsAGoodConfigurationRollsBackABrokenOneAndLosesNoReadingOrAlarm() throws Exception {
        String outbox = tmp.resolve("outbox").toString();
        String a = DesiredDocuments.school(broker.url(), outbox, "0x44", "3s", WARM, DAMP);
        String b = "# without the humidity rule\n" + DesiredDocuments.school(broker.url(), outbox, "0x44", "3s", WARM);
        String c = "# the sensor moved to 0x45, where no chip answers\n"
                + DesiredDocuments.school(broker.url(), outbox, "0x45", "3s", WARM);
        Path state = tmp.resolve("state");
        Agent agent = new Agent(
                GatewayConfigLoader.loadString(a, tmp, "a.yaml"),
                ConfigVersion.of(a),
                new Agent.Options(Duration.ofHours(1), state),
                new Agent.Remote(a, tmp, Optional.empty()));
        try {
            agent.start();
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> raised("r1-warm") && raised("r1-damp"),
                    () -> "both alarms raised; alerts: " + alerts());

            desire(b);
            FleetChange committed = awaitOutcome(agent, ConfigVersion.of(b), Outcome.COMMITTED);
            assertThat(committed.reason()).isNull();
            assertThat(agent.running().version()).isEqualTo(ConfigVersion.of(b));
            assertThat(Files.readString(state.resolve("config/active.yaml"))).isEqualTo(b);
            assertThat(Files.readString(state.resolve("config/previous.yaml"))).isEqualTo(a);
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> cleared("r1-damp").isPresent(),
                    () -> "the removed rule's alarm cleared; alerts: " + alerts());
            assertThat(cleared("r1-damp").get().message())
                    .isEqualTo("rule removed by configuration " + ConfigVersion.of(b));

            desire(c);
            FleetChange rolledBack = awaitOutcome(agent, ConfigVersion.of(c), Outcome.ROLLED_BACK);
            assertThat(rolledBack.reason())
                    .isEqualTo(
                            "sensor 'r1-air' (SHT4x at i2c-1 0x45) did not answer: check SDA/SCL wiring and 3.3 V power");
            assertThat(agent.running().version()).isEqualTo(ConfigVersion.of(b));
            assertThat(Files.readString(state.resolve("config/active.yaml"))).isEqualTo(b);
            assertThat(state.resolve("config/pending.yaml")).doesNotExist();
            assertThat(state.resolve("config/rollback.yaml")).doesNotExist();
            Poll.until(
                    Duration.ofSeconds(15),
                    () -> collector.received().stream()
                            .flatMap(r -> r.batch().readings().stream())
                            .anyMatch(r -> r.time().isAfter(rolledBack.at())),
                    () -> "the sensor at 0x44 samples again after the rollback");
            Poll.until(
                    Duration.ofSeconds(15),
                    () -> healthReported(ConfigVersion.of(b), Outcome.COMMITTED)
                            && healthReported(ConfigVersion.of(c), Outcome.ROLLED_BACK),
                    () -> "both outcomes in a stored health report");
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> agent.outbox().stats().depth() == 0,
                    () -> "outbox drained: " + agent.outbox().stats());
        } finally {
            agent.close();
        }
        assertThat(cleared("r1-warm")).as("the kept rule's alarm stays active").isEmpty();
        assertThat(Files.readString(state.resolve(RuleStateStore.FILE_NAME))).contains("r1-warm");
        assertThat(Files.readString(state.resolve(RuleStateStore.FILE_NAME))).doesNotContain("r1-damp");
        assertEveryBatchOnceInOneSequenceWithNoReadingTwice();
    }

    private void assertEveryBatchOnceInOneSequenceWithNoReadingTwice() {
        List<Batch> batches = collector.received().stream()
                .map(CollectorResponder.Received::batch)
                .toList();
        TreeSet<Long> sequences = new TreeSet<>();
        for (Batch batch : batches) {
            assertThat(collector.attempts(batch.identity()))
                    .as("sent once: " + batch.identity())
                    .isEqualTo(1);
            sequences.add(batch.sequence());
        }
        assertThat(sequences.size()).isEqualTo(batches.size());
        assertThat(sequences.last() - sequences.first() + 1)
                .as("no gap in " + sequences)
                .isEqualTo(sequences.size());
        Set<String> readings = new HashSet<>();
        for (Batch batch : batches) {
            for (Reading r : batch.readings()) {
                String key = r.sensorId() + "/" + r.quantity() + "/" + r.statistic() + "/" + r.time();
                assertThat(readings.add(key)).as("reading twice: " + key).isTrue();
            }
        }
        assertThat(readings).hasSizeGreaterThanOrEqualTo(10);
    }

    private static FleetChange awaitOutcome(Agent agent, String version, Outcome outcome) throws Exception {
        Poll.until(
                Duration.ofSeconds(40),
                () -> agent.changes().latest().stream()
                        .anyMatch(ch -> ch.version().equals(version) && ch.outcome() == outcome),
                () -> version + " " + outcome + "; changes: " + agent.changes().latest());
        return agent.changes().latest().stream()
                .filter(ch -> ch.version().equals(version))
                .findFirst()
                .orElseThrow();
    }

    private List<AlertEvent> alerts() {
        return collector.received().stream()
                .flatMap(r -> r.batch().alerts().stream())
                .toList();
    }

    private boolean raised(String rule) {
        return alerts().stream().anyMatch(e -> e.ruleId().equals(rule) && e.state() == AlertState.RAISED);
    }

    private Optional<AlertEvent> cleared(String rule) {
        return alerts().stream()
                .filter(e -> e.ruleId().equals(rule) && e.state() == AlertState.CLEARED)
                .findFirst();
    }

    private boolean healthReported(String version, Outcome outcome) {
        return collector.received().stream()
                .map(r -> r.batch().health())
                .filter(h -> h != null)
                .flatMap(h -> h.changes().stream())
                .anyMatch(ch -> ch.version().equals(version) && ch.outcome() == outcome);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

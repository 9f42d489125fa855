package de.dos2030.iot.collector.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT door on the dev Mosquitto's authenticated listener: gateway accounts come from the
 * collector's generated password/ACL files (merged into the dev files, other accounts kept),
 * batches are published with the real {@code mosquitto_pub}, answers read from the ack topics.
 */
public class MqttIngestIT {
    static final Path ROOT =
            Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    /** The running dev services' state (DOS_DEV_SERVICES_DIR names them when the tests run from a worktree). */
    static final Path SERVICES = Path.of(System.getenv()
            .getOrDefault("DOS_DEV_SERVICES_DIR", ROOT.resolve(".dev-services").toString()));

    static final Path PASSWD = SERVICES.resolve("mosquitto/passwd");
    static final Path ACL = SERVICES.resolve("mosquitto/acl");

    static TestCollector collector;
    static TestInflux influx;
    static String tokenA;
    static MqttAsyncClient listener;
    static final Map<String, String> answers = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        String group = "it-" + UUID.randomUUID().toString().substring(0, 8);
        collector = new TestCollector(Map.of(
                "collector.mqtt.enabled",
                true,
                "collector.mqtt.url",
                "tcp://127.0.0.1:11884",
                "collector.mqtt.username",
                "collector",
                "collector.mqtt.password",
                "collector-dev-secret",
                "collector.mqtt.client-id",
                "collector-" + group,
                "collector.mqtt.share-group",
                group,
                "collector.mqtt.session-expiry",
                "60s",
                "collector.mqtt.max-payload-bytes",
                262144,
                "collector.mosquitto.passwd-file",
                PASSWD.toString(),
                "collector.mosquitto.acl-file",
                ACL.toString()));
        influx = new TestInflux(TestInflux.DEV_URL, collector.database);
        tokenA = collector.register("mqtt-gw-a", "bridge-a", SiteKind.BRIDGE).token();
        collector.register("mqtt-gw-b", "bridge-b", SiteKind.BRIDGE);
        Process reload = new ProcessBuilder(
                        ROOT.resolve("scripts/dev-services.sh").toString(), "reload")
                .inheritIO()
                .start();
        assertThat(reload.waitFor()).isZero();

        // Acks go out on the password+ACL broker only: the test reads them with the collector's own account.
        listener = new MqttAsyncClient("tcp://127.0.0.1:11884", "it-listener-" + group, new MemoryPersistence());
        listener.setCallback(new Answers());
        listener.connect(collectorAccount()).waitForCompletion(5000);
        listener.subscribe("dos/+/+/ack", 1).waitForCompletion(5000);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> collector
                        .get("/health", TestCollector.ADMIN_TOKEN)
                        .body()
                        .contains("\"connected\":true"));
    }

    private static MqttConnectionOptions collectorAccount() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("collector");
        options.setPassword("collector-dev-secret".getBytes(StandardCharsets.UTF_8));
        return options;
    }

    @AfterAll
    static void stop() throws Exception {
        listener.disconnect().waitForCompletion(5000);
        listener.close();
        collector.close();
        influx.close();
    }

    private static int mosquittoPub(String user, String password, String topic, byte[] payload, String correlation)
            throws Exception {
        return mosquittoPub(user, password, topic, payload, correlation, "");
    }

    private static int mosquittoPub(
            String user, String password, String topic, byte[] payload, String correlation, String expectedOutput)
            throws Exception {
        Path file = Files.createTempFile("batch", ".bin");
        Files.write(file, payload);
        Process pub = new ProcessBuilder(
                        "mosquitto_pub",
                        "-V",
                        "mqttv5",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        "11884",
                        "-u",
                        user,
                        "-P",
                        password,
                        "-q",
                        "1",
                        "-t",
                        topic,
                        "-f",
                        file.toString(),
                        "-D",
                        "publish",
                        "response-topic",
                        topic.substring(0, topic.lastIndexOf('/')) + "/ack",
                        "-D",
                        "publish",
                        "correlation-data",
                        correlation)
                .redirectErrorStream(true)
                .start();
        String out = new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = pub.waitFor();
        assertThat(out.strip()).as("mosquitto_pub output").isEqualTo(expectedOutput);
        return rc;
    }

    private long readingsOf(Batch b) {
        String range = " AND time >= '" + b.readings().get(0).time() + "' AND time <= '" + b.createdAt() + "'";
        return influx.count("SELECT count(value) FROM bridge_raw.co2,school_raw.co2 WHERE gateway='" + b.gatewayId()
                        + "'" + range)
                + influx.count("SELECT count(value) FROM bridge_raw.temperature,school_raw.temperature WHERE gateway='"
                        + b.gatewayId() + "'" + range)
                + influx.count("SELECT count(value) FROM bridge_raw.humidity,school_raw.humidity WHERE gateway='"
                        + b.gatewayId() + "'" + range);
    }

    @Test
    void storesBatchPublishedWithMosquittoPubAndAnswersAfterStoring() throws Exception {
        Batch batch = TestBatches.school("mqtt-gw-a", "bridge-a", "boot-mqtt", 0, 20);

        assertThat(mosquittoPub(
                        "mqtt-gw-a",
                        tokenA,
                        "dos/bridge-a/mqtt-gw-a/batch",
                        BatchCodec.json().encode(batch),
                        "c-1"))
                .isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> answers.containsKey("c-1"));
        assertThat(answers.get("c-1"))
                .contains("\"status\":\"stored\"")
                .contains("\"bootId\":\"boot-mqtt\"")
                .contains("\"sequence\":0")
                .contains("\"stored\":60");
        assertThat(readingsOf(batch)).isEqualTo(60);
    }

    @Test
    void storesCborBatchDetectedWithoutContentType() throws Exception {
        Batch batch = TestBatches.school("mqtt-gw-a", "bridge-a", "boot-mqtt-cbor", 3, 10);

        mosquittoPub(
                "mqtt-gw-a",
                tokenA,
                "dos/bridge-a/mqtt-gw-a/batch",
                BatchCodec.cbor().encode(batch),
                "c-cbor");

        await().atMost(Duration.ofSeconds(10)).until(() -> answers.containsKey("c-cbor"));
        assertThat(answers.get("c-cbor")).contains("\"status\":\"stored\"").contains("\"stored\":30");
        assertThat(readingsOf(batch)).isEqualTo(30);
    }

    @Test
    void storesARawCaptureArrivingOverMqttOnceAndServesIt() throws Exception {
        java.time.Instant trigger =
                java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Batch batch = de.dos2030.iot.collector.captures.CaptureBatches.batch(
                "mqtt-gw-a",
                "bridge-a",
                "boot-mqtt-capture",
                0,
                de.dos2030.iot.collector.captures.CaptureBatches.capture("deck.rms.above-9", "deck", trigger));
        byte[] cbor = BatchCodec.cbor().encode(batch);
        mosquittoPub("mqtt-gw-a", tokenA, "dos/bridge-a/mqtt-gw-a/batch", cbor, "c-capture");
        mosquittoPub("mqtt-gw-a", tokenA, "dos/bridge-a/mqtt-gw-a/batch", cbor, "c-capture-again");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> answers.containsKey("c-capture") && answers.containsKey("c-capture-again"));
        assertThat(answers.get("c-capture")).contains("\"status\":\"stored\"");
        assertThat(answers.get("c-capture-again")).contains("\"status\":\"stored\"");
        String viewer = collector.apiToken("mqtt-capture-viewer", de.dos2030.iot.collector.security.Role.VIEWER);
        var answer = collector.get("/api/v1/alerts/mqtt-gw-a/deck.rms.above-9/captures", viewer);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"sensorId\":\"deck\"").contains("\"sampleCount\":4001");
        assertThat(answer.body().split("\"sensorId\"", -1))
                .as("one capture, not two")
                .hasSize(2);
    }

    @Test
    void rejectsBatchClaimingAnotherGatewayAndStoresNothing() throws Exception {
        Batch claimsB = TestBatches.school("mqtt-gw-b", "bridge-a", "boot-mqtt-403", 0, 5);

        mosquittoPub(
                "mqtt-gw-a",
                tokenA,
                "dos/bridge-a/mqtt-gw-a/batch",
                BatchCodec.json().encode(claimsB),
                "c-403");

        await().atMost(Duration.ofSeconds(10)).until(() -> answers.containsKey("c-403"));
        assertThat(answers.get("c-403")).contains("\"status\":\"rejected\"").contains("\"path\":\"gatewayId\"");
        assertThat(readingsOf(claimsB)).isZero();
    }

    @Test
    void brokerRefusesWrongPasswordAndForeignTopic() throws Exception {
        Batch batch = TestBatches.school("mqtt-gw-a", "bridge-a", "boot-mqtt-acl", 0, 5);
        byte[] json = BatchCodec.json().encode(batch);

        int wrongPassword = mosquittoPubExpectingFailure("mqtt-gw-a", "wrong", "dos/bridge-a/mqtt-gw-a/batch", json);
        // The ACL silently drops a publish outside the gateway's own topics: no answer, nothing stored.
        mosquittoPub(
                "mqtt-gw-a",
                tokenA,
                "dos/bridge-b/mqtt-gw-b/batch",
                json,
                "c-acl",
                "Warning: Publish 1 failed: Not authorized.");

        assertThat(wrongPassword).isNotZero();
        mosquittoPub(
                "mqtt-gw-a",
                tokenA,
                "dos/bridge-a/mqtt-gw-a/batch",
                BatchCodec.json().encode(TestBatches.school("mqtt-gw-a", "bridge-a", "boot-mqtt-acl2", 0, 1)),
                "c-after");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.containsKey("c-after"));
        assertThat(answers).doesNotContainKey("c-acl");
        assertThat(readingsOf(batch)).isZero();
    }

    private static int mosquittoPubExpectingFailure(String user, String password, String topic, byte[] payload)
            throws Exception {
        Path file = Files.createTempFile("batch", ".bin");
        Files.write(file, payload);
        Process pub = new ProcessBuilder(
                        "mosquitto_pub",
                        "-V",
                        "mqttv5",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        "11884",
                        "-u",
                        user,
                        "-P",
                        password,
                        "-q",
                        "1",
                        "-t",
                        topic,
                        "-f",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        pub.getInputStream().readAllBytes();
        return pub.waitFor();
    }

    @Test
    void answersGarbageTruncatedOversizeAndNestedPayloadsWithReasonsAndKeepsServing() throws Exception {
        byte[] valid = BatchCodec.json().encode(TestBatches.school("mqtt-gw-a", "bridge-a", "boot-mqtt-bad", 0, 5));
        byte[] garbage = new byte[2048];
        new java.util.Random(11).nextBytes(garbage);
        garbage[0] = (byte) 0x9f;
        Map<String, byte[]> bad = Map.of(
                "bad-garbage", garbage,
                "bad-truncated", java.util.Arrays.copyOf(valid, valid.length / 2),
                "bad-nested",
                        ("{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}").getBytes(StandardCharsets.US_ASCII),
                "bad-oversize", ("{" + " ".repeat(300_000) + "}").getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            mosquittoPub("mqtt-gw-a", tokenA, "dos/bridge-a/mqtt-gw-a/batch", e.getValue(), e.getKey());
        }
        mosquittoPub("mqtt-gw-a", tokenA, "dos/bridge-a/mqtt-gw-a/batch", valid, "good-after-bad");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> answers.keySet()
                        .containsAll(List.of(
                                "bad-garbage", "bad-truncated", "bad-nested", "bad-oversize", "good-after-bad")));
        for (String key : bad.keySet()) {
            assertThat(answers.get(key))
                    .as(key)
                    .contains("\"status\":\"rejected\"")
                    .contains("\"reason\":");
        }
        assertThat(answers.get("bad-oversize")).contains("over the limit");
        assertThat(answers.get("good-after-bad")).contains("\"status\":\"stored\"");
    }

    /**
     * More answers at once than the broker's Receive Maximum (20), to a dozen response topics: with
     * QoS 1 answers, Paho refused some after registering a topic alias the broker never saw, and
     * Mosquitto then cut the door off for a protocol error on every reconnect.
     */
    @Test
    void answersABurstOfBatchesFromManyGatewaysWithoutLosingTheBroker() throws Exception {
        List<String> gateways = new java.util.ArrayList<>();
        for (int g = 0; g < 12; g++) {
            gateways.add("mqtt-burst-" + g);
            collector.register(gateways.get(g), "bridge-burst", SiteKind.BRIDGE);
        }
        // One connection for twelve gateways' topics: the collector's account may publish on all of them.
        MqttAsyncClient publisher =
                new MqttAsyncClient("tcp://127.0.0.1:11884", "it-burst-" + UUID.randomUUID(), new MemoryPersistence());
        publisher.connect(collectorAccount()).waitForCompletion(5000);
        List<String> expected = new java.util.ArrayList<>();
        for (int b = 0; b < 8; b++) {
            for (String gw : gateways) {
                String topic = "dos/bridge-burst/" + gw + "/";
                MqttProperties props = new MqttProperties();
                props.setResponseTopic(topic + "ack");
                props.setCorrelationData(("burst-" + gw + "-" + b).getBytes(StandardCharsets.UTF_8));
                props.setContentType("application/cbor");
                byte[] body = BatchCodec.cbor().encode(TestBatches.school(gw, "bridge-burst", "boot-burst", b, 5));
                publisher.publish(topic + "batch", new MqttMessage(body, 0, false, props));
                expected.add("burst-" + gw + "-" + b);
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> answers.keySet().containsAll(expected));
        assertThat(expected)
                .allSatisfy(key -> assertThat(answers.get(key)).as(key).contains("\"status\":\"stored\""));
        assertThat(collector.get("/prometheus", TestCollector.ADMIN_TOKEN).body())
                .contains("collector_mqtt_disconnects_total 0.0");
        publisher.disconnect().waitForCompletion(5000);
        publisher.close();
    }

    /** Collects answers by correlation data. */
    public static class Answers implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] correlation = message.getProperties() == null
                    ? null
                    : message.getProperties().getCorrelationData();
            if (correlation != null) {
                answers.put(
                        new String(correlation, StandardCharsets.UTF_8),
                        new String(message.getPayload(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void deliveryComplete(IMqttToken t) {}

        @Override
        public void connectComplete(boolean reconnect, String uri) {}

        @Override
        public void authPacketArrived(int code, MqttProperties p) {}
    }

    @Test
    void answersAHealthDurationThatWouldOverflowWithRejected() throws Exception {
        byte[] absurd = TestBatches.jsonWithAbsurdUptime("mqtt-gw-a", "bridge-a", "boot-mqtt-overflow", 0);
        mosquittoPub("mqtt-gw-a", tokenA, "dos/bridge-a/mqtt-gw-a/batch", absurd, "c-overflow");

        await().atMost(Duration.ofSeconds(10)).until(() -> answers.containsKey("c-overflow"));
        assertThat(answers.get("c-overflow"))
                .contains("\"status\":\"rejected\"")
                .contains("health.uptime");
    }

    /**
     * Issue 15, finding 2: one oversized publish (120 MB) killed the door's receiver and came back on every
     * reconnect. The broker we ship refuses packets over the collector's limit at the door (it disconnects
     * the sender; nothing is queued), and the door declares the same limit to the broker and watches that
     * it still receives. Here over MQTT 3.1.1, whose clients are not told the limit and send anyway.
     */
    @Test
    void anOversizedPublishIsRefusedByTheBrokerAndTheDoorKeepsReceiving() throws Exception {
        Path big = Files.createTempFile("oversized", ".bin");
        Files.write(big, new byte[1_500_000]);
        Process pub = new ProcessBuilder(
                        "mosquitto_pub",
                        "-V",
                        "mqttv311",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        "11884",
                        "-u",
                        "mqtt-gw-a",
                        "-P",
                        tokenA,
                        "-q",
                        "1",
                        "-t",
                        "dos/bridge-a/mqtt-gw-a/batch",
                        "-f",
                        big.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pub.waitFor()).as("the broker cut the sender off: " + out).isNotZero();

        Batch next = TestBatches.school("mqtt-gw-a", "bridge-a", "boot-mqtt-poison", 0, 5);
        mosquittoPub(
                "mqtt-gw-a",
                tokenA,
                "dos/bridge-a/mqtt-gw-a/batch",
                BatchCodec.json().encode(next),
                "c-after");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.containsKey("c-after"));
        assertThat(answers.get("c-after")).contains("\"status\":\"stored\"");
        assertThat(collector.get("/health", TestCollector.ADMIN_TOKEN).body())
                .contains("\"connected\":true")
                .contains("\"receiving\":true");
    }
}

package de.dos2030.iot.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.collector.ingest.coap.CoapIngestITSupport;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * InfluxDB down: every door says "try later" (503 + Retry-After, 5.03 + Max-Age, no MQTT answer);
 * back up: the re-sends are stored, and point counts prove nothing lost and nothing doubled.
 * Uses its own InfluxDB on port 18186 (never the shared dev instance), stopped and restarted here.
 */
class InfluxOutageIT {
    static final int PORT = 18186;
    static final Path DIR = Path.of("target/influx-outage").toAbsolutePath();
    static Process influxd;
    static TestCollector collector;
    static TestInflux influx;
    static String token;
    static int coapPort;
    static MqttClient gateway;
    static final Map<String, String> answers = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        startInflux();
        coapPort = TestCollector.freeUdpPort();
        String group = "it-outage-" + UUID.randomUUID().toString().substring(0, 8);
        collector = new TestCollector(Map.ofEntries(
                Map.entry("collector.influx.url", "http://127.0.0.1:" + PORT),
                Map.entry("collector.mqtt.enabled", true),
                Map.entry("collector.mqtt.url", "tcp://127.0.0.1:11883"),
                Map.entry("collector.mqtt.client-id", "collector-" + group),
                Map.entry("collector.mqtt.share-group", group),
                Map.entry("collector.mqtt.session-expiry", "60s"),
                Map.entry("collector.coap.enabled", true),
                Map.entry("collector.coap.plain-enabled", true),
                Map.entry("collector.coap.bind-address", "127.0.0.1"),
                Map.entry("collector.coap.plain-port", coapPort),
                Map.entry("collector.coap.secure-port", TestCollector.freeUdpPort())));
        influx = new TestInflux("http://127.0.0.1:" + PORT, collector.database);
        token = collector.register("outage-gw", "school-o", SiteKind.SCHOOL).token();
        gateway = new MqttClient("tcp://127.0.0.1:11883", "outage-gw-" + group, new MemoryPersistence());
        gateway.setCallback(new de.dos2030.iot.collector.ingest.mqtt.MqttIngestIT.Answers() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                answers.put(
                        new String(message.getProperties().getCorrelationData(), StandardCharsets.UTF_8),
                        new String(message.getPayload(), StandardCharsets.UTF_8));
            }
        });
        gateway.connect();
        gateway.subscribe("dos/school-o/outage-gw/ack", 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> collector
                        .get("/health", TestCollector.ADMIN_TOKEN)
                        .body()
                        .contains("\"connected\":true"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.disconnect();
        gateway.close();
        collector.close();
        influx.close();
        stopInflux();
    }

    static void startInflux() throws IOException {
        Files.createDirectories(DIR.resolve("meta"));
        Files.writeString(DIR.resolve("influxdb.conf"), """
                reporting-disabled = true
                bind-address = "127.0.0.1:18188"
                [meta]
                  dir = "%1$s/meta"
                [data]
                  dir = "%1$s/data"
                  wal-dir = "%1$s/wal"
                  query-log-enabled = false
                [monitor]
                  store-enabled = false
                [http]
                  bind-address = "127.0.0.1:%2$d"
                  log-enabled = false
                [logging]
                  level = "warn"
                """.formatted(DIR, PORT));
        influxd = new ProcessBuilder(
                        "influxd",
                        "run",
                        "-config",
                        DIR.resolve("influxdb.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(DIR.resolve("influxd.log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/ping"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 204);
    }

    static void stopInflux() throws InterruptedException {
        influxd.destroy();
        influxd.waitFor();
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

    private void publish(Batch batch, String correlation) throws Exception {
        MqttMessage message = new MqttMessage(BatchCodec.cbor().encode(batch));
        message.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setResponseTopic("dos/school-o/outage-gw/ack");
        props.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        props.setContentType("application/cbor");
        message.setProperties(props);
        gateway.publish("dos/school-o/outage-gw/batch", message);
    }

    @Test
    void everyDoorSaysTryLaterWhileInfluxDbIsDownAndTheResendsAreStoredOnce() throws Exception {
        Batch viaHttp = TestBatches.school("outage-gw", "school-o", "boot-outage", 0, 20);
        Batch viaCoap = TestBatches.school("outage-gw", "school-o", "boot-outage", 1, 20);
        Batch viaMqtt = TestBatches.school("outage-gw", "school-o", "boot-outage", 2, 20);
        stopInflux();

        HttpResponse<String> http = collector.postBatch(BatchCodec.json().encode(viaHttp), "application/json", token);
        String coap = CoapIngestITSupport.post(coapPort, BatchCodec.cbor().encode(viaCoap), 60, "?token=" + token);
        publish(viaMqtt, "outage-1");

        assertThat(http.statusCode()).as(http.body()).isEqualTo(503);
        assertThat(http.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(http.body()).contains("\"status\":\"try_later\"");
        assertThat(coap).contains("5.03");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !answers.containsKey("outage-1"));

        startInflux();
        assertThat(collector
                        .postBatch(BatchCodec.json().encode(viaHttp), "application/json", token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(CoapIngestITSupport.post(coapPort, BatchCodec.cbor().encode(viaCoap), 60, "?token=" + token))
                .contains("\"status\":\"stored\"");
        publish(viaMqtt, "outage-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.containsKey("outage-2"));
        assertThat(answers.get("outage-2")).contains("\"status\":\"stored\"");
        // A gateway that missed the answer re-sends once more: still the same points.
        assertThat(collector
                        .postBatch(BatchCodec.json().encode(viaHttp), "application/json", token)
                        .statusCode())
                .isEqualTo(200);

        assertThat(readingsOf(viaHttp)).isEqualTo(60);
        assertThat(readingsOf(viaCoap)).isEqualTo(60);
        assertThat(readingsOf(viaMqtt)).isEqualTo(60);
    }
}

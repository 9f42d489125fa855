package de.dos2030.iot.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, finding 8: one gateway floods a door (bounded: {@value #FLOOD} batches from 4 threads
 * on loopback) while another gateway sends at its normal pace on the same door. The calm gateway's
 * batches are all stored and answered; the flooder gets an answer to every batch, most of them
 * "slow down" (HTTP 429 / CoAP 4.29 / MQTT try_later, each with the time to wait), never silence.
 */
class GatewayFairnessIT {
    static final int FLOOD = 200;
    static final int CALM = 6;
    static TestCollector collector;
    static int coapPort;
    static final Map<String, String> tokens = new ConcurrentHashMap<>();
    static final Map<String, String> mqttAnswers = new ConcurrentHashMap<>();
    static MqttClient mqtt;

    @BeforeAll
    static void start() throws Exception {
        coapPort = TestCollector.freeUdpPort();
        String group = "it-fair-" + UUID.randomUUID().toString().substring(0, 8);
        collector = new TestCollector(Map.ofEntries(
                Map.entry("collector.ingest.rate.batches-per-second", 5),
                Map.entry("collector.ingest.rate.burst", 10),
                Map.entry("collector.mqtt.enabled", true),
                Map.entry("collector.mqtt.url", "tcp://127.0.0.1:11883"),
                Map.entry("collector.mqtt.client-id", "collector-" + group),
                Map.entry("collector.mqtt.share-group", group),
                Map.entry("collector.coap.enabled", true),
                Map.entry("collector.coap.plain-enabled", true),
                Map.entry("collector.coap.bind-address", "127.0.0.1"),
                Map.entry("collector.coap.plain-port", coapPort),
                Map.entry("collector.coap.secure-port", TestCollector.freeUdpPort())));
        for (String door : List.of("http", "coap", "mqtt")) {
            for (String role : List.of("flood", "calm")) {
                String id = role + "-" + door;
                tokens.put(
                        id,
                        collector.register(id, "site-" + id, SiteKind.SCHOOL).token());
            }
        }
        mqtt = new MqttClient("tcp://127.0.0.1:11883", "fair-gateways-" + group, new MemoryPersistence());
        mqtt.setCallback(new de.dos2030.iot.collector.ingest.mqtt.MqttIngestIT.Answers() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                mqttAnswers.put(
                        new String(message.getProperties().getCorrelationData(), StandardCharsets.UTF_8),
                        new String(message.getPayload(), StandardCharsets.UTF_8));
            }
        });
        mqtt.connect();
        mqtt.subscribe("dos/+/+/ack", 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> collector
                        .get("/health", TestCollector.ADMIN_TOKEN)
                        .body()
                        .contains("\"connected\":true"));
    }

    @AfterAll
    static void stop() throws Exception {
        mqtt.disconnect();
        mqtt.close();
        collector.close();
    }

    static byte[] batch(String gatewayId, long sequence) {
        Batch b = TestBatches.school(gatewayId, "site-" + gatewayId, "boot-1", sequence, 1);
        return BatchCodec.cbor().encode(b);
    }

    /**
     * Runs the flood (4 threads) and the calm gateway (one batch every 300 ms, within its rate) at
     * the same time; returns the flooder's answers, then the calm gateway's.
     */
    static <T> List<List<T>> floodWhileCalmSends(Callable<T> floodOne, Callable<T> calmOne) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<T> flood = new CopyOnWriteArrayList<>();
            List<Future<?>> flooders = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                flooders.add(pool.submit(() -> {
                    for (int i = 0; i < FLOOD / 4; i++) {
                        flood.add(floodOne.call());
                    }
                    return null;
                }));
            }
            List<T> calm = pool.submit(() -> {
                        List<T> out = new java.util.ArrayList<>();
                        for (int i = 0; i < CALM; i++) {
                            out.add(calmOne.call());
                            Thread.sleep(300);
                        }
                        return out;
                    })
                    .get(60, TimeUnit.SECONDS);
            for (Future<?> f : flooders) {
                f.get(60, TimeUnit.SECONDS);
            }
            return List.of(flood, calm);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void httpFloodOfOneGatewayGets429WhileAnotherGatewayIsStored() throws Exception {
        byte[] flood = batch("flood-http", 1);
        java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
        List<List<HttpResponse<String>>> answers = floodWhileCalmSends(
                () -> collector.postBatch(flood, "application/cbor", tokens.get("flood-http")),
                () -> collector.postBatch(
                        batch("calm-http", seq.incrementAndGet()), "application/cbor", tokens.get("calm-http")));

        assertThat(answers.get(1))
                .hasSize(CALM)
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        List<HttpResponse<String>> flooder = answers.get(0);
        assertThat(flooder)
                .hasSize(FLOOD)
                .allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 429));
        List<HttpResponse<String>> throttled =
                flooder.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(throttled).hasSizeGreaterThan(FLOOD / 2).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(r.body())
                    .contains("\"status\":\"try_later\"")
                    .contains("\"retryAfterSeconds\":1")
                    .contains("sends faster than its share");
        });
    }

    @Test
    void coapFloodOfOneGatewayGets429WhileAnotherGatewayIsStored() throws Exception {
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(Configuration.createStandardWithoutFile())
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
                .build();
        try {
            byte[] flood = batch("flood-coap", 1);
            java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
            List<List<CoapResponse>> answers = floodWhileCalmSends(
                    () -> coapPost(endpoint, "flood-coap", flood),
                    () -> coapPost(endpoint, "calm-coap", batch("calm-coap", seq.incrementAndGet())));

            assertThat(answers.get(1))
                    .hasSize(CALM)
                    .allSatisfy(
                            r -> assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(CoAP.ResponseCode.CHANGED));
            List<CoapResponse> flooder = answers.get(0);
            assertThat(flooder)
                    .hasSize(FLOOD)
                    .allSatisfy(r ->
                            assertThat(r).as("an answer to every flood post").isNotNull())
                    .allSatisfy(r -> assertThat(r.getCode())
                            .isIn(CoAP.ResponseCode.CHANGED, CoAP.ResponseCode.TOO_MANY_REQUESTS));
            List<CoapResponse> throttled = flooder.stream()
                    .filter(r -> r.getCode() == CoAP.ResponseCode.TOO_MANY_REQUESTS)
                    .toList();
            assertThat(throttled).hasSizeGreaterThan(FLOOD / 2).allSatisfy(r -> {
                assertThat(r.getOptions().getMaxAge()).isEqualTo(1L);
                assertThat(r.getResponseText()).contains("\"status\":\"try_later\"");
            });
        } finally {
            endpoint.destroy();
        }
    }

    static CoapResponse coapPost(CoapEndpoint endpoint, String gatewayId, byte[] payload) throws Exception {
        CoapClient client = new CoapClient("coap://127.0.0.1:" + coapPort + "/batches?token=" + tokens.get(gatewayId));
        client.setEndpoint(endpoint);
        client.setTimeout(10_000L);
        try {
            return client.post(payload, MediaTypeRegistry.APPLICATION_CBOR);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void mqttFloodOfOneGatewayIsAnsweredTryLaterWhileAnotherGatewayIsStored() throws Exception {
        byte[] flood = batch("flood-mqtt", 1);
        java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
        List<List<String>> sent =
                floodWhileCalmSends(() -> mqttPublish("flood-mqtt", flood, "flood-" + ids.incrementAndGet()), () -> {
                    long n = ids.incrementAndGet();
                    return mqttPublish("calm-mqtt", batch("calm-mqtt", n), "calm-" + n);
                });

        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent.stream().flatMap(List::stream).allMatch(mqttAnswers::containsKey));
        assertThat(sent.get(1))
                .hasSize(CALM)
                .allSatisfy(id -> assertThat(mqttAnswers.get(id)).contains("\"status\":\"stored\""));
        List<String> throttled = sent.get(0).stream()
                .map(mqttAnswers::get)
                .filter(a -> a.contains("\"status\":\"try_later\""))
                .toList();
        assertThat(throttled)
                .hasSizeGreaterThan(FLOOD / 2)
                .allSatisfy(a -> assertThat(a).contains("\"retryAfterSeconds\":1"));
        assertThat(sent.get(0))
                .allSatisfy(id -> assertThat(mqttAnswers.get(id))
                        .containsAnyOf("\"status\":\"stored\"", "\"status\":\"try_later\""));
    }

    /** Publishes as {@code gatewayId} with a response topic and correlation data; returns the correlation id. */
    static String mqttPublish(String gatewayId, byte[] payload, String correlation) throws Exception {
        String site = "site-" + gatewayId;
        MqttProperties props = new MqttProperties();
        props.setResponseTopic("dos/" + site + "/" + gatewayId + "/ack");
        props.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        props.setContentType("application/cbor");
        MqttMessage message = new MqttMessage(payload, 1, false, props);
        synchronized (mqtt) { // one client for all: Paho refuses publishes past the broker's receive maximum
            mqtt.publish("dos/" + site + "/" + gatewayId + "/batch", message);
        }
        return correlation;
    }
}

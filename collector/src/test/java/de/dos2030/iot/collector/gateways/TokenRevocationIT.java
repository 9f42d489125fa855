package de.dos2030.iot.collector.gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, finding 7: a rotated, disabled or deleted gateway token is refused on all three doors
 * within seconds, MQTT included, because the collector reloads Mosquitto itself
 * ({@code collector.mosquitto.reload-command}), on a private instance of the dev services' broker.
 * Mosquitto also disconnects a session still open with the old token when it reloads.
 */
class TokenRevocationIT {
    static final Duration WITHIN = Duration.ofSeconds(5);

    static PrivateBroker broker;
    static TestCollector collector;
    static int securePort;

    @BeforeAll
    static void start() throws Exception {
        broker = new PrivateBroker();
        securePort = TestCollector.freeUdpPort();
        Map<String, Object> props = new HashMap<>(broker.collectorProperties("rev-" + UUID.randomUUID()));
        props.put("collector.coap.enabled", true);
        props.put("collector.coap.bind-address", "127.0.0.1");
        props.put("collector.coap.secure-port", securePort);
        collector = new TestCollector(props);
    }

    @AfterAll
    static void stop() throws Exception {
        collector.close();
        broker.close();
    }

    @Test
    void aRotatedTokenIsRefusedOnEveryDoorWithinSeconds() throws Exception {
        String old =
                collector.register("rev-rotate", "rev-site", SiteKind.SCHOOL).token();
        await().atMost(WITHIN).until(() -> mqttAccepts("rev-rotate", old)); // the registration reached Mosquitto
        assertThat(httpStatus("rev-rotate", old, 0)).isEqualTo(200);
        assertThat(coapsStores("rev-rotate", old, 1)).isTrue();
        MqttClient session = new MqttClient(
                "tcp://127.0.0.1:" + broker.authPort, "rev-session-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions login = new MqttConnectionOptions();
        login.setUserName("rev-rotate");
        login.setPassword(old.getBytes(StandardCharsets.UTF_8));
        session.connect(login);

        String fresh = collector
                .context
                .getBean(GatewayRegistry.class)
                .rotateToken("rev-rotate")
                .orElseThrow()
                .token();

        await().atMost(WITHIN).until(() -> !mqttAccepts("rev-rotate", old));
        await().atMost(WITHIN).until(() -> !session.isConnected()); // the session opened with the old token too
        session.close();
        assertThat(httpStatus("rev-rotate", old, 2)).isEqualTo(401);
        assertThat(coapsStores("rev-rotate", old, 3)).isFalse();
        assertThat(mqttAccepts("rev-rotate", fresh)).isTrue();
        assertThat(httpStatus("rev-rotate", fresh, 4)).isEqualTo(200);
        assertThat(coapsStores("rev-rotate", fresh, 5)).isTrue();
    }

    @Test
    void aDisabledOrDeletedGatewaysTokenIsRefusedOnEveryDoorWithinSeconds() throws Exception {
        GatewayRegistry registry = collector.context.getBean(GatewayRegistry.class);
        String disabled =
                collector.register("rev-disable", "rev-site", SiteKind.SCHOOL).token();
        String deleted =
                collector.register("rev-delete", "rev-site", SiteKind.SCHOOL).token();
        await().atMost(WITHIN).until(() -> mqttAccepts("rev-disable", disabled) && mqttAccepts("rev-delete", deleted));

        registry.setEnabled("rev-disable", false);
        registry.delete("rev-delete");

        await().atMost(WITHIN)
                .until(() -> !mqttAccepts("rev-disable", disabled) && !mqttAccepts("rev-delete", deleted));
        assertThat(httpStatus("rev-disable", disabled, 0)).isEqualTo(401);
        assertThat(httpStatus("rev-delete", deleted, 0)).isEqualTo(401);
        assertThat(coapsStores("rev-disable", disabled, 1)).isFalse();
        assertThat(coapsStores("rev-delete", deleted, 1)).isFalse();
    }

    /** Whether Mosquitto's password+ACL listener lets this gateway log in and publish on its topic. */
    private static boolean mqttAccepts(String gateway, String token) throws Exception {
        Process pub = new ProcessBuilder(
                        "mosquitto_pub",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(broker.authPort),
                        "-u",
                        gateway,
                        "-P",
                        token,
                        "-q",
                        "1",
                        "-i",
                        "rev-probe-" + UUID.randomUUID(),
                        "-t",
                        "dos/rev-site/" + gateway + "/status",
                        "-m",
                        "probe")
                .redirectErrorStream(true)
                .start();
        assertThat(pub.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return pub.exitValue() == 0;
    }

    private static int httpStatus(String gateway, String token, long sequence) throws Exception {
        byte[] body = BatchCodec.json().encode(TestBatches.school(gateway, "rev-site", "boot-http", sequence, 1));
        return collector.postBatch(body, "application/json", token).statusCode();
    }

    private static boolean coapsStores(String gateway, String token, long sequence) throws Exception {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore(gateway, GatewayToken.pskOf(token)))
                .build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setConnector(new DTLSConnector(dtls))
                .build();
        CoapClient client = new CoapClient("coaps://127.0.0.1:" + securePort + "/batches");
        client.setEndpoint(endpoint);
        client.setTimeout(5_000L);
        try {
            CoapResponse r = client.post(
                    BatchCodec.cbor().encode(TestBatches.school(gateway, "rev-site", "boot-coaps", sequence, 1)),
                    MediaTypeRegistry.APPLICATION_CBOR);
            return r != null && r.getCode() == CoAP.ResponseCode.CHANGED;
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }
}

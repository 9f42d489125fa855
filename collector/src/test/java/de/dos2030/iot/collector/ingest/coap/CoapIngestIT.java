package de.dos2030.iot.collector.ingest.coap;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.collector.gateways.GatewayToken;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CoAP door: the real coap-client-notls on plain CoAP, Californium's DTLS client on CoAPS. */
class CoapIngestIT {
    static TestCollector collector;
    static TestInflux influx;
    static String tokenA;
    static String tokenB;
    static int plainPort;
    static int securePort;

    @BeforeAll
    static void start() {
        plainPort = TestCollector.freeUdpPort();
        securePort = TestCollector.freeUdpPort();
        collector = new TestCollector(Map.of(
                "collector.coap.enabled",
                true,
                "collector.coap.bind-address",
                "127.0.0.1",
                "collector.coap.plain-enabled",
                true,
                "collector.coap.plain-port",
                plainPort,
                "collector.coap.secure-port",
                securePort,
                "collector.coap.max-payload-bytes",
                65536));
        influx = new TestInflux(TestInflux.DEV_URL, collector.database);
        tokenA = collector.register("coap-gw-a", "bridge-c", SiteKind.BRIDGE).token();
        tokenB = collector.register("coap-gw-b", "bridge-d", SiteKind.BRIDGE).token();
    }

    @AfterAll
    static void stop() {
        collector.close();
        influx.close();
    }

    /** Runs coap-client-notls; returns its stdout and stderr (the response code and payload). */
    static String coapClient(byte[] payload, int contentFormat, String query) throws Exception {
        Path file = Files.createTempFile("batch", ".bin");
        Files.write(file, payload);
        Process p = new ProcessBuilder(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        Integer.toString(contentFormat),
                        "-b",
                        "1024",
                        "-B",
                        "10",
                        "-f",
                        file.toString(),
                        "coap://127.0.0.1:" + plainPort + "/batches" + query)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
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
    void storesCborBatchPostedWithCoapClient() throws Exception {
        Batch batch = TestBatches.school("coap-gw-a", "bridge-c", "boot-coap", 0, 20);

        String out = coapClient(BatchCodec.cbor().encode(batch), 60, "?token=" + tokenA);

        assertThat(out).contains("\"status\":\"stored\"").contains("\"stored\":60");
        assertThat(readingsOf(batch)).isEqualTo(60);
    }

    @Test
    void storesARawCaptureSentBlockWiseWithCoapClient() throws Exception {
        java.time.Instant trigger =
                java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Batch batch = de.dos2030.iot.collector.captures.CaptureBatches.batch(
                "coap-gw-a",
                "bridge-c",
                "boot-coap-capture",
                0,
                de.dos2030.iot.collector.captures.CaptureBatches.capture("deck.rms.above-7", "deck", trigger));
        byte[] cbor = BatchCodec.cbor().encode(batch);
        assertThat(cbor.length).as("16 blocks of 1 KiB at least").isGreaterThan(16_000);

        String out = coapClient(cbor, 60, "?token=" + tokenA);

        assertThat(out).contains("\"status\":\"stored\"");
        var answer = collector.get(
                "/api/v1/alerts/coap-gw-a/deck.rms.above-7/captures",
                collector.apiToken("coap-capture-viewer", de.dos2030.iot.collector.security.Role.VIEWER));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"sampleCount\":4001");
    }

    @Test
    void refusesMissingTokenAndForeignGatewayAndStoresNothing() throws Exception {
        Batch batch = TestBatches.school("coap-gw-a", "bridge-c", "boot-coap-auth", 0, 5);
        byte[] json = BatchCodec.json().encode(batch);

        String missing = coapClient(json, 50, "");
        String wrong = coapClient(json, 50, "?token=nope");
        String asOther = coapClient(json, 50, "?token=" + tokenB);

        assertThat(missing).contains("4.01");
        assertThat(wrong).contains("4.01");
        assertThat(asOther).contains("4.03");
        assertThat(readingsOf(batch)).isZero();
    }

    @Test
    void answersBadPayloadsWith4xxAndKeepsServing() throws Exception {
        byte[] valid = BatchCodec.json().encode(TestBatches.school("coap-gw-a", "bridge-c", "boot-coap-bad", 0, 5));
        byte[] garbage = new byte[800];
        new java.util.Random(3).nextBytes(garbage);
        String q = "?token=" + tokenA;

        assertThat(coapClient(garbage, 60, q)).contains("4.00");
        assertThat(coapClient(java.util.Arrays.copyOf(valid, valid.length / 2), 50, q))
                .contains("4.00");
        assertThat(coapClient(("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII), 50, q))
                .contains("4.00");
        assertThat(coapClient(new byte[70_000], 60, q)).contains("4.13");
        assertThat(coapClient(valid, 0, q)).contains("4.15");

        assertThat(coapClient(valid, 50, q)).contains("\"status\":\"stored\"");
    }

    /** ECDHE-PSK (forward secrecy, what the edge agent offers first) and plain PSK (older agents). */
    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_128_CCM_8"})
    void storesBatchOverDtlsWithThePreSharedKeyOfTheGateway(String cipherSuite) throws Exception {
        Batch batch = TestBatches.school("coap-gw-a", "bridge-c", "boot-coaps-" + cipherSuite, 0, 10);
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.valueOf(cipherSuite)));
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore("coap-gw-a", GatewayToken.pskOf(tokenA)))
                .build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setConnector(new DTLSConnector(dtls))
                .build();
        CoapClient client = new CoapClient("coaps://127.0.0.1:" + securePort + "/batches");
        client.setEndpoint(endpoint);
        client.setTimeout(10_000L);
        try {
            CoapResponse response = client.post(BatchCodec.cbor().encode(batch), MediaTypeRegistry.APPLICATION_CBOR);

            assertThat(response).isNotNull();
            assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(CoAP.ResponseCode.CHANGED);
            assertThat(response.getResponseText()).contains("\"stored\":30");
            assertThat(readingsOf(batch)).isEqualTo(30);
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }

    @Test
    void refusesAHealthDurationThatWouldOverflowWith400() throws Exception {
        byte[] absurd = TestBatches.jsonWithAbsurdUptime("coap-gw-a", "bridge-c", "boot-coap-overflow", 0);
        String out = coapClient(absurd, 50, "?token=" + tokenA);
        assertThat(out).contains("4.00").contains("health.uptime");
    }
}

package de.dos2030.iot.collector.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import de.dos2030.iot.mqtt.tls.TestCertificates;
import de.dos2030.iot.mqtt.tls.TlsMosquitto;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, finding 9 (TLS): the collector serves HTTPS with a configured certificate, and reaches its broker
 * over TLS trusting only the CA the operator names; both checked with a CA the test creates, with real
 * clients (curl, mosquitto_pub) and a real Mosquitto TLS listener.
 */
class TlsIT {
    static TestCertificates certs;
    static TestCertificates otherCa;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.create();
        otherCa = TestCertificates.create();
    }

    @Test
    void servesHttpsWithTheConfiguredCertificateAndNoPlainHttp() throws Exception {
        int port = freePort();
        try (TestCollector collector = new TestCollector(Map.of(
                "micronaut.server.ssl.enabled",
                true,
                "micronaut.server.ssl.port",
                port,
                "micronaut.server.ssl.key-store.path",
                "file:" + certs.serverP12,
                "micronaut.server.ssl.key-store.password",
                TestCertificates.PASSWORD,
                "micronaut.server.ssl.key-store.type",
                "PKCS12"))) {
            String token =
                    collector.register("tls-gw", "tls-site", SiteKind.SCHOOL).token();
            Path batch = Files.createTempFile("batch", ".json");
            Files.write(batch, BatchCodec.json().encode(TestBatches.school("tls-gw", "tls-site", "boot-tls", 0, 5)));

            assertThat(curl("--cacert", certs.caPem.toString(), "https://localhost:" + port + "/health"))
                    .startsWith("200");
            assertThat(curl(
                            "--cacert",
                            certs.caPem.toString(),
                            "-H",
                            "Authorization: Bearer " + token,
                            "-H",
                            "Content-Type: application/json",
                            "--data-binary",
                            "@" + batch,
                            "https://localhost:" + port + "/api/v1/batches"))
                    .startsWith("200")
                    .contains("\"status\":\"stored\"");
            assertThat(curl("--cacert", otherCa.caPem.toString(), "https://localhost:" + port + "/health"))
                    .as("a client that trusts another CA refuses the certificate")
                    .startsWith("000");
            assertThat(curl("http://localhost:" + port + "/health"))
                    .as("plain HTTP on the TLS port")
                    .doesNotStartWith("200");
        }
    }

    @Test
    void reachesTheBrokerOverTlsTrustingOnlyTheNamedCa() throws Exception {
        int mqttPort = freePort();
        Process broker = TlsMosquitto.start(certs, mqttPort);
        String group = "tls-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestCollector collector = new TestCollector(mqtt(mqttPort, group, certs.caPem));
                TestCollector distrustful = new TestCollector(mqtt(mqttPort, group + "-x", otherCa.caPem));
                TestInflux influx = new TestInflux(TestInflux.DEV_URL, collector.database)) {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> collector
                            .get("/health", TestCollector.ADMIN_TOKEN)
                            .body()
                            .contains("\"connected\":true"));
            collector.register("tls-mqtt-gw", "tls-site", SiteKind.SCHOOL); // the broker here is anonymous
            Batch batch = TestBatches.school("tls-mqtt-gw", "tls-site", "boot-tls-mqtt", 0, 5);
            Path file = Files.createTempFile("batch", ".json");
            Files.write(file, BatchCodec.json().encode(batch));
            Process pub = new ProcessBuilder(
                            "mosquitto_pub",
                            "-V",
                            "mqttv5",
                            "-h",
                            "localhost",
                            "-p",
                            Integer.toString(mqttPort),
                            "--cafile",
                            certs.caPem.toString(),
                            "-q",
                            "1",
                            "-t",
                            "dos/tls-site/tls-mqtt-gw/batch",
                            "-f",
                            file.toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(pub.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(pub.exitValue())
                    .as(new String(pub.getInputStream().readAllBytes()))
                    .isZero();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> influx.count(
                                    "SELECT count(value) FROM bridge_raw.co2,school_raw.co2 WHERE gateway='tls-mqtt-gw'")
                            == 5);

            assertThat(distrustful.get("/health", TestCollector.ADMIN_TOKEN).body())
                    .as("a collector that trusts another CA does not connect")
                    .contains("\"connected\":false");
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> mqtt(int port, String group, Path caFile) {
        return Map.of(
                "collector.mqtt.enabled",
                true,
                "collector.mqtt.url",
                "ssl://localhost:" + port,
                "collector.mqtt.ca-file",
                caFile.toString(),
                "collector.mqtt.client-id",
                "collector-" + group,
                "collector.mqtt.share-group",
                group);
    }

    /** curl's answer as "<status> <body>"; status 000 when no HTTP exchange happened (TLS refused). */
    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        int lastLine = out.lastIndexOf('\n');
        return out.substring(lastLine + 1).strip() + " " + out.substring(0, Math.max(0, lastLine));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

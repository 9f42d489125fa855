package de.dos2030.iot.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.gateways.PrivateBroker;
import de.dos2030.iot.collector.web.WebClient;
import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.ConfigProblem;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.SiteKind;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, remote configuration on the collector side, against a private instance of the dev services' broker
 * (password + ACL, reloaded by the collector) and the dev InfluxDB: a desired gateway file is checked as
 * {@code firmware-config validate} checks it, goes out retained to the gateway's own topic (and to nobody else's
 * eyes), is pulled over HTTP with ETags, and the gateway's reports show up as drift.
 */
class RemoteConfigIT {
    static PrivateBroker broker;
    static TestCollector collector;
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    static final String SITE = "rc-site-" + SUFFIX;

    @BeforeAll
    static void start() throws Exception {
        broker = new PrivateBroker();
        Map<String, Object> props = new HashMap<>(broker.collectorProperties("rc-" + UUID.randomUUID()));
        props.put("collector.fleet.publish-retry", "500ms");
        collector = new TestCollector(props);
    }

    @AfterAll
    static void stop() throws Exception {
        collector.close();
        broker.close();
    }

    @Test
    void anInvalidFileIsRefusedWithTheLineAndColumnMessagesOfValidate() throws Exception {
        String gw = "rc-bad-" + SUFFIX;
        collector.register(gw, SITE, SiteKind.SCHOOL);
        String yaml = FleetFixtures.schoolFile(gw, SITE).replace("address: 0x62", "address: 0x99");

        HttpResponse<String> r = putConfig(gw, yaml);

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        List<String> expected;
        try {
            GatewayConfigLoader.loadString(yaml, Path.of("/var/lib/dos-edge-agent/config"), gw + ".yaml");
            throw new AssertionError("the broken file loaded");
        } catch (ConfigException e) {
            expected = e.problems().stream().map(ConfigProblem::toString).toList();
        }
        assertThat(expected)
                .anySatisfy(p -> assertThat(p).matches(gw + "\\.yaml:\\d+:\\d+: sensors\\[0]\\.i2c\\.address: .*"));
        for (String p : expected) {
            assertThat(r.body()).contains(json(p));
        }
        assertThat(collector
                        .get("/admin/gateways/" + gw + "/config", TestCollector.ADMIN_TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aFileForAnotherGatewayOrSiteIsRefusedNamingTheRegistrysIds() throws Exception {
        String gw = "rc-other-" + SUFFIX;
        collector.register(gw, SITE, SiteKind.SCHOOL);

        HttpResponse<String> r = putConfig(gw, FleetFixtures.schoolFile("someone-else", "another-site"));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body())
                .containsPattern(gw + "\\.yaml:3:\\d+: id: 'someone-else' is not this gateway")
                .containsPattern(gw + "\\.yaml:5:\\d+: site\\.id: 'another-site' is not this gateway's site");
    }

    @Test
    void aValidFileGoesRetainedToItsGatewayAloneAndIsPulledWithEtags() throws Exception {
        String gw = "rc-ok-" + SUFFIX;
        String other = "rc-nosy-" + SUFFIX;
        String token = collector.register(gw, SITE, SiteKind.SCHOOL).token();
        String otherToken = collector.register(other, SITE, SiteKind.SCHOOL).token();
        String yaml = FleetFixtures.schoolFile(gw, SITE);
        String version = ConfigVersion.of(yaml);

        HttpResponse<String> put = putConfig(gw, yaml);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).contains("\"version\":\"" + version + "\"");
        HttpResponse<String> back = collector.get("/admin/gateways/" + gw + "/config", TestCollector.ADMIN_TOKEN);
        assertThat(back.body()).isEqualTo(yaml);
        assertThat(back.headers().firstValue("ETag")).hasValue("\"" + version + "\"");

        String topic = "dos/" + SITE + "/" + gw + "/desired";
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(subscribe(gw, token, topic)).contains("\"version\":\"" + version + "\""));
        assertThat(subscribe(other, otherToken, topic)).doesNotContain("version");

        HttpResponse<String> pulled = collector.get("/api/v1/gateway/desired", token);
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.body()).contains("\"version\":\"" + version + "\"").contains("\"agent\":null");
        String etag = pulled.headers().firstValue("ETag").orElseThrow();
        assertThat(collector
                        .send("GET", "/api/v1/gateway/desired", token, null, "If-None-Match", etag)
                        .statusCode())
                .isEqualTo(304);
        assertThat(collector.get("/api/v1/gateway/desired", otherToken).statusCode())
                .isEqualTo(204);
        assertThat(collector.get("/api/v1/gateway/desired", null).statusCode()).isEqualTo(401);
        assertThat(collector
                        .get("/api/v1/gateway/desired", TestCollector.ADMIN_TOKEN)
                        .statusCode())
                .isEqualTo(401);

        assertThat(collector
                        .send("DELETE", "/admin/gateways/" + gw + "/config", TestCollector.ADMIN_TOKEN, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(collector.get("/api/v1/gateway/desired", token).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(subscribe(gw, token, topic)).contains("\"config\":null"));
    }

    @Test
    void aDeletedGatewaysRetainedDocumentIsCleared() throws Exception {
        String gw = "rc-gone-" + SUFFIX;
        collector.register(gw, SITE, SiteKind.SCHOOL);
        assertThat(putConfig(gw, FleetFixtures.schoolFile(gw, SITE)).statusCode())
                .isEqualTo(200);
        String topic = "dos/" + SITE + "/" + gw + "/desired";
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(subscribe("collector", "collector-dev-secret", topic))
                        .contains("\"version\""));

        assertThat(collector
                        .send("DELETE", "/admin/gateways/" + gw, TestCollector.ADMIN_TOKEN, null)
                        .statusCode())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(subscribe("collector", "collector-dev-secret", topic))
                        .doesNotContain("version"));
    }

    @Test
    void theGatewaysReportsShowAsDrift() throws Exception {
        String gw = "rc-drift-" + SUFFIX;
        String token = collector.register(gw, SITE, SiteKind.SCHOOL).token();
        String yaml = FleetFixtures.schoolFile(gw, SITE);
        String version = ConfigVersion.of(yaml);
        assertThat(putConfig(gw, yaml).statusCode()).isEqualTo(200);

        assertThat(FleetFixtures.reportHealth(collector, gw, SITE, token, "sha256:000000000000"))
                .isEqualTo(200);
        assertThat(driftOf(gw)).contains("\"state\":\"pending\"");

        assertThat(FleetFixtures.reportHealth(
                        collector,
                        gw,
                        SITE,
                        token,
                        "sha256:000000000000",
                        FleetFixtures.change(
                                version, FleetChange.Outcome.ROLLED_BACK, "sensor r204-air did not answer")))
                .isEqualTo(200);
        assertThat(driftOf(gw))
                .contains("\"desired\":\"" + version + "\"")
                .contains("\"reported\":\"sha256:000000000000\"")
                .contains("\"state\":\"rolled-back\"")
                .contains("sensor r204-air did not answer");
        assertThat(collector
                        .get("/admin/gateways/" + gw, TestCollector.ADMIN_TOKEN)
                        .body())
                .contains("\"drift\":")
                .contains("\"state\":\"rolled-back\"");
        WebClient web = new WebClient(collector);
        web.signIn(TestCollector.ADMIN_TOKEN, "/flotte");
        String page = web.get("/flotte/" + gw).body();
        assertThat(page)
                .contains("Fernkonfiguration")
                .contains(version)
                .contains("zurückgerollt")
                .contains("sensor r204-air did not answer");
        assertThat(web.get("/flotte").body()).contains("Fernwartung").contains("Konfiguration zurückgerollt");

        assertThat(FleetFixtures.reportHealth(
                        collector,
                        gw,
                        SITE,
                        token,
                        version,
                        FleetFixtures.change(version, FleetChange.Outcome.COMMITTED, null)))
                .isEqualTo(200);
        assertThat(driftOf(gw)).contains("\"state\":\"in-sync\"");
    }

    private static String driftOf(String gw) throws Exception {
        String all =
                collector.get("/admin/fleet/drift", TestCollector.ADMIN_TOKEN).body();
        int at = all.indexOf("\"gatewayId\":\"" + gw + "\"");
        assertThat(at).as(all).isGreaterThanOrEqualTo(0);
        int end = all.indexOf("\"gatewayId\"", at + 5);
        return all.substring(at, end < 0 ? all.length() : end);
    }

    static HttpResponse<String> putConfig(String gw, String yaml) throws Exception {
        return putConfig(collector, gw, yaml);
    }

    static HttpResponse<String> putConfig(TestCollector collector, String gw, String yaml) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(collector.url("/admin/gateways/" + gw + "/config")))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8))
                .header("Content-Type", "text/yaml")
                .header("Authorization", "Bearer " + TestCollector.ADMIN_TOKEN)
                .build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** What {@code mosquitto_sub} with this gateway's credentials receives on the topic within 3 s (retained). */
    private static String subscribe(String user, String token, String topic) throws Exception {
        Process sub = new ProcessBuilder(
                        "mosquitto_sub",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(broker.authPort),
                        "-u",
                        user,
                        "-P",
                        token,
                        "-i",
                        "rc-sub-" + UUID.randomUUID(),
                        "-V",
                        "mqttv5",
                        "-t",
                        topic,
                        "-C",
                        "1",
                        "-W",
                        "3")
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sub.getInputStream().transferTo(out);
        assertThat(sub.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A string as it appears inside a JSON document. */
    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

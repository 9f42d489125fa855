package de.dos2030.iot.collector.fleet.release;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.fleet.AgentRelease;
import de.dos2030.iot.collector.fleet.DesiredAgentChanged;
import de.dos2030.iot.collector.fleet.DesiredAgents;
import de.dos2030.iot.collector.fleet.FleetFixtures;
import de.dos2030.iot.collector.security.ApiTokens;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.SiteKind;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent releases on a real collector: uploads signed, tampered, unsigned and foreign-signed jars (3 MB, more than
 * the HTTP door's 256 KiB buffer limit of the tests, so the upload is streamed), downloads them as gateways and
 * other callers, and chooses the release of a gateway.
 */
class ReleaseIT {
    @TempDir
    static Path tmp;

    static TestCollector collector;
    static io.micronaut.json.JsonMapper json;
    static KeyPair operator;
    static String gwA;
    static String gwB;
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        startWith(Map.of());
    }

    /** Starts the collector with these extra properties (another database). */
    static void startWith(Map<String, Object> database) throws Exception {
        operator = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pub = tmp.resolve("release-key.pub");
        Files.writeString(
                pub,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(operator.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        Map<String, Object> props = new java.util.HashMap<>(database);
        props.put("collector.releases.public-keys", pub.toString());
        props.put("collector.releases.directory", tmp.resolve("releases").toString());
        props.put("test.desired-agent-journal", "true");
        props.put("collector.fleet.rollout-interval", "100ms");
        props.put("collector.fleet.rollout-lease", "5s");
        collector = new TestCollector(props);
        json = collector.context.getBean(io.micronaut.json.JsonMapper.class);
        gwA = collector
                .register("rel-a-" + SUFFIX, "rel-site-" + SUFFIX, SiteKind.SCHOOL)
                .token();
        gwB = collector
                .register("rel-b-" + SUFFIX, "rel-site-" + SUFFIX, SiteKind.SCHOOL)
                .token();
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void anAgentRolloutAsksTheCanaryFirstAndStopsWhenItRefusesTheRelease() throws Exception {
        String version = "0.7.0-" + SUFFIX;
        byte[] jar = jar(7);
        assertThat(upload(version, jar, sign(operator.getPrivate(), jar), TestCollector.ADMIN_TOKEN)
                        .statusCode())
                .isEqualTo(201);
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String id = "rel-ro-" + i + "-" + SUFFIX;
            tokens.put(
                    id,
                    collector
                            .register(id, "rel-site-" + SUFFIX, SiteKind.SCHOOL)
                            .token());
        }
        String unknown = rolloutOf(version + "-missing", tokens.keySet());
        assertThat(collector
                        .send("POST", "/admin/rollouts", TestCollector.ADMIN_TOKEN, unknown)
                        .body())
                .contains("is not an uploaded release");

        // The canary refuses (as a gateway whose key does not match would): the others are never asked.
        String failing = startRollout(rolloutOf(version, tokens.keySet()));
        Map<?, ?> failed = untilDone(failing, tokens, FleetChange.Outcome.REFUSED);
        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat((String) failed.get("reason")).contains("signature does not match the operator key");
        List<String> others = List.copyOf(tokens.keySet()).subList(1, tokens.size());
        for (String other : others) {
            assertThat(collector
                            .get("/api/v1/gateway/desired", tokens.get(other))
                            .body())
                    .doesNotContain(version);
        }

        // Every gateway commits: the rollout completes step by step, and drift shows the agent in sync.
        Map<?, ?> done = untilDone(startRollout(rolloutOf(version, others)), tokens, FleetChange.Outcome.COMMITTED);
        assertThat(done.get("status")).as(String.valueOf(done)).isEqualTo("completed");
        assertThat(collector
                        .get("/admin/fleet/drift", TestCollector.ADMIN_TOKEN)
                        .body())
                .contains("\"desired\":\"" + version + "\"");
    }

    private String rolloutOf(String version, java.util.Collection<String> gateways) throws Exception {
        return json.writeValueAsString(Map.of(
                "kind",
                "agent",
                "version",
                version,
                "gateways",
                List.copyOf(gateways),
                "percentSteps",
                List.of(50, 100),
                "pace",
                "PT0S",
                "watch",
                "PT30S"));
    }

    private String startRollout(String body) throws Exception {
        HttpResponse<String> r = collector.send("POST", "/admin/rollouts", TestCollector.ADMIN_TOKEN, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (String) json.readValue(r.body(), Map.class).get("id");
    }

    /** Simulated gateways pull their desired state and answer a new agent release with this outcome. */
    private Map<?, ?> untilDone(String rolloutId, Map<String, String> tokens, FleetChange.Outcome answer)
            throws Exception {
        java.util.Set<String> answered = new java.util.HashSet<>();
        Map<?, ?>[] last = new Map<?, ?>[1];
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> {
                    for (var gw : tokens.entrySet()) {
                        HttpResponse<String> d = collector.get("/api/v1/gateway/desired", gw.getValue());
                        Object agent = d.statusCode() == 200
                                ? json.readValue(d.body(), Map.class).get("agent")
                                : null;
                        if (agent instanceof Map<?, ?> a && answered.add(gw.getKey() + a.get("version"))) {
                            FleetFixtures.reportHealth(
                                    collector,
                                    gw.getKey(),
                                    "rel-site-" + SUFFIX,
                                    gw.getValue(),
                                    "sha256:000000000000",
                                    new FleetChange(
                                            FleetChange.Kind.AGENT,
                                            (String) a.get("version"),
                                            answer,
                                            answer == FleetChange.Outcome.COMMITTED
                                                    ? null
                                                    : "signature does not match the operator key",
                                            java.time.Instant.now()));
                        }
                    }
                    last[0] = json.readValue(
                            collector
                                    .get("/admin/rollouts/" + rolloutId, TestCollector.ADMIN_TOKEN)
                                    .body(),
                            Map.class);
                    return !"running".equals(last[0].get("status"));
                });
        return last[0];
    }

    static byte[] jar(long seed) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(0);
            zip.putNextEntry(new ZipEntry("payload.bin"));
            byte[] payload = new byte[3 * 1024 * 1024];
            new Random(seed).nextBytes(payload);
            zip.write(payload);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static String sign(PrivateKey key, byte[] jar) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(MessageDigest.getInstance("SHA-256").digest(jar));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    HttpResponse<String> upload(String version, byte[] jar, String signature, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(collector.url("/admin/releases/" + version)))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar));
        if (signature != null) {
            b.header("X-Release-Signature", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String version, String bearer, String... headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(collector.url("/api/v1/releases/" + version + "/edge-agent.jar")));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aSignedReleaseIsTakenAndEveryGatewayDownloadsItByteForByte() throws Exception {
        byte[] jar = jar(1);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        HttpResponse<String> up =
                upload("0.2.0-" + SUFFIX, jar, sign(operator.getPrivate(), jar), TestCollector.ADMIN_TOKEN);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        assertThat(up.body())
                .contains(
                        "\"sha256\":\"" + sha + "\"",
                        "\"size\":" + jar.length,
                        "\"url\":\"/api/v1/releases/0.2.0-" + SUFFIX + "/edge-agent.jar\"");
        assertThat(collector.get("/admin/releases", TestCollector.ADMIN_TOKEN).body())
                .contains("0.2.0-" + SUFFIX);
        assertThat(upload("0.2.0-" + SUFFIX, jar, sign(operator.getPrivate(), jar), TestCollector.ADMIN_TOKEN)
                        .statusCode())
                .as("a version never changes")
                .isEqualTo(409);

        HttpResponse<byte[]> a = download("0.2.0-" + SUFFIX, gwA);
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(a.body()).isEqualTo(jar);
        assertThat(a.headers().firstValue("ETag")).contains("\"" + sha + "\"");
        assertThat(a.headers().firstValue("X-Release-Sha256")).contains(sha);
        assertThat(download("0.2.0-" + SUFFIX, gwB).body())
                .as("another gateway's token")
                .isEqualTo(jar);
        assertThat(download("0.2.0-" + SUFFIX, gwA, "If-None-Match", "\"" + sha + "\"")
                        .statusCode())
                .isEqualTo(304);
        assertThat(download("0.2.0-" + SUFFIX, TestCollector.ADMIN_TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(download("0.2.0-" + SUFFIX, collector.apiToken("rel-viewer-" + SUFFIX, Role.VIEWER))
                        .statusCode())
                .as("a viewer")
                .isEqualTo(403);
        String scopedAdmin = collector
                .context
                .getBean(ApiTokens.class)
                .issue(
                        "rel-sa-" + SUFFIX,
                        "rel-sa",
                        Role.ADMIN,
                        Scope.kind("school"),
                        new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN))
                .token();
        assertThat(download("0.2.0-" + SUFFIX, scopedAdmin).statusCode())
                .as("an admin of one kind")
                .isEqualTo(403);
        assertThat(download("0.2.0-" + SUFFIX, null).statusCode()).isEqualTo(401);
        assertThat(download("0.2.0-" + SUFFIX, "no-such-token-0123456789").statusCode())
                .isEqualTo(401);
        assertThat(download("9.9.9-" + SUFFIX, gwA).statusCode()).isEqualTo(404);
        assertThat(collector.get("/admin/audit", TestCollector.ADMIN_TOKEN).body())
                .contains("release.upload", "release/0.2.0-" + SUFFIX);
    }

    @Test
    void aTamperedJarIsRefusedWith422() throws Exception {
        byte[] jar = jar(2);
        String signature = sign(operator.getPrivate(), jar);
        jar[jar.length / 2] ^= 1;
        HttpResponse<String> up = upload("0.3.0-" + SUFFIX, jar, signature, TestCollector.ADMIN_TOKEN);
        assertThat(up.statusCode()).isEqualTo(422);
        assertThat(up.body()).contains("signature does not match the operator key");
        assertThat(download("0.3.0-" + SUFFIX, gwA).statusCode()).isEqualTo(404);
        assertThat(collector.get("/admin/audit", TestCollector.ADMIN_TOKEN).body())
                .contains("release.refuse");
    }

    @Test
    void aJarSignedWithAnotherKeyIsRefusedWith422() throws Exception {
        byte[] jar = jar(3);
        PrivateKey stranger =
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        HttpResponse<String> up = upload("0.4.0-" + SUFFIX, jar, sign(stranger, jar), TestCollector.ADMIN_TOKEN);
        assertThat(up.statusCode()).isEqualTo(422);
        assertThat(up.body()).contains("signature does not match the operator key");
    }

    @Test
    void anUnsignedJarOrNoJarIsRefusedWith422() throws Exception {
        HttpResponse<String> up = upload("0.5.0-" + SUFFIX, jar(4), null, TestCollector.ADMIN_TOKEN);
        assertThat(up.statusCode()).isEqualTo(422);
        assertThat(up.body()).contains("unsigned", "X-Release-Signature");
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> notJar =
                upload("0.5.1-" + SUFFIX, text, sign(operator.getPrivate(), text), TestCollector.ADMIN_TOKEN);
        assertThat(notJar.statusCode()).isEqualTo(422);
        assertThat(notJar.body()).contains("not a jar");
        assertThat(upload("-bad", text, "x", TestCollector.ADMIN_TOKEN).statusCode())
                .isEqualTo(400);
        assertThat(upload(
                                "0.5.2-" + SUFFIX,
                                jar(5),
                                sign(operator.getPrivate(), jar(5)),
                                collector.apiToken("rel-eng-" + SUFFIX, Role.ENGINEER))
                        .statusCode())
                .as("an engineer")
                .isEqualTo(403);
    }

    @Test
    void theDesiredAgentOfAGatewayMustBeAnUploadedReleaseAndItsChangeIsAnnounced() throws Exception {
        byte[] jar = jar(6);
        String version = "0.6.0-" + SUFFIX;
        assertThat(upload(version, jar, sign(operator.getPrivate(), jar), TestCollector.ADMIN_TOKEN)
                        .statusCode())
                .isEqualTo(201);
        String gw = "rel-a-" + SUFFIX;
        HttpResponse<String> unknown = collector.send(
                "PUT", "/admin/gateways/" + gw + "/agent", TestCollector.ADMIN_TOKEN, "{\"version\":\"7.7.7\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("was not uploaded");
        assertThat(collector
                        .send(
                                "PUT",
                                "/admin/gateways/no-such-gw/agent",
                                TestCollector.ADMIN_TOKEN,
                                "{\"version\":\"" + version + "\"}")
                        .statusCode())
                .isEqualTo(404);
        int events = DesiredAgentJournal.ALL.size();

        HttpResponse<String> set = collector.send(
                "PUT",
                "/admin/gateways/" + gw + "/agent",
                TestCollector.ADMIN_TOKEN,
                "{\"version\":\"" + version + "\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        AgentRelease desired =
                collector.context.getBean(DesiredAgents.class).desiredFor(gw).orElseThrow();
        assertThat(desired.version()).isEqualTo(version);
        assertThat(desired.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(jar)));
        assertThat(desired.signatureBase64()).isEqualTo(sign(operator.getPrivate(), jar));
        assertThat(desired.url()).isEqualTo("/api/v1/releases/" + version + "/edge-agent.jar");
        assertThat(collector.context.getBean(DesiredAgents.class).desiredFor("rel-b-" + SUFFIX))
                .isEmpty();
        assertThat(DesiredAgentJournal.ALL.subList(events, DesiredAgentJournal.ALL.size()))
                .containsExactly(new DesiredAgentChanged(gw));
        collector.send(
                "PUT",
                "/admin/gateways/" + gw + "/agent",
                TestCollector.ADMIN_TOKEN,
                "{\"version\":\"" + version + "\"}");
        assertThat(DesiredAgentJournal.ALL).as("unchanged: no event").hasSize(events + 1);
        assertThat(collector.get("/admin/audit", TestCollector.ADMIN_TOKEN).body())
                .contains("agent.desire");
    }
}

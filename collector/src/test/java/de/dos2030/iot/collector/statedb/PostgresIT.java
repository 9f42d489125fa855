package de.dos2030.iot.collector.statedb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.activity.ActivityTracker;
import de.dos2030.iot.collector.alerts.liveness.LivenessMonitor;
import de.dos2030.iot.collector.gateways.BootSequences;
import de.dos2030.iot.collector.ingest.SequenceTracker;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.web.WebClient;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The collector on PostgreSQL (the dev services' PostgreSQL 15, a fresh database per run), as
 * production runs it with {@code MICRONAUT_ENVIRONMENTS=postgres}: every migration, and each part
 * that writes its own SQL (registry, tokens, activity, shared sequences, alerts, subscriptions and
 * the delivery outbox) through one flow. The other ITs run the same code on H2.
 */
class PostgresIT {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:15432/";
    static final String USER = "dos";
    static final String PASSWORD = "dos-dev-secret";
    static final String DATABASE =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static TestCollector collector;

    @BeforeAll
    static void start() throws SQLException {
        execute("dos", "CREATE DATABASE " + DATABASE);
        collector = new TestCollector(Map.of(
                "datasources.default.url",
                SERVER + DATABASE,
                "datasources.default.username",
                USER,
                "datasources.default.password",
                PASSWORD,
                "datasources.default.driver-class-name",
                "org.postgresql.Driver",
                "datasources.default.dialect",
                "POSTGRES",
                "test.mutable-clock",
                true,
                "collector.liveness.offline-after",
                "5m"));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (collector != null) {
            collector.close();
        }
        execute("dos", "DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void registryTokensActivityAndSharedSequencesLiveInPostgres() throws Exception {
        String token = collector.register("pg-gw", "pg-site", SiteKind.SCHOOL).token();
        for (long seq : new long[] {0, 1, 3}) {
            HttpResponse<String> r = collector.postBatch(
                    BatchCodec.json().encode(TestBatches.school("pg-gw", "pg-site", "boot-pg", seq, 2)),
                    "application/json",
                    token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        String viewer = collector.apiToken("pg-viewer", Role.VIEWER);
        assertThat(collector.get("/api/v1/sites", viewer).body()).contains("\"pg-site\"");
        assertThat(collector
                        .send("DELETE", "/admin/tokens/pg-viewer", TestCollector.ADMIN_TOKEN, null)
                        .statusCode())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(collector.get("/api/v1/sites", viewer).statusCode())
                                .isEqualTo(401));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(query("SELECT ranges FROM stored_sequences WHERE gateway_id = 'pg-gw' AND boot_id = 'boot-pg'"))
                    .containsExactly("0-1,3");
            assertThat(query("SELECT boot_id FROM gateway_activity WHERE gateway_id = 'pg-gw'"))
                    .containsExactly("boot-pg");
        });
        List<BootSequences> boots =
                collector.context.getBean(SequenceTracker.class).of("pg-gw");
        assertThat(boots.get(0).missing()).containsExactly(new long[] {2, 2});
    }

    @Test
    void rawCapturesLiveInPostgresOncePerAlertAndSensor() throws Exception {
        String token =
                collector.register("pg-cap-gw", "pg-cap-site", SiteKind.BRIDGE).token();
        var capture = de.dos2030.iot.collector.captures.CaptureBatches.capture(
                "deck.rms.above-1", "deck", java.time.Instant.now().minusSeconds(60));
        for (long seq : new long[] {0, 0, 1}) {
            HttpResponse<String> r = collector.postBatch(
                    BatchCodec.cbor()
                            .encode(de.dos2030.iot.collector.captures.CaptureBatches.batch(
                                    "pg-cap-gw", "pg-cap-site", "boot-pg", seq, capture)),
                    "application/cbor",
                    token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        assertThat(query("SELECT sensor_id FROM raw_capture WHERE gateway_id = 'pg-cap-gw'"))
                .containsExactly("deck");
        assertThat(collector
                        .context
                        .getBean(de.dos2030.iot.collector.captures.CaptureStore.class)
                        .ofAlert("pg-cap-gw", "deck.rms.above-1"))
                .containsExactly(capture);
    }

    @Test
    void webSessionsLiveInPostgresAsHashesAndEndAtSignOut() throws Exception {
        String engineer = collector.apiToken("pg-web", Role.ENGINEER);
        WebClient browser = new WebClient(collector);
        assertThat(browser.signIn(engineer, "/flotte").statusCode()).isEqualTo(303);
        String cookie = browser.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("dos_session"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(query("SELECT id_hash FROM web_session WHERE subject = 'pg-web'"))
                .singleElement()
                .satisfies(h -> assertThat(h).matches("[0-9a-f]{64}").isNotEqualTo(cookie));
        assertThat(browser.get("/flotte").statusCode()).isEqualTo(200);
        assertThat(browser.submit("/flotte", "/abmelden", Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(query("SELECT id_hash FROM web_session WHERE subject = 'pg-web'"))
                .isEmpty();
    }

    @Test
    void alertsSubscriptionsAndTheDeliveryOutboxLiveInPostgres() throws Exception {
        String token = collector.register("pg-gw2", "pg-site2", SiteKind.SCHOOL).token();
        String engineer = collector.apiToken("pg-eng", Role.ENGINEER);
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            HttpResponse<String> sub = collector.send(
                    "POST",
                    "/api/v1/subscriptions",
                    engineer,
                    "{\"name\":\"pg\",\"channel\":\"webhook\",\"language\":\"en\"," + "\"target\":\"" + receiver.url()
                            + "\",\"filter\":{\"siteId\":\"pg-site2\"}}");
            assertThat(sub.statusCode()).as(sub.body()).isEqualTo(201);
            assertThat(query("SELECT language || '/' || preset FROM subscription WHERE name = 'pg'"))
                    .containsExactly("en/json"); // V15's columns on PostgreSQL
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
            AlertEvent raise = TestBatches.co2Alert("pg-a1", Severity.WARNING, AlertState.RAISED, 1450, 1400, t);
            for (int i = 0; i < 2; i++) { // the second is a re-send: stored once, delivered once
                HttpResponse<String> r = collector.postBatch(
                        BatchCodec.json().encode(TestBatches.alerts("pg-gw2", "pg-site2", "boot-pg2", 0, raise)),
                        "application/json",
                        token);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() >= 1);
            HttpResponse<String> ack =
                    collector.send("POST", "/api/v1/alerts/pg-gw2/pg-a1/acknowledge", engineer, "{\"note\":\"aired\"}");
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() >= 2);
            Thread.sleep(500); // a third (duplicate) delivery would arrive within the poll interval
            assertThat(receiver.accepted()).hasSize(2);
            assertThat(receiver.accepted().get(0).body()).contains("\"kind\":\"raised\"");
            assertThat(receiver.accepted().get(1).body()).contains("\"kind\":\"acknowledged\"");
            assertThat(query("SELECT status FROM delivery"))
                    .containsOnly("delivered")
                    .hasSize(2);
        }
    }

    @Test
    void serverSideAlertsAndTheirFiltersWorkOnPostgres() throws Exception {
        String token = collector.register("pg-gw3", "pg-site3", SiteKind.BRIDGE).token();
        String viewer = collector.apiToken("pg-viewer3", Role.VIEWER);
        assertThat(collector
                        .postBatch(
                                BatchCodec.json().encode(TestBatches.school("pg-gw3", "pg-site3", "boot-pg3", 0, 2)),
                                "application/json",
                                token)
                        .statusCode())
                .isEqualTo(200);
        collector.context.getBean(ActivityTracker.class).flush();
        collector.clock().advance(Duration.ofMinutes(6));
        collector.context.getBean(LivenessMonitor.class).check();

        for (String filter : new String[] {
            "gatewayId=pg-gw3&ruleId=gateway-offline",
            "siteKind=bridge&minSeverity=warning&status=active",
            "siteId=pg-site3&status=all&limit=5&from=2000-01-01T00:00:00Z"
        }) {
            HttpResponse<String> r = collector.send("GET", "/api/v1/alerts?" + filter, viewer, null);
            assertThat(r.statusCode()).as(filter + ": " + r.body()).isEqualTo(200);
            assertThat(r.body())
                    .as(filter)
                    .contains("\"ruleId\":\"gateway-offline\"")
                    .contains("\"gatewayId\":\"pg-gw3\"");
        }
        assertThat(collector.send("GET", "/api/v1/alerts/active", viewer, null).body())
                .contains("gateway-offline");
        assertThat(collector
                        .send("GET", "/api/v1/gateways?site=pg-site3", viewer, null)
                        .body())
                .contains("\"state\":\"offline\"");
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + DATABASE, USER, PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + database, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

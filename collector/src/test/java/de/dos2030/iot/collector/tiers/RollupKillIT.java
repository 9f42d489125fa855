package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.codec.BatchCodec;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of a recompute: a collector runs as its own JVM process on PostgreSQL; it is
 * killed (SIGKILL) while it holds leases on dirty windows; a collector started afterwards waits for
 * those leases to expire, takes the windows over and the tiers converge to the raw aggregation.
 * Both run on this test's class path (target/classes and the dependencies), as {@code Application}.
 */
class RollupKillIT {
    static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:15432/";
    static final String PG_DATABASE =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static final String INFLUX_DATABASE =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<Process> processes = new ArrayList<>();

    @AfterAll
    static void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor();
        }
        try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, INFLUX_DATABASE)) {
            influx.dropDatabase();
        }
        pg("dos", "DROP DATABASE IF EXISTS " + PG_DATABASE);
    }

    @Test
    void rollupsConvergeAfterACollectorIsKilledWhileHoldingLeases() throws Exception {
        pg("dos", "CREATE DATABASE " + PG_DATABASE);
        int port = freePort();
        Process first = collector(port, "first");
        String gateway = "kill-gw-" + System.nanoTime();
        String token = register(port, gateway);
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(40));
        Instant to = from.plus(Duration.ofHours(24));
        List<Batch> batches = RollupFixtures.batches(
                gateway,
                "kill-site",
                "boot-1",
                0,
                List.of(
                        new RollupFixtures.Channel("room-4.co2", Quantity.CO2, Statistic.SAMPLE, 1100, 200, 1),
                        new RollupFixtures.Channel(
                                "room-4.temp", Quantity.TEMPERATURE, Statistic.SAMPLE, 20.7, 0.5, 0.01)),
                from,
                to,
                Duration.ofMinutes(10),
                41);
        for (Batch b : batches) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/batches"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/cbor")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(
                                    BatchCodec.cbor().encode(b)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(2))
                .until(() -> leased() > 0);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no lease given back
        first.waitFor();
        long orphaned = count("SELECT COUNT(*) FROM rollup_dirty WHERE lease_owner IS NOT NULL");
        assertThat(orphaned).as("leases the killed instance left behind").isPositive();
        assertThat(count("SELECT COUNT(*) FROM rollup_dirty"))
                .as("windows still dirty")
                .isPositive();

        collector(port, "second");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> count("SELECT COUNT(*) FROM rollup_dirty") == 0);
        try (TierOracle oracle = new TierOracle(TestInflux.DEV_URL, INFLUX_DATABASE)) {
            ZoneId berlin = ZoneId.of("Europe/Berlin");
            oracle.assertTiersMatchRaw(SiteKind.SCHOOL, "co2", "value", gateway, from, to, berlin);
            oracle.assertTiersMatchRaw(SiteKind.SCHOOL, "temperature", "value", gateway, from, to, berlin);
        }
    }

    /** A collector in its own JVM on this test's class path, with a short lease and one slow-ish worker thread. */
    private static Process collector(int port, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "de.dos2030.iot.collector.Application")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/rollup-kill-" + name + ".log"));
        pb.environment()
                .putAll(Map.ofEntries(
                        Map.entry("MICRONAUT_ENVIRONMENTS", ""),
                        Map.entry("MICRONAUT_SERVER_PORT", Integer.toString(port)),
                        Map.entry("COLLECTOR_ADMIN_TOKEN", TestCollector.ADMIN_TOKEN),
                        Map.entry("COLLECTOR_SECRETS_KEY", TestCollector.SECRETS_KEY),
                        Map.entry("DATASOURCES_DEFAULT_URL", PG_SERVER + PG_DATABASE),
                        Map.entry("DATASOURCES_DEFAULT_USERNAME", "dos"),
                        Map.entry("DATASOURCES_DEFAULT_PASSWORD", "dos-dev-secret"),
                        Map.entry("DATASOURCES_DEFAULT_DRIVER_CLASS_NAME", "org.postgresql.Driver"),
                        Map.entry("DATASOURCES_DEFAULT_DIALECT", "POSTGRES"),
                        Map.entry("COLLECTOR_INFLUX_URL", TestInflux.DEV_URL),
                        Map.entry("COLLECTOR_INFLUX_DATABASE", INFLUX_DATABASE),
                        Map.entry("COLLECTOR_MQTT_ENABLED", "false"),
                        Map.entry("COLLECTOR_COAP_ENABLED", "false"),
                        Map.entry("COLLECTOR_LIVENESS_ENABLED", "false"),
                        Map.entry("COLLECTOR_INGEST_RATE_BATCHES_PER_SECOND", "1000"),
                        Map.entry("COLLECTOR_INGEST_RATE_BURST", "1000"),
                        // Nothing is due while the batches arrive; then one round claims 32 windows at once and works
                        // through them on one thread, so leases are held for a while.
                        Map.entry("COLLECTOR_ROLLUP_SETTLE_DELAY", "3s"),
                        Map.entry("COLLECTOR_ROLLUP_MAX_DELAY", "3s"),
                        Map.entry("COLLECTOR_ROLLUP_POLL_INTERVAL", "50ms"),
                        Map.entry("COLLECTOR_ROLLUP_LEASE", "3s"),
                        Map.entry("COLLECTOR_ROLLUP_THREADS", "1")));
        Process p = pb.start();
        processes.add(p);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(p.isAlive())
                            .as("collector " + name + " exited: see target/rollup-kill-" + name + ".log")
                            .isTrue();
                    return HTTP.send(
                                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            > 0;
                });
        return p;
    }

    private static String register(int port, String gateway) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/gateways"))
                        .header("Authorization", "Bearer " + TestCollector.ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"id\":\"" + gateway + "\",\"siteId\":\"kill-site\",\"siteKind\":\"school\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        assertThat(r.statusCode() == 201 && m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    private static long leased() throws SQLException {
        return count(
                "SELECT COUNT(*) FROM rollup_dirty WHERE lease_owner IS NOT NULL AND lease_until > CURRENT_TIMESTAMP");
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_SERVER + PG_DATABASE, "dos", "dos-dev-secret");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void pg(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_SERVER + database, "dos", "dos-dev-secret");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

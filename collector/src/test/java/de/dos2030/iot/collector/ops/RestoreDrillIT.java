package de.dos2030.iot.collector.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.activity.ActivityTracker;
import de.dos2030.iot.collector.alerts.delivery.WebhookSignature;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's restore drill: a collector with gateways, readings, an acknowledged alert, a webhook subscription and
 * API tokens is backed up by {@code scripts/collector-backup} while it runs; its services are then thrown away,
 * {@code scripts/collector-restore} restores the archive onto fresh ones (a new InfluxDB, a new PostgreSQL cluster:
 * {@link FreshServices}), and a new collector there gives the same answers, accepts the old tokens and signs with
 * the old webhook secret.
 */
class RestoreDrillIT {
    static final Path ROOT = FreshServices.ROOT;
    static final String PG = "jdbc:postgresql://127.0.0.1:15432/";
    static final String PG_USER = "dos";
    static final String PG_PASSWORD = "dos-dev-secret";

    @Test
    void aCollectorRestoredOntoFreshServicesAnswersAsTheBackedUpOneDid(@TempDir Path dir) throws Exception {
        String name = "drill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path config = Files.writeString(dir.resolve("collector-drill.yml"), "collector:\n  drill: " + name + "\n");
        Path passwd = dir.resolve("mosquitto/passwd");
        Path acl = dir.resolve("mosquitto/acl");
        Files.createDirectories(passwd.getParent());
        String gateway = name + "-gw";
        String site = name + "-site";
        Map<String, HttpResponse<String>> before;
        String gatewayToken;
        String viewer;
        String engineer;
        Subscription subscription;
        Path archive;
        long started = System.nanoTime();
        // The empty machine boots (initdb, InfluxDB) while the old one works: the drill stays short.
        CompletableFuture<FreshServices> booting = CompletableFuture.supplyAsync(FreshServices::start);
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            execute("dos", "CREATE DATABASE " + name);
            try {
                Map<String, Object> props = registry(PG + name);
                props.put("collector.mosquitto.passwd-file", passwd.toString());
                props.put("collector.mosquitto.acl-file", acl.toString());
                props.put("collector.rollup.settle-delay", "0s"); // settle() waits for the tiers: no wait for more
                props.put("collector.rollup.poll-interval", "100ms");
                try (TestCollector source = new TestCollector(props, name, true)) {
                    gatewayToken = register(source, gateway, site);
                    register(source, name + "-gw2", name + "-site2");
                    viewer = source.apiToken(name + "-viewer", Role.VIEWER);
                    engineer = source.apiToken(name + "-engineer", Role.ENGINEER);
                    subscription = subscribe(source, engineer, site, receiver.url());
                    for (long seq = 0; seq < 3; seq++) {
                        post(source, gatewayToken, TestBatches.school(gateway, site, "boot-1", seq, 60));
                    }
                    post(source, gatewayToken, TestBatches.alerts(gateway, site, "boot-1", 4, raisedAlert()));
                    HttpResponse<String> ack = source.send(
                            "POST", "/api/v1/alerts/" + gateway + "/a-1/acknowledge", engineer, "{\"note\":\"aired\"}");
                    assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
                    settle(source, name, gateway);
                    HttpResponse<String> h2Only =
                            source.send("POST", "/admin/backup/registry", TestCollector.ADMIN_TOKEN, null);
                    assertThat(h2Only.statusCode()).as(h2Only.body()).isEqualTo(409); // pg_dump's work
                    assertThat(h2Only.body()).contains("pg_dump");
                    before = answers(source, viewer, engineer, gateway, site);
                    archive = backup(dir, name, config, passwd, acl);
                    lap(started, "backed up");
                }
            } finally {
                execute("dos", "DROP DATABASE IF EXISTS " + name); // nothing of the source is left to read
            }
            assertThat(archive.getFileName().toString()).matches("dos-collector-backup-\\d{8}T\\d{6}Z\\.tar\\.gz");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
                    .isEqualTo("rw-------");

            FreshServices fresh = booting.join();
            lap(started, "fresh services up");
            Path files = dir.resolve("restored");
            String printed = restore(fresh, archive, files);
            lap(started, "restored");
            assertThat(printed).contains("checksums of", "registry restored", "InfluxDB database '" + name + "'");
            assertThat(files.resolve("collector-drill.yml")).hasSameTextualContentAs(config);
            assertThat(files.resolve("passwd")).hasSameTextualContentAs(passwd);
            assertThat(files.resolve("acl")).hasSameTextualContentAs(acl);
            String key =
                    Files.readString(files.resolve("collector-secrets.key")).trim();

            Map<String, Object> props = registry(fresh.registryUrl());
            props.put("collector.influx.url", fresh.influxUrl());
            props.put("collector.secrets.key", key);
            try (TestCollector restored = new TestCollector(props, name, false)) {
                Map<String, HttpResponse<String>> after = answers(restored, viewer, engineer, gateway, site);
                SoftAssertions same = new SoftAssertions();
                for (String path : before.keySet()) {
                    same.assertThat(after.get(path).statusCode())
                            .as(path)
                            .isEqualTo(before.get(path).statusCode());
                    same.assertThat(after.get(path).body())
                            .as(path)
                            .isEqualTo(before.get(path).body());
                }
                same.assertAll();
                lap(started, "answers compared");
                // The gateway's old token still opens the door, and its next batch is a new one.
                post(restored, gatewayToken, TestBatches.school(gateway, site, "boot-1", 5, 10));
                // The webhook secret, sealed in the registry, opens with the restored key.
                int seen = receiver.received.size();
                HttpResponse<String> test =
                        restored.send("POST", "/api/v1/subscriptions/" + subscription.id + "/test", engineer, null);
                assertThat(test.statusCode()).as(test.body()).isBetween(200, 202);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() > seen);
                TestWebhookReceiver.Received delivery = receiver.received.get(seen);
                assertThat(WebhookSignature.verify(
                                subscription.secret,
                                delivery.header(WebhookSignature.HEADER),
                                delivery.body().getBytes(StandardCharsets.UTF_8)))
                        .as("signed with the secret of before the backup")
                        .isTrue();
            }
        } finally {
            FreshServices fresh = booting.exceptionally(e -> null).join();
            if (fresh != null) {
                fresh.close();
            }
            lap(started, "done");
        }
    }

    /** What an operator would check after a restore: every answer here must come back the same. */
    private static Map<String, HttpResponse<String>> answers(
            TestCollector c, String viewer, String engineer, String gateway, String site) throws Exception {
        String range = "from=" + Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS) + "&to="
                + Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        Map<String, HttpResponse<String>> out = new LinkedHashMap<>();
        for (String path : List.of(
                "/api/v1/gateways?site=" + site,
                "/api/v1/series?quantity=co2&site=" + site + "&window=1h&aggregate=max&" + range,
                "/api/v1/series?quantity=temperature&gateway=" + gateway + "&window=1h&aggregate=mean&" + range,
                "/api/v1/alerts?status=all&siteId=" + site + "&from=2000-01-01T00:00:00Z",
                "/api/v1/alerts/active",
                "/api/v1/sites")) {
            out.put(path, c.get(path, viewer));
        }
        out.put("/api/v1/subscriptions", c.get("/api/v1/subscriptions", engineer));
        for (String path : List.of(
                "/admin/gateways",
                "/admin/gateways/" + gateway + "/sequences",
                "/admin/tokens",
                "/admin/audit/verify")) {
            out.put(path, c.get(path, TestCollector.ADMIN_TOKEN));
        }
        return out;
    }

    private static void lap(long started, String what) {
        System.out.printf("restore drill: %s after %d ms%n", what, (System.nanoTime() - started) / 1_000_000);
    }

    private static Path backup(Path dir, String name, Path config, Path passwd, Path acl) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("COLLECTOR_DB_URL", PG + name);
        env.put("COLLECTOR_INFLUX_URL", "http://127.0.0.1:18086");
        env.put("DOS_BACKUP_INFLUX_RPC", "127.0.0.1:18088");
        env.put("COLLECTOR_INFLUX_DATABASE", name);
        env.put("COLLECTOR_SECRETS_KEY", TestCollector.SECRETS_KEY);
        env.put("COLLECTOR_MOSQUITTO_PASSWD_FILE", passwd.toString());
        env.put("COLLECTOR_MOSQUITTO_ACL_FILE", acl.toString());
        Path out = Files.createDirectories(dir.resolve("backups"));
        run(env, "scripts/collector-backup", "--out", out.toString(), "--config", config.toString());
        try (var listing = Files.list(out)) {
            return listing.filter(p -> p.getFileName().toString().startsWith("dos-collector-backup-"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static String restore(FreshServices fresh, Path archive, Path files) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("COLLECTOR_DB_URL", fresh.registryUrl());
        env.put("COLLECTOR_INFLUX_URL", fresh.influxUrl());
        env.put("DOS_BACKUP_INFLUX_RPC", "127.0.0.1:" + fresh.influxRpcPort);
        return run(env, "scripts/collector-restore", archive.toString(), "--yes", "--files-to", files.toString());
    }

    /** Runs a script with the collector's environment of this drill only; returns what it printed. */
    private static String run(Map<String, String> settings, String script, String... args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(List.of(ROOT.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("COLLECTOR_") || k.startsWith("DATASOURCES_"));
        pb.environment().put("COLLECTOR_DB_USER", PG_USER);
        pb.environment().put("COLLECTOR_DB_PASSWORD", PG_PASSWORD);
        pb.environment().putAll(settings);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(script + " printed:\n" + output).isZero();
        return output;
    }

    private static Map<String, Object> registry(String url) {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", url);
        props.put("datasources.default.username", PG_USER);
        props.put("datasources.default.password", PG_PASSWORD);
        props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        props.put("datasources.default.dialect", "POSTGRES");
        return props;
    }

    private static String register(TestCollector c, String id, String site) throws Exception {
        HttpResponse<String> r = c.send(
                "POST",
                "/admin/gateways",
                TestCollector.ADMIN_TOKEN,
                "{\"id\":\"" + id + "\",\"siteId\":\"" + site + "\",\"siteKind\":\"school\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return field(r.body(), "token");
    }

    private record Subscription(String id, String secret) {}

    private static Subscription subscribe(TestCollector c, String engineer, String site, String target)
            throws Exception {
        HttpResponse<String> r = c.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"name\":\"drill\",\"channel\":\"webhook\",\"target\":\"" + target + "\",\"filter\":{\"siteId\":\""
                        + site + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new Subscription(field(r.body(), "id"), field(r.body(), "secret"));
    }

    private static de.dos2030.iot.model.AlertEvent raisedAlert() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(120);
        return TestBatches.co2Alert("a-1", Severity.WARNING, AlertState.RAISED, 1450, 1400, t);
    }

    private static void post(TestCollector c, String token, de.dos2030.iot.model.Batch batch) throws Exception {
        HttpResponse<String> r = c.postBatch(BatchCodec.json().encode(batch), "application/json", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /**
     * Lets the collector write what it keeps in memory for a while (activity, sequence ranges) to its registry, and
     * roll up what it stored: the answers before the backup are then those of a collector at rest.
     */
    private static void settle(TestCollector c, String database, String gateway) {
        c.context.getBean(ActivityTracker.class).flush();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> query(database, "SELECT ranges FROM stored_sequences WHERE gateway_id = '" + gateway + "'")
                        .equals(List.of("0-2,4")));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        query(database, "SELECT count(*) FROM rollup_dirty").equals(List.of("0")));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private static List<String> query(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + database, PG_USER, PG_PASSWORD);
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
        try (Connection c = DriverManager.getConnection(PG + database, PG_USER, PG_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

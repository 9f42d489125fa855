package de.dos2030.iot.collector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.collector.backup.RegistryBackupController;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.SiteKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector whose registry is an H2 file: H2 lets one process open it, so {@code scripts/collector-backup} asks
 * the running collector for a copy ({@code POST /admin/backup/registry}), and {@code scripts/collector-restore}
 * puts that copy where the next collector opens it.
 */
class H2BackupIT {
    @Test
    void theRunningCollectorHandsItsH2RegistryToAdminsOnlyAndTheScriptsRestoreIt(@TempDir Path dir) throws Exception {
        String name = "h2bk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String restoredDb = name + "_restored";
        Path registry = dir.resolve("registry/collector-registry");
        Path restored = dir.resolve("restored/collector-registry");
        try (TestCollector c =
                new TestCollector(Map.of("datasources.default.url", "jdbc:h2:file:" + registry), name, true)) {
            c.register(name + "-gw", name + "-site", SiteKind.SCHOOL);
            String engineer = c.apiToken(name + "-engineer", Role.ENGINEER);
            assertThat(backupRequest(c, engineer).statusCode()).isEqualTo(403);
            HttpResponse<byte[]> zip = backupRequest(c, TestCollector.ADMIN_TOKEN);
            assertThat(zip.statusCode()).isEqualTo(200);
            assertThat(zip.headers().firstValue(RegistryBackupController.SCHEMA_VERSION))
                    .hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
            assertThat(zip.body()).startsWith((byte) 'P', (byte) 'K'); // a ZIP

            Map<String, String> env = new HashMap<>();
            env.put("DATASOURCES_DEFAULT_URL", "jdbc:h2:file:" + registry);
            env.put("COLLECTOR_URL", c.url(""));
            env.put("COLLECTOR_ADMIN_TOKEN", TestCollector.ADMIN_TOKEN);
            env.put("COLLECTOR_INFLUX_DATABASE", name);
            env.put("COLLECTOR_MOSQUITTO_PASSWD_FILE", dir.resolve("no-passwd").toString()); // none: not copied
            env.put("COLLECTOR_MOSQUITTO_ACL_FILE", dir.resolve("no-acl").toString());
            String printed = run(env, "scripts/collector-backup", "--out", dir.toString(), "--without-secrets-key");
            Path archive = Path.of(printed.strip().lines().reduce((a, b) -> b).orElseThrow());
            String manifest = run(Map.of(), "/bin/sh", "-c", "tar -xzOf '" + archive + "' --wildcards '*/MANIFEST'");
            assertThat(manifest).contains("registry.kind=h2", "registry.file=registry/registry.zip");
            assertThat(manifest).containsPattern("registry.schema-version=\\d+");

            env.put("DATASOURCES_DEFAULT_URL", "jdbc:h2:file:" + restored);
            env.put("COLLECTOR_INFLUX_DATABASE", restoredDb);
            run(
                    env,
                    "scripts/collector-restore",
                    archive.toString(),
                    "--yes",
                    "--files-to",
                    dir.resolve("files").toString());

            String again = refused(env, "scripts/collector-restore", archive.toString(), "--yes");
            assertThat(again)
                    .contains("registry file " + restored + ".mv.db exists")
                    .contains("has a database '" + restoredDb + "'")
                    .contains("the targets are not empty");

            Path tampered = dir.resolve("tampered.tar.gz");
            run(
                    Map.of(),
                    "/bin/sh",
                    "-c",
                    "cd '" + dir + "' && mkdir t && tar -xzf '" + archive + "' -C t"
                            + " && for f in t/*/registry/registry.zip; do echo x >> $f; done && tar -czf '" + tampered
                            + "' -C t . && rm -r t");
            env.put("DATASOURCES_DEFAULT_URL", "jdbc:h2:file:" + dir.resolve("other/collector-registry"));
            assertThat(refused(env, "scripts/collector-restore", tampered.toString(), "--yes"))
                    .contains("registry/registry.zip: FAILED", "checksums do not match", "nothing restored");
            assertThat(dir.resolve("other")).doesNotExist();
        } finally {
            try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, restoredDb)) {
                influx.dropDatabase();
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + restored, "sa", "");
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM gateway")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(name + "-gw");
        }
    }

    private static HttpResponse<byte[]> backupRequest(TestCollector c, String bearer) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(c.url("/admin/backup/registry")))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .header("Authorization", "Bearer " + bearer)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Runs a script that must refuse: returns what it printed on both streams. */
    private static String refused(Map<String, String> settings, String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of(FreshServices.ROOT.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("COLLECTOR_") || k.startsWith("DATASOURCES_"));
        pb.environment().putAll(settings);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(script + " printed:\n" + output).isEqualTo(1);
        return output;
    }

    private static String run(Map<String, String> settings, String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(
                script.startsWith("/")
                        ? script
                        : FreshServices.ROOT.resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("COLLECTOR_") || k.startsWith("DATASOURCES_"));
        pb.environment().putAll(settings);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(script + " printed:\n" + output).isZero();
        return output;
    }
}

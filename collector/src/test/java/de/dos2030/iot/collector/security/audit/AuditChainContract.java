package de.dos2030.iot.collector.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit log on one database: changes made over the API are recorded with who, from where, before
 * and after and no secret; the chain verifies; a row edited or deleted with plain JDBC is found and
 * named. Run on H2 ({@link AuditH2IT}) and PostgreSQL ({@link AuditPostgresIT}).
 */
abstract class AuditChainContract {
    abstract TestCollector collector();

    /** A plain JDBC connection to the collector's database, past the collector. */
    abstract Connection jdbc() throws SQLException;

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);

    private String admin() {
        return TestCollector.ADMIN_TOKEN;
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpResponse<String> r = collector().send(method, path, admin(), body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r;
    }

    /** Makes five audited changes; returns the secrets they handed out, which the log must not hold. */
    private String[] changes(String gw, String tok) throws Exception {
        String gwToken = call(
                        "POST",
                        "/admin/gateways",
                        "{\"id\":\"" + gw + "\",\"siteId\":\"au-site\",\"siteKind\":\"school\"}")
                .body();
        String rotated = call("POST", "/admin/gateways/" + gw + "/token", null).body();
        call("POST", "/admin/gateways/" + gw + "/disable", null);
        String issued = call(
                        "POST",
                        "/admin/tokens",
                        "{\"id\":\"" + tok + "\",\"role\":\"viewer\",\"scope\":\"sites:au-site\"}")
                .body();
        call("DELETE", "/admin/tokens/" + tok, null);
        return new String[] {secret(gwToken), secret(rotated), secret(issued)};
    }

    private static String secret(String json) {
        int i = json.indexOf("\"token\":\"");
        assertThat(i).as("a token in " + json).isPositive();
        return json.substring(i + 9, json.indexOf('"', i + 9));
    }

    @Test
    void recordsEachChangeWithWhoWhereBeforeAndAfterAndNoSecret() throws Exception {
        String gw = "au-gw-" + suffix;
        String tok = "au-tok-" + suffix;
        String[] secrets = changes(gw, tok);
        String log = call("GET", "/admin/audit?target=gateway/" + gw, null).body();
        assertThat(log)
                .contains("\"action\":\"gateway.register\"", "\"action\":\"gateway.rotate\"")
                .contains("\"action\":\"gateway.disable\"", "\"actor\":\"admin\"", "\"client\":\"127.0.0.1\"")
                .contains("\\\"enabled\\\":true", "\\\"enabled\\\":false");
        String tokens = call("GET", "/admin/audit?target=token/" + tok, null).body();
        assertThat(tokens).contains("token.issue", "token.revoke", "[redacted]", "sites:au-site");
        for (String s : secrets) {
            assertThat(log + tokens).doesNotContain(s);
        }
        assertThat(call("GET", "/admin/audit/verify", null).body()).contains("\"ok\":true");
    }

    @Test
    void findsAndNamesARowEditedOrDeletedInTheDatabase() throws Exception {
        changes("au-gw2-" + suffix, "au-tok2-" + suffix);
        long seq;
        String actor;
        try (Connection c = jdbc();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT seq, actor FROM audit_log WHERE action = 'gateway.rotate' AND target = ?")) {
            ps.setString(1, "gateway/au-gw2-" + suffix);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                seq = rs.getLong(1);
                actor = rs.getString(2);
            }
        }
        update("UPDATE audit_log SET actor = 'someone-else' WHERE seq = " + seq);
        assertThat(call("GET", "/admin/audit/verify", null).body())
                .contains("\"ok\":false", "\"firstBroken\":" + seq, "changed after it was written");
        update("UPDATE audit_log SET actor = '" + actor + "' WHERE seq = " + seq);
        assertThat(call("GET", "/admin/audit/verify", null).body()).contains("\"ok\":true");

        // A deleted row: the entry after it names the gap.
        update("CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE seq = " + seq);
        update("DELETE FROM audit_log WHERE seq = " + seq);
        assertThat(call("GET", "/admin/audit/verify", null).body())
                .contains("\"ok\":false", "\"firstBroken\":" + (seq + 1), "entry " + seq + " is missing");
        update("INSERT INTO audit_log SELECT * FROM audit_saved");
        update("DROP TABLE audit_saved");
        assertThat(call("GET", "/admin/audit/verify", null).body()).contains("\"ok\":true");
    }

    @Test
    void listsWithFiltersAsCsv() throws Exception {
        String gw = "au-gw3-" + suffix;
        changes(gw, "au-tok3-" + suffix);
        HttpResponse<String> csv =
                call("GET", "/admin/audit?format=csv&action=gateway.disable&target=gateway/" + gw, null);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("seq,at,actor,actor_role,client,action,target,before,after,prev_hash,hash");
        assertThat(lines[1]).contains(",admin,admin,127.0.0.1,gateway.disable,gateway/" + gw + ",");
        assertThat(collector()
                        .send("GET", "/admin/audit?limit=0", admin(), null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(collector()
                        .send("GET", "/admin/audit?from=yesterday", admin(), null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void theAdminScriptVerifiesTheChainAndNamesTheFirstBrokenEntry() throws Exception {
        changes("au-gw4-" + suffix, "au-tok4-" + suffix);
        Script ok = script("audit", "verify");
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("audit chain intact");
        long seq;
        try (Connection c = jdbc();
                PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM audit_log");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
        }
        update("UPDATE audit_log SET client = '10.6.6.6' WHERE seq = " + seq);
        try {
            Script broken = script("audit", "verify");
            assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
            assertThat(broken.output()).contains("audit chain BROKEN at entry " + seq);
        } finally {
            update("UPDATE audit_log SET client = '127.0.0.1' WHERE seq = " + seq);
        }
    }

    record Script(int exit, String output) {}

    private Script script(String... args) throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("").toAbsolutePath().getParent();
        List<String> command = new java.util.ArrayList<>(
                List.of(root.resolve("scripts/collector-admin").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("COLLECTOR_URL", collector().url(""));
        pb.environment().put("COLLECTOR_ADMIN_TOKEN", admin());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Script(p.exitValue(), out);
    }

    private void update(String sql) throws SQLException {
        try (Connection c = jdbc();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }
}

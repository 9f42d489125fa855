package de.dos2030.iot.collector.statedb;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.alerts.delivery.SubscriptionStore;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.BearerToken;
import de.dos2030.iot.model.codec.BatchCodec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a registry written before secrets were sealed (V4), on H2 and on PostgreSQL: plain
 * webhook secrets are sealed at start-up and still sign; a gateway's token keeps working on HTTP,
 * while CoAPS refuses it (its old key was the stored token hash) until its token is rotated.
 */
class SealedSecretsMigrationIT {
    static final String LEGACY_TOKEN = "legacy-token-from-before-the-upgrade";
    static final String LEGACY_SECRET = "whsec_legacy-secret-written-in-plain";

    @Test
    void sealsLegacySecretsOnH2() throws Exception {
        String url = "jdbc:h2:mem:legacy_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        upgrade(url, "sa", "", Map.of("datasources.default.url", url));
    }

    @Test
    void sealsLegacySecretsOnPostgres() throws Exception {
        String database = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c =
                        DriverManager.getConnection(PostgresIT.SERVER + "dos", PostgresIT.USER, PostgresIT.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try {
            String url = PostgresIT.SERVER + database;
            upgrade(
                    url,
                    PostgresIT.USER,
                    PostgresIT.PASSWORD,
                    Map.of(
                            "datasources.default.url",
                            url,
                            "datasources.default.username",
                            PostgresIT.USER,
                            "datasources.default.password",
                            PostgresIT.PASSWORD,
                            "datasources.default.driver-class-name",
                            "org.postgresql.Driver",
                            "datasources.default.dialect",
                            "POSTGRES"));
        } finally {
            try (Connection c = DriverManager.getConnection(
                            PostgresIT.SERVER + "dos", PostgresIT.USER, PostgresIT.PASSWORD);
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private static void upgrade(String url, String user, String password, Map<String, Object> datasource)
            throws Exception {
        // The registry as version 4 left it: migrated to V4, one gateway, one webhook secret in plain text.
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .target("4")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO gateway (id, site_id, site_kind, token_hash, mqtt_password_hash, enabled,"
                    + " created_at, token_issued_at) VALUES ('legacy-gw', 'legacy-site', 'SCHOOL', '"
                    + BearerToken.hash(LEGACY_TOKEN) + "', '$7$101$x$y', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO subscription (id, owner, name, channel, target, secret, min_severity, enabled,"
                    + " created_at) VALUES ('sub-legacy', 'eng', 'legacy', 'webhook', 'http://127.0.0.1:9/hook', '"
                    + LEGACY_SECRET + "', 'info', TRUE, CURRENT_TIMESTAMP)");
        }

        Map<String, Object> props = new HashMap<>(datasource);
        try (TestCollector collector = new TestCollector(props)) {
            assertThat(column(url, user, password, "SELECT secret FROM subscription WHERE id = 'sub-legacy'"))
                    .startsWith("v1:")
                    .doesNotContain(LEGACY_SECRET);
            assertThat(collector
                            .context
                            .getBean(SubscriptionStore.class)
                            .find("sub-legacy")
                            .orElseThrow()
                            .secret())
                    .isEqualTo(LEGACY_SECRET);

            var batch = BatchCodec.json().encode(TestBatches.school("legacy-gw", "legacy-site", "boot-legacy", 0, 1));
            assertThat(collector
                            .postBatch(batch, "application/json", LEGACY_TOKEN)
                            .statusCode())
                    .isEqualTo(200);
            GatewayRegistry registry = collector.context.getBean(GatewayRegistry.class);
            Gateway legacy = registry.find("legacy-gw").orElseThrow();
            assertThat(registry.pskOf(legacy))
                    .as("no CoAPS key until the token is rotated")
                    .isEmpty();
            registry.rotateToken("legacy-gw");
            assertThat(registry.pskOf(registry.find("legacy-gw").orElseThrow())).isPresent();
        }
    }

    private static String column(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}

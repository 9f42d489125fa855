package de.dos2030.iot.collector.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.BearerToken;
import de.dos2030.iot.collector.security.Role;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a registry written before places (V5) to V6, on H2 and on PostgreSQL: a gateway
 * registered before keeps working, its site is listed without a name until its first place report,
 * and the report fills the new tables.
 */
class PlacesMigrationIT {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:15432/";
    static final String USER = "dos";
    static final String PASSWORD = "dos-dev-secret";
    static final String TOKEN = "token-of-a-gateway-from-before-places";

    @Test
    void upgradesARegistryOnH2() throws Exception {
        String url = "jdbc:h2:mem:places_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        upgrade(url, "sa", "", Map.of("datasources.default.url", url));
    }

    @Test
    void upgradesARegistryOnPostgres() throws Exception {
        String database = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(SERVER + "dos", "CREATE DATABASE " + database);
        try {
            String url = SERVER + database;
            upgrade(
                    url,
                    USER,
                    PASSWORD,
                    Map.of(
                            "datasources.default.url", url,
                            "datasources.default.username", USER,
                            "datasources.default.password", PASSWORD,
                            "datasources.default.driver-class-name", "org.postgresql.Driver",
                            "datasources.default.dialect", "POSTGRES"));
        } finally {
            execute(SERVER + "dos", "DROP DATABASE IF EXISTS " + database);
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void upgrade(String url, String user, String password, Map<String, Object> datasource)
            throws Exception {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .target("5")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO gateway (id, site_id, site_kind, token_hash, mqtt_password_hash, enabled,"
                    + " created_at, token_issued_at) VALUES ('old-gw', 'old-school', 'SCHOOL', '"
                    + BearerToken.hash(TOKEN) + "', '$7$101$x$y', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        try (TestCollector collector = new TestCollector(new HashMap<>(datasource))) {
            String viewer = collector.apiToken("mig-viewer", Role.VIEWER);
            ObjectMapper json = new ObjectMapper();
            JsonNode before =
                    json.readTree(collector.get("/api/v1/sites", viewer).body());
            assertThat(before.get(0).get("id").asText()).isEqualTo("old-school");
            assertThat(before.get(0).path("name").isMissingNode()).isTrue();
            assertThat(before.get(0).get("timeZone").asText()).isEqualTo("Europe/Berlin");

            HttpResponse<String> r = collector.postBatch(
                    PlaceBatches.health("old-gw", "old-school", 0, PlaceBatches.kley("Grundschule Kley")),
                    "application/json",
                    TOKEN);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(json.readTree(collector
                                            .get("/api/v1/sites/old-school", viewer)
                                            .body())
                                    .path("locations")
                                    .size())
                            .isEqualTo(2));
            assertThat(collector
                            .send(
                                    "PATCH",
                                    "/api/v1/sites/old-school",
                                    TestCollector.ADMIN_TOKEN,
                                    "{\"position\":{\"lat\":51.5,\"lon\":7.4},\"timeZone\":\"Europe/Berlin\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(collector.get("/api/v1/sites", viewer).body())
                    .contains("\"name\":\"Grundschule Kley\"")
                    .contains("\"position\":{\"lat\":51.5,\"lon\":7.4}");
        }
    }
}

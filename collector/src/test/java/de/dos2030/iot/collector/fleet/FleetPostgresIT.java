package de.dos2030.iot.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.fleet.FleetFixtures.SimGateway;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet tables (Flyway V18) and their SQL on PostgreSQL (the dev services' PostgreSQL 15, a fresh database):
 * a desired file stored and read back byte for byte, a reported change as drift, and a rollout to completion.
 * The other fleet ITs run the same code on H2.
 */
class FleetPostgresIT {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:15432/";
    static final String DATABASE =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static final String SITE = "pg-fleet-site";
    static TestCollector collector;

    @BeforeAll
    static void start() throws SQLException {
        execute("CREATE DATABASE " + DATABASE);
        collector = new TestCollector(Map.of(
                "datasources.default.url", SERVER + DATABASE,
                "datasources.default.username", "dos",
                "datasources.default.password", "dos-dev-secret",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES",
                "collector.fleet.rollout-interval", "100ms",
                "collector.fleet.rollout-lease", "5s"));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (collector != null) {
            collector.close();
        }
        execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void desiredFilesReportsAndRolloutsLiveInPostgres() throws Exception {
        List<SimGateway> gws = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = "pg-fleet-" + i;
            String token = collector.register(id, SITE, SiteKind.SCHOOL).token();
            gws.add(new SimGateway(collector, id, SITE, token, FleetChange.Outcome.COMMITTED, new ArrayList<>()));
        }
        String yaml = FleetFixtures.schoolFile("pg-fleet-0", SITE) + "# ümlaut, so that bytes and characters differ\n";
        assertThat(RemoteConfigIT.putConfig(collector, "pg-fleet-0", yaml).statusCode())
                .isEqualTo(200);
        assertThat(collector
                        .get("/admin/gateways/pg-fleet-0/config", TestCollector.ADMIN_TOKEN)
                        .body())
                .isEqualTo(yaml);
        assertThat(collector
                        .get("/admin/gateways/pg-fleet-0/config", TestCollector.ADMIN_TOKEN)
                        .headers()
                        .firstValue("ETag"))
                .hasValue("\"" + ConfigVersion.of(yaml) + "\"");

        JsonMapper json = collector.context.getBean(JsonMapper.class);
        HttpResponse<String> started = collector.send(
                "POST",
                "/admin/rollouts",
                TestCollector.ADMIN_TOKEN,
                json.writeValueAsString(Map.of(
                        "yaml", FleetFixtures.schoolTemplate(),
                        "selector", Map.of("sites", List.of(SITE)),
                        "percentSteps", List.of(50, 100),
                        "pace", "PT0S")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String id = (String) json.readValue(started.body(), Map.class).get("id");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (SimGateway g : gws) {
                        g.step();
                    }
                    return collector
                            .get("/admin/rollouts/" + id, TestCollector.ADMIN_TOKEN)
                            .body()
                            .contains("\"status\":\"completed\"");
                });
        String drift =
                collector.get("/admin/fleet/drift", TestCollector.ADMIN_TOKEN).body();
        assertThat(drift).contains("\"state\":\"in-sync\"").doesNotContain("\"state\":\"pending\"");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "dos", "dos", "dos-dev-secret");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package de.dos2030.iot.collector.gateways.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enrolment on PostgreSQL (the dev services' instance, a fresh database): V17, the row lock and the
 * conditional update behave as on H2; one code, several racers, one winner.
 */
class EnrolmentPostgresIT {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:15432/";
    static final String DATABASE =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static TestCollector collector;

    @BeforeAll
    static void start() throws SQLException {
        execute("CREATE DATABASE " + DATABASE);
        collector = new TestCollector(Map.of(
                "datasources.default.url", SERVER + DATABASE,
                "datasources.default.username", "dos",
                "datasources.default.password", "dos-dev-secret",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES"));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (collector != null) {
            collector.close();
        }
        execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "dos", "dos", "dos-dev-secret")) {
            c.createStatement().execute(sql);
        }
    }

    @Test
    void ofSeveralRacersWithOneCodeExactlyOneEnrolsAndTheRestSeeItUsed() throws Exception {
        HttpResponse<String> claim = collector.send(
                "POST",
                "/admin/gateways/pg-enrol-1/claims",
                TestCollector.ADMIN_TOKEN,
                "{\"siteId\":\"pg-site\",\"siteKind\":\"bridge\"}");
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(201);
        String code = claim.body().replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                futures.add(pool.submit(
                        () -> collector.send("POST", "/api/v1/enroll", null, "{\"code\":\"" + code + "\"}")));
            }
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() != 200).allMatch(r -> r.statusCode() == 409);
        String token = answers.stream()
                .filter(r -> r.statusCode() == 200)
                .findFirst()
                .orElseThrow()
                .body()
                .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(collector.context.getBean(GatewayRegistry.class).authenticate(token))
                .hasValueSatisfying(g -> assertThat(g.siteId()).isEqualTo("pg-site"));
    }
}

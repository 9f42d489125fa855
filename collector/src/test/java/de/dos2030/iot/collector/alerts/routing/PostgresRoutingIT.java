package de.dos2030.iot.collector.alerts.routing;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.alerts.AlertService;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.json.JsonMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every {@link RoutingIT} case again on PostgreSQL (the dev services' PostgreSQL, a fresh database per run): the
 * V14 migration and routing's own SQL (holds, bundles, windows, holidays, escalations, silences).
 */
class PostgresRoutingIT extends RoutingIT {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:15432/";
    static final String USER = "dos";
    static final String PASSWORD = "dos-dev-secret";
    static final String DATABASE =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void start() throws SQLException {
        execute("CREATE DATABASE " + DATABASE);
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
                "collector.routing.interval",
                "1h"));
        json = collector.context.getBean(JsonMapper.class);
        engineer = collector.apiToken("eng-rt", Role.ENGINEER);
        alerts = collector.context.getBean(AlertService.class);
        worker = collector.context.getBean(RoutingWorker.class);
        String product = collector
                .context
                .getBean(de.dos2030.iot.collector.statedb.RelationalStore.class)
                .run(c -> c.getMetaData().getDatabaseProductName());
        org.assertj.core.api.Assertions.assertThat(product).isEqualTo("PostgreSQL");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (collector != null) {
            collector.close();
        }
        execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "dos", USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package de.dos2030.iot.collector.security.audit;

import de.dos2030.iot.collector.TestCollector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The audit log on PostgreSQL (the dev services', a fresh database): tampering through plain JDBC is detected. */
class AuditPostgresIT extends AuditChainContract {
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
                "POSTGRES"));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (collector != null) {
            collector.close();
        }
        execute("dos", "DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Override
    TestCollector collector() {
        return collector;
    }

    @Override
    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(SERVER + DATABASE, USER, PASSWORD);
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + database, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

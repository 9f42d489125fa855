package de.dos2030.iot.collector.security.audit;

import de.dos2030.iot.collector.TestCollector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The audit log on H2 (the default database): tampering through plain JDBC is detected. */
class AuditH2IT extends AuditChainContract {
    static TestCollector collector;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Override
    TestCollector collector() {
        return collector;
    }

    @Override
    Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:" + collector.database, "sa", "");
    }
}

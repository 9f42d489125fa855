package de.dos2030.iot.collector.fleet.release;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ReleaseIT} on PostgreSQL (the dev services', a fresh database): the jar as BYTEA, streamed in and out. */
class ReleasePostgresIT extends ReleaseIT {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:15432/";
    static final String DATABASE =
            "it_rel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    static void start() throws Exception {
        execute("CREATE DATABASE " + DATABASE);
        startWith(Map.of(
                "datasources.default.url", SERVER + DATABASE,
                "datasources.default.username", "dos",
                "datasources.default.password", "dos-dev-secret",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES"));
    }

    @AfterAll
    static void stop() {
        ReleaseIT.stop();
        try {
            execute("DROP DATABASE IF EXISTS " + DATABASE);
        } catch (Exception e) {
            throw new IllegalStateException("could not drop " + DATABASE, e);
        }
    }

    static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + "dos", "dos", "dos-dev-secret");
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}

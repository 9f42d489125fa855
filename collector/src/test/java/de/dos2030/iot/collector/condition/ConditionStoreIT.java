package de.dos2030.iot.collector.condition;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Condition monitoring's tables (Flyway V9) on both databases the collector runs on: H2 (the default) and
 * the dev services' PostgreSQL 15. What the engine writes comes back as written, which is what a restart
 * restores from.
 */
class ConditionStoreIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:15432/";
    private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void keepsStateBinsAndBaselineVersionsOnH2() {
        try (TestCollector c = new TestCollector(Map.of())) {
            roundTrip(c.context.getBean(ConditionStore.class));
        }
    }

    @Test
    void keepsStateBinsAndBaselineVersionsOnPostgres() throws SQLException {
        String database =
                "it_cond_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        execute("CREATE DATABASE " + database);
        try (TestCollector c = new TestCollector(Map.of(
                "datasources.default.url", PG + database,
                "datasources.default.username", "dos",
                "datasources.default.password", "dos-dev-secret",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES"))) {
            roundTrip(c.context.getBean(ConditionStore.class));
        } finally {
            execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    private static void roundTrip(ConditionStore store) {
        SeriesKey f1 = new SeriesKey("br-store", "acc-1", Feature.F1);
        SeriesKey gauge = new SeriesKey("br-store", "sg-2", Feature.STRAIN);
        BinPoint bin = new BinPoint(T, 10.81, 12.5, 17);
        store.seriesMoved(new SeriesRecord(f1, "gw-1", true, null, T, DetectorState.CALM, bin));
        store.learningBin(f1, bin);
        store.learningBin(f1, new BinPoint(T.plusSeconds(600), 10.80, 12.9, 15));
        store.seriesMoved(new SeriesRecord(
                gauge, "gw-1", false, T, T, new DetectorState(0, 0, T, null, "srv.settlement.sg-2.strain.1"), bin));
        Baseline v1 = baseline(gauge, 1);
        Baseline v2 = baseline(gauge, 2);
        store.baselineLearned(v1);
        store.baselineLearned(v2);

        List<ConditionStore.Restored> all = store.loadAll();
        ConditionStore.Restored r1 = all.stream()
                .filter(r -> r.series().key().equals(f1))
                .findFirst()
                .orElseThrow();
        assertThat(r1.series().learning()).isTrue();
        assertThat(r1.series().last()).isEqualTo(bin);
        assertThat(r1.learningBins()).hasSize(2).first().isEqualTo(bin);
        assertThat(r1.latest()).isNull();
        ConditionStore.Restored r2 = all.stream()
                .filter(r -> r.series().key().equals(gauge))
                .findFirst()
                .orElseThrow();
        assertThat(r2.series().detector().alertId()).isEqualTo("srv.settlement.sg-2.strain.1");
        assertThat(r2.series().detector().outSince()).isEqualTo(T);
        assertThat(r2.latest()).isEqualTo(v2);
        assertThat(store.baselines("br-store")).containsExactly(v2, v1);
    }

    private static Baseline baseline(SeriesKey k, int version) {
        return new Baseline(
                k.siteId(),
                k.sensorId(),
                k.feature().wireName(),
                version,
                "gw-1",
                150 + version,
                11,
                1.5,
                2016,
                -3.5,
                18.25,
                T,
                T.plusSeconds(86400),
                T.plusSeconds(86400 + version));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + "dos", "dos", "dos-dev-secret");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

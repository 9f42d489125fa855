package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.SiteKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dirty set on H2 and on PostgreSQL (migration V7 applied by each): marks count up a version,
 * a lease is exclusive until it expires, a window re-marked during its recompute stays dirty, and
 * due windows are the quiet ones or those waiting longer than the maximum delay.
 */
class DirtySetIT {
    static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:15432/";
    static final String PG_DATABASE =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static TestCollector h2;
    static TestCollector postgres;

    @BeforeAll
    static void start() throws SQLException {
        pg("dos", "CREATE DATABASE " + PG_DATABASE);
        h2 = new TestCollector(Map.of("collector.rollup.enabled", false));
        postgres = new TestCollector(Map.of(
                "collector.rollup.enabled", false,
                "datasources.default.url", PG_SERVER + PG_DATABASE,
                "datasources.default.username", "dos",
                "datasources.default.password", "dos-dev-secret",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES"));
    }

    @AfterAll
    static void stop() throws SQLException {
        for (TestCollector c : new TestCollector[] {h2, postgres}) {
            if (c != null) {
                c.close();
            }
        }
        pg("dos", "DROP DATABASE IF EXISTS " + PG_DATABASE);
    }

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("H2", h2), Arguments.of("PostgreSQL", postgres));
    }

    static DirtyWindow hour(String gateway, int hoursAgo) {
        Instant h = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hoursAgo));
        return new DirtyWindow(gateway, "co2", "value", Tier.HOUR, h, "site-1", SiteKind.SCHOOL);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the collectors live for the class
    @MethodSource("stores")
    void markingTwiceIsOneWindowWithAHigherVersion(String name, TestCollector c) {
        DirtySet dirty = c.context.getBean(DirtySet.class);
        String gw = "mark-" + name;
        Instant now = Instant.now();
        dirty.mark(List.of(hour(gw, 2), hour(gw, 3)), now);
        dirty.mark(List.of(hour(gw, 2)), now.plusSeconds(1));

        List<DirtyWindow> due = dueOf(dirty, gw, now.plusSeconds(60));
        assertThat(due).containsExactlyInAnyOrder(hour(gw, 2), hour(gw, 3));
        assertThat(dirty.claim(hour(gw, 2), "a", now, now.plusSeconds(30)).version())
                .isEqualTo(2);
        assertThat(dirty.claim(hour(gw, 3), "a", now, now.plusSeconds(30)).version())
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the collectors live for the class
    @MethodSource("stores")
    void aLeaseIsExclusiveUntilItExpires(String name, TestCollector c) {
        DirtySet dirty = c.context.getBean(DirtySet.class);
        DirtyWindow w = hour("lease-" + name, 1);
        Instant now = Instant.now();
        dirty.mark(List.of(w), now);

        assertThat(dirty.claim(w, "a", now, now.plusSeconds(30))).isNotNull();
        assertThat(dirty.claim(w, "b", now.plusSeconds(10), now.plusSeconds(40)))
                .as("held by a")
                .isNull();
        assertThat(dueOf(dirty, w.gateway(), now.plusSeconds(10)))
                .as("leased windows are not due")
                .isEmpty();
        DirtySet.Claim taken = dirty.claim(w, "b", now.plusSeconds(31), now.plusSeconds(61));
        assertThat(taken).as("a's lease expired: a died").isNotNull();
        assertThat(dirty.renew(taken, "a", now.plusSeconds(90)))
                .as("a lost its lease")
                .isFalse();
        assertThat(dirty.finish(taken, "b", now.plusSeconds(31))).isTrue();
        assertThat(dueOf(dirty, w.gateway(), now.plusSeconds(120))).isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the collectors live for the class
    @MethodSource("stores")
    void aWindowMarkedDuringItsRecomputeStaysDirty(String name, TestCollector c) {
        DirtySet dirty = c.context.getBean(DirtySet.class);
        DirtyWindow w = hour("remark-" + name, 1);
        Instant now = Instant.now();
        dirty.mark(List.of(w), now);
        DirtySet.Claim claim = dirty.claim(w, "a", now, now.plusSeconds(30));

        dirty.mark(List.of(w), now.plusSeconds(1)); // a batch stored while a read the raw readings

        assertThat(dirty.finish(claim, "a", now)).isFalse();
        assertThat(dueOf(dirty, w.gateway(), now.plusSeconds(60)))
                .as("due again, lease released")
                .containsExactly(w);
        DirtySet.Claim again = dirty.claim(w, "a", now.plusSeconds(60), now.plusSeconds(90));
        assertThat(dirty.finish(again, "a", now.plusSeconds(60))).isTrue();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the collectors live for the class
    @MethodSource("stores")
    void aWindowMarkedByEveryBatchIsDueAfterTheMaximumDelay(String name, TestCollector c) {
        DirtySet dirty = c.context.getBean(DirtySet.class);
        DirtyWindow w = hour("busy-" + name, 0);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int s = 0; s <= 70; s += 5) {
            dirty.mark(List.of(w), t0.plusSeconds(s)); // the current hour: a batch every 5 s
            List<DirtyWindow> due =
                    dirty.due(t0.plusSeconds(s), Duration.ofSeconds(10), Duration.ofSeconds(60), 1000).stream()
                            .filter(d -> d.gateway().equals(w.gateway()))
                            .toList();
            assertThat(due).as("due at %d s", s).hasSize(s >= 60 ? 1 : 0);
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the collectors live for the class
    @MethodSource("stores")
    void migrationV7CreatedTheDirtyWindowTable(String name, TestCollector c) {
        List<String> columns = c.context.getBean(RelationalStore.class).run(connection -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getColumns(null, null, null, null)) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase("rollup_dirty")) {
                        out.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            return out;
        });
        assertThat(columns)
                .containsExactlyInAnyOrder(
                        "gateway_id",
                        "measurement",
                        "field",
                        "tier",
                        "window_start",
                        "site_id",
                        "site_kind",
                        "version",
                        "first_marked_at",
                        "marked_at",
                        "lease_owner",
                        "lease_until");
    }

    private static List<DirtyWindow> dueOf(DirtySet dirty, String gateway, Instant now) {
        return dirty.due(now, Duration.ofSeconds(10), Duration.ofMinutes(1), 1000).stream()
                .filter(d -> d.gateway().equals(gateway))
                .toList();
    }

    private static void pg(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_SERVER + database, "dos", "dos-dev-secret");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

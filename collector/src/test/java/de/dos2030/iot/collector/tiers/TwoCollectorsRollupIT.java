package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two collectors sharing PostgreSQL and InfluxDB, both ingesting and both running the rollup worker:
 * each dirty window is recomputed by one of them at a time (the lease), both take part, and the
 * tiers equal the raw aggregation whichever instance computed which cell.
 */
class TwoCollectorsRollupIT {
    static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:15432/";
    static final String PG_DATABASE =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static final String INFLUX_DATABASE =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static final List<TestCollector> collectors = new ArrayList<>();

    @BeforeAll
    static void start() throws SQLException {
        pg("CREATE DATABASE " + PG_DATABASE);
        Map<String, Object> props = new HashMap<>(RollupFixtures.fastRollups());
        props.put("datasources.default.url", PG_SERVER + PG_DATABASE);
        props.put("datasources.default.username", "dos");
        props.put("datasources.default.password", "dos-dev-secret");
        props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        props.put("datasources.default.dialect", "POSTGRES");
        props.put("collector.ingest.rate.batches-per-second", 1000);
        props.put("collector.ingest.rate.burst", 1000);
        props.put("collector.rollup.threads", 3);
        props.put("collector.rollup.windows-per-round", 4); // small rounds: both instances get a share
        props.put("test.rollup-journal", true);
        collectors.add(new TestCollector(props, INFLUX_DATABASE, true));
        collectors.add(new TestCollector(props, INFLUX_DATABASE, false));
    }

    @AfterAll
    static void stop() throws SQLException {
        for (int i = collectors.size() - 1; i >= 0; i--) {
            collectors.get(i).close();
        }
        pg("DROP DATABASE IF EXISTS " + PG_DATABASE);
    }

    @Test
    void eachWindowIsRecomputedByOneInstanceAtATimeAndTheTiersEqualTheRawAggregation() throws Exception {
        RecomputeJournal.ALL.clear();
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(30));
        Instant to = from.plus(Duration.ofHours(8));
        List<String> gateways = List.of("two-a-" + System.nanoTime(), "two-b-" + System.nanoTime());
        List<RollupFixtures.Channel> classroom = List.of(
                new RollupFixtures.Channel("room-3.co2", Quantity.CO2, Statistic.SAMPLE, 700, 90, 1),
                new RollupFixtures.Channel("room-3.rh", Quantity.RELATIVE_HUMIDITY, Statistic.SAMPLE, 48, 4, 0.01));
        for (String gateway : gateways) {
            String token = collectors
                    .get(0)
                    .register(gateway, "two-site", SiteKind.SCHOOL)
                    .token();
            List<Batch> batches = RollupFixtures.batches(
                    gateway, "two-site", "boot-1", 0, classroom, from, to, Duration.ofMinutes(6), gateway.hashCode());
            for (int i = 0; i < batches.size(); i++) {
                RollupFixtures.post(
                        collectors.get(i % 2), token, batches.get(i)); // both doors, as a load balancer would
            }
        }

        RollupFixtures.awaitConverged(collectors.get(0), Duration.ofSeconds(120));

        List<RollupWorker.WindowRecomputed> journal = RecomputeJournal.ALL.stream()
                .filter(e -> gateways.contains(e.window().gateway()))
                .toList();
        Set<String> owners =
                journal.stream().map(RollupWorker.WindowRecomputed::owner).collect(Collectors.toSet());
        assertThat(owners).as("instances that recomputed windows").hasSize(2);
        Map<String, List<RollupWorker.WindowRecomputed>> byWindow =
                journal.stream().collect(Collectors.groupingBy(e -> e.window().toString()));
        byWindow.forEach((window, recomputes) -> {
            for (int i = 0; i < recomputes.size(); i++) {
                for (int j = i + 1; j < recomputes.size(); j++) {
                    RollupWorker.WindowRecomputed a = recomputes.get(i);
                    RollupWorker.WindowRecomputed b = recomputes.get(j);
                    boolean overlap =
                            a.started().isBefore(b.ended()) && b.started().isBefore(a.ended());
                    assertThat(overlap)
                            .as(
                                    "%s recomputed by %s [%s, %s] and %s [%s, %s] at once",
                                    window, a.owner(), a.started(), a.ended(), b.owner(), b.started(), b.ended())
                            .isFalse();
                }
            }
        });
        try (TierOracle oracle = new TierOracle(TestInflux.DEV_URL, INFLUX_DATABASE)) {
            for (String gateway : gateways) {
                oracle.assertTiersMatchRaw(
                        SiteKind.SCHOOL, "co2", "value", gateway, from, to, ZoneId.of("Europe/Berlin"));
                oracle.assertTiersMatchRaw(
                        SiteKind.SCHOOL, "humidity", "value", gateway, from, to, ZoneId.of("Europe/Berlin"));
            }
        }
    }

    private static void pg(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_SERVER + "dos", "dos", "dos-dev-secret");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway offline for six hours: its cells are computed from what arrived live, then its outbox
 * drains (six hours of batches, in order, through the HTTP door with its token) into windows the
 * worker has already closed. Afterwards every 1m/1h/1d cell it touched equals the raw aggregation,
 * which is what continuous queries would get wrong (they never revisit a closed window).
 */
class RollupBackfillIT {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static TestCollector collector;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>(RollupFixtures.fastRollups());
        props.put("collector.ingest.rate.batches-per-second", 1000);
        props.put("collector.ingest.rate.burst", 1000);
        collector = new TestCollector(props);
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void lateBatchesOfSixOfflineHoursCorrectEveryCellTheyTouch() throws Exception {
        String gateway = "backfill-" + System.nanoTime();
        String token =
                collector.register(gateway, "backfill-site", SiteKind.SCHOOL).token();
        List<RollupFixtures.Channel> classroom = List.of(
                new RollupFixtures.Channel("room-2.co2", Quantity.CO2, Statistic.SAMPLE, 900, 150, 1),
                new RollupFixtures.Channel("room-2.temp", Quantity.TEMPERATURE, Statistic.SAMPLE, 22.1, 0.3, 0.01));
        Instant online = Instant.now()
                .truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofHours(9))
                .plus(Duration.ofMinutes(30));
        Instant offline = online.plus(Duration.ofMinutes(90)); // in the middle of an hour
        Instant back = offline.plus(Duration.ofHours(6));
        Instant end = back.plus(Duration.ofMinutes(10));
        List<Batch> before = RollupFixtures.batches(
                gateway, "backfill-site", "boot-1", 0, classroom, online, offline, Duration.ofMinutes(5), 21);
        List<Batch> outbox = RollupFixtures.batches(
                gateway, "backfill-site", "boot-1", before.size(), classroom, offline, back, Duration.ofMinutes(5), 22);
        List<Batch> after = RollupFixtures.batches(
                gateway,
                "backfill-site",
                "boot-1",
                before.size() + outbox.size(),
                classroom,
                back,
                end,
                Duration.ofMinutes(5),
                23);

        // Live until it goes offline; back online, its live lane sends the newest batch first.
        for (Batch b : before) {
            RollupFixtures.post(collector, token, b);
        }
        for (Batch b : after) {
            RollupFixtures.post(collector, token, b);
        }
        RollupFixtures.awaitConverged(collector, Duration.ofSeconds(60));
        long hourCellsBefore = hourCells(gateway);

        // The outbox drains: six hours, in order, hours and days the worker has already computed.
        for (Batch b : outbox) {
            RollupFixtures.post(collector, token, b);
        }
        RollupFixtures.awaitConverged(collector, Duration.ofSeconds(90));

        assertThat(hourCells(gateway)).as("hour cells after the drain").isGreaterThan(hourCellsBefore + 5);
        try (TierOracle oracle = new TierOracle(TestInflux.DEV_URL, collector.database)) {
            oracle.assertTiersMatchRaw(SiteKind.SCHOOL, "co2", "value", gateway, online, end, BERLIN);
            oracle.assertTiersMatchRaw(SiteKind.SCHOOL, "temperature", "value", gateway, online, end, BERLIN);
        }
    }

    private static long hourCells(String gateway) {
        try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, collector.database)) {
            return influx.count("SELECT count(value_count) FROM school_1h.co2 WHERE gateway = '" + gateway + "'");
        }
    }
}

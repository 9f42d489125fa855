package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestInflux;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random series sent through the HTTP door come out of the rollup worker as 1-minute, 1-hour and
 * 1-day (Europe/Berlin) cells equal to InfluxDB's own aggregation of the raw readings, readings of
 * other qualities counted in flagged only; across a local midnight, for a school and a bridge (whose
 * window statistics live in fields other than value).
 */
class RollupCellsIT {
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
    void tierCellsEqualTheRawAggregationOverRandomSeries() throws Exception {
        // Five hours around a Berlin midnight three days ago: two local days, minutes and hours on both sides.
        Instant midnight =
                LocalDate.now(BERLIN).minusDays(3).atStartOfDay(BERLIN).toInstant();
        Instant from = midnight.minus(Duration.ofMinutes(150)).plusSeconds(17);
        Instant to = midnight.plus(Duration.ofMinutes(150));
        String school = "cells-school-" + System.nanoTime();
        String bridge = "cells-bridge-" + System.nanoTime();
        String schoolToken =
                collector.register(school, "cells-site-s", SiteKind.SCHOOL).token();
        String bridgeToken =
                collector.register(bridge, "cells-site-b", SiteKind.BRIDGE).token();
        List<RollupFixtures.Channel> classroom = List.of(
                new RollupFixtures.Channel("room-1.co2", Quantity.CO2, Statistic.SAMPLE, 850, 120, 1),
                new RollupFixtures.Channel("room-1.temp", Quantity.TEMPERATURE, Statistic.SAMPLE, 21.3, 0.4, 0.01));
        List<RollupFixtures.Channel> span = List.of(
                new RollupFixtures.Channel("span-1.strain", Quantity.STRAIN, Statistic.SAMPLE, 1520, 3, 0.01),
                new RollupFixtures.Channel("span-1.strain", Quantity.STRAIN, Statistic.MEAN, 1520, 1, 0.01),
                new RollupFixtures.Channel("span-2.strain", Quantity.STRAIN, Statistic.SAMPLE, -310, 2, 0.01));
        for (Batch b : RollupFixtures.batches(
                school, "cells-site-s", "boot-1", 0, classroom, from, to, Duration.ofMinutes(7), 11)) {
            RollupFixtures.post(collector, schoolToken, b);
        }
        for (Batch b : RollupFixtures.batches(
                bridge, "cells-site-b", "boot-1", 0, span, from, to, Duration.ofMinutes(4), 12)) {
            RollupFixtures.post(collector, bridgeToken, b);
        }

        RollupFixtures.awaitConverged(collector, Duration.ofSeconds(90));

        try (TierOracle oracle = new TierOracle(TestInflux.DEV_URL, collector.database)) {
            oracle.assertTiersMatchRaw(SiteKind.SCHOOL, "co2", "value", school, from, to, BERLIN);
            oracle.assertTiersMatchRaw(SiteKind.SCHOOL, "temperature", "value", school, from, to, BERLIN);
            oracle.assertTiersMatchRaw(SiteKind.BRIDGE, "strain", "value", bridge, from, to, BERLIN);
            oracle.assertTiersMatchRaw(SiteKind.BRIDGE, "strain", "mean", bridge, from, to, BERLIN);
        }
    }
}

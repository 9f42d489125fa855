package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query for readings or cells past their retention is refused with 400 naming what to change
 * (the raw readings' {@code from}, a too fine {@code window}, a ragged {@code from}), while the same
 * time at a coarser window is answered from the tiers that keep it.
 */
class TierRetentionIT {
    static TestCollector collector;
    static String viewer;
    /** Forty days ago, on a whole day (UTC): older than raw (30d) and minute cells (5w) are kept here. */
    static final Instant OLD = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(40));

    @BeforeAll
    static void start() {
        collector = new TestCollector(
                Map.of("collector.retention.school-raw", "30d", "collector.retention.school-minute", "5w"));
        viewer = collector.apiToken("retention-viewer", Role.VIEWER);
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void refusesRawReadingsOlderThanTheirRetentionNamingFrom() throws Exception {
        HttpResponse<String> r = get("&from=" + OLD + "&to=" + OLD.plus(Duration.ofHours(1)));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("from " + OLD)
                .contains("raw readings of school sites are kept (30 days)")
                .contains("window=1m");
    }

    @Test
    void refusesAWindowFinerThanTheTiersKeptNamingWindow() throws Exception {
        HttpResponse<String> r = get("&window=1m&from=" + OLD + "&to=" + OLD.plus(Duration.ofHours(1)));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("window PT1M needs the 1m cells of school sites")
                .contains("larger windows");
    }

    @Test
    void refusesARaggedStartInOldDataNamingFrom() throws Exception {
        Instant ragged = OLD.plusSeconds(17 * 60);
        HttpResponse<String> r = get("&window=1h&from=" + ragged + "&to=" + OLD.plus(Duration.ofHours(5)));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("from " + ragged).contains("whole 1h boundary");
    }

    @Test
    void answersTheSameTimeAtWindowsTheTiersKeep() throws Exception {
        HttpResponse<String> r = get("&window=1h&from=" + OLD + "&to=" + OLD.plus(Duration.ofHours(5)));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"sources\":[\"1h\"]");
    }

    private static HttpResponse<String> get(String range) throws Exception {
        return collector.get("/api/v1/series?quantity=co2&siteKind=school" + range, viewer);
    }
}

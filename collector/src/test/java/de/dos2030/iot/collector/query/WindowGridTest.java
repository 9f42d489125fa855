package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.api.BadRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WindowGridTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void alignsWindowsBelowADayToTheEpochInUtc() {
        WindowGrid grid = WindowGrid.of(Duration.ofHours(1), BERLIN);

        assertThat(grid.calendarDays()).isFalse();
        assertThat(grid.windowStart(Instant.parse("2026-03-29T01:59:59Z"))).isEqualTo("2026-03-29T01:00:00Z");
        assertThat(grid.count(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z")))
                .isEqualTo(23);
    }

    @Test
    void daysFollowTheCalendarThroughDaylightSaving() {
        WindowGrid grid = WindowGrid.of(Duration.ofDays(1), BERLIN);

        Instant spring = grid.windowStart(Instant.parse("2026-03-29T12:00:00Z"));
        Instant autumn = grid.windowStart(Instant.parse("2026-10-25T12:00:00Z"));

        assertThat(spring).isEqualTo("2026-03-28T23:00:00Z");
        assertThat(Duration.between(spring, grid.nextWindow(spring))).isEqualTo(Duration.ofHours(23));
        assertThat(autumn).isEqualTo("2026-10-24T22:00:00Z");
        assertThat(Duration.between(autumn, grid.nextWindow(autumn))).isEqualTo(Duration.ofHours(25));
        assertThat(grid.count(spring, grid.nextWindow(spring))).isEqualTo(1);
    }

    @Test
    void alignsSeveralDaysToMultiplesSinceTheLocalEpochAsInfluxDbDoes() {
        WindowGrid week = WindowGrid.of(Duration.ofDays(7), BERLIN);

        // InfluxDB's GROUP BY time(7d) tz('Europe/Berlin') starts a window on 2026-03-19 (a Thursday).
        assertThat(week.windowStart(Instant.parse("2026-03-25T12:00:00Z"))).isEqualTo("2026-03-18T23:00:00Z");
    }

    @Test
    void refusesWindowsOfADayAndMoreThatAreNotWholeDays() {
        assertThatThrownBy(() -> WindowGrid.of(Duration.ofHours(36), BERLIN))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("window 'PT36H'")
                .hasMessageContaining("whole days");
    }
}

package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.model.SiteKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PublicTierTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final PublicTier tier = new PublicTier(1, Duration.ofMinutes(10), 0, Duration.ofHours(1));

    @Test
    void schoolDataIsPublicUpToTheStartOfTheLocalDay() {
        // 23:30 UTC on 3 March is 00:30 on 4 March in Berlin: the 3rd is public, the 4th not
        assertThat(tier.publicUntil(SiteKind.SCHOOL, BERLIN, Instant.parse("2025-03-03T23:30:00Z")))
                .isEqualTo(Instant.parse("2025-03-03T23:00:00Z"));
        assertThat(tier.publicUntil(SiteKind.SCHOOL, BERLIN, Instant.parse("2025-03-03T22:30:00Z")))
                .isEqualTo(Instant.parse("2025-03-02T23:00:00Z"));
    }

    @Test
    void aLongerDelayHoldsBackMoreDays() {
        PublicTier week = new PublicTier(7, Duration.ofMinutes(10), 0, Duration.ofHours(1));
        assertThat(week.publicUntil(SiteKind.SCHOOL, BERLIN, Instant.parse("2025-03-10T12:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-03T23:00:00Z"));
    }

    @Test
    void bridgeDataIsPublicUpToTheLastWholeHour() {
        assertThat(tier.publicUntil(SiteKind.BRIDGE, BERLIN, Instant.parse("2025-03-03T12:34:56Z")))
                .isEqualTo(Instant.parse("2025-03-03T12:00:00Z"));
        assertThat(tier.minWindow(SiteKind.BRIDGE)).isEqualTo(Duration.ofHours(1));
        assertThat(tier.minWindow(SiteKind.SCHOOL)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusesANegativeDelayOrWindow() {
        assertThatThrownBy(() -> new PublicTier(-1, Duration.ofMinutes(10), 0, Duration.ofHours(1)))
                .hasMessageContaining("delay-days");
        assertThatThrownBy(() -> new PublicTier(1, Duration.ofMinutes(-10), 0, Duration.ofHours(1)))
                .hasMessageContaining("min-window");
    }
}

package de.dos2030.iot.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.model.SiteKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {
    final RetentionConfig defaults = new RetentionConfig("30d", "104w", "INF", "INF", "52w", "104w", "INF", "INF");

    @Test
    void readsInfluxDurationsAsJavaDurationsAndInfAsForever() {
        assertThat(defaults.duration(SiteKind.BRIDGE, null)).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.duration(SiteKind.SCHOOL, null)).isEqualTo(Duration.ofDays(364));
        assertThat(defaults.duration(SiteKind.SCHOOL, Tier.MINUTE)).isEqualTo(Duration.ofDays(728));
        assertThat(defaults.duration(SiteKind.BRIDGE, Tier.DAY)).isNull();
        assertThat(RetentionConfig.parse("36h")).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void readsTheDurationsInfluxDbShows() {
        assertThat(InfluxSchema.parseInfluxDuration("720h0m0s")).isEqualTo(Duration.ofDays(30));
        assertThat(InfluxSchema.parseInfluxDuration("0s")).isEqualTo(Duration.ZERO);
        assertThat(InfluxSchema.parseInfluxDuration("1h30m0s")).isEqualTo(Duration.ofMinutes(90));
    }
}

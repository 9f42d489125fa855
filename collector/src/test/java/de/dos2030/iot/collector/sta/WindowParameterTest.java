package de.dos2030.iot.collector.sta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.sta.filter.FilterException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowParameterTest {
    @Test
    void readsShortAndIsoDurations() {
        assertThat(StaController.windowOf("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(StaController.windowOf("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(StaController.windowOf("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(StaController.windowOf("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(StaController.windowOf("PT15M")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesWindowsThatAreNotWholeSecondsFromOneSecondToAYear() {
        for (String bad : new String[] {"0s", "PT0.5S", "400d", "ten minutes", "", "-1h", "PT-1M"}) {
            assertThatThrownBy(() -> StaController.windowOf(bad))
                    .as(bad)
                    .isInstanceOf(FilterException.class)
                    .hasMessageContaining("whole seconds from 1s to 366d");
        }
    }
}

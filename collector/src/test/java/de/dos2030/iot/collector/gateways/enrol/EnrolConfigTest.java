package de.dos2030.iot.collector.gateways.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnrolConfigTest {

    @Test
    void aDefaultValidityBeyondTheMaximumStopsStartUp() {
        assertThatThrownBy(() -> new EnrolConfig(
                        Duration.ofDays(40), Duration.ofDays(30), 10, Duration.ofMinutes(15), null, null, null))
                .hasMessageContaining("collector.enrol.default-validity");
    }

    @Test
    void noFailedAttemptsAtAllStopsStartUp() {
        assertThatThrownBy(() -> new EnrolConfig(
                        Duration.ofHours(72), Duration.ofDays(30), 0, Duration.ofMinutes(15), null, null, null))
                .hasMessageContaining("collector.enrol.failed-attempts");
    }

    @Test
    void onlyConfiguredEndpointsAreToldToGateways() {
        EnrolConfig c = new EnrolConfig(
                Duration.ofHours(72), Duration.ofDays(30), 10, Duration.ofMinutes(15), null, "ssl://b:8883", " ");
        assertThat(c.endpoints()).containsExactly(java.util.Map.entry("mqtt", "ssl://b:8883"));
    }
}

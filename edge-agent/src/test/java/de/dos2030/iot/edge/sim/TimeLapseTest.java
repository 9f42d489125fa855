package de.dos2030.iot.edge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeLapseTest {

    static final Instant REAL = Instant.parse("2026-11-27T01:00:00Z");
    static final Instant SCENARIO = Instant.parse("2025-03-10T06:30:00Z");

    @Test
    void runsScenarioTimeFasterFromItsStart() {
        TimeLapse lapse = new TimeLapse(REAL, SCENARIO, 200);
        assertThat(lapse.scenarioTime(REAL)).isEqualTo(SCENARIO);
        assertThat(lapse.scenarioTime(REAL.plusSeconds(18))).isEqualTo(SCENARIO.plusSeconds(3600));
        assertThat(lapse.scenarioTime(REAL.plusMillis(5))).isEqualTo(SCENARIO.plusSeconds(1));
    }

    @Test
    void readsTheSignalAtScenarioTime() {
        List<Instant> asked = new ArrayList<>();
        EnvironmentSignal recorder = new EnvironmentSignal() {
            @Override
            public double co2Ppm(Instant t) {
                asked.add(t);
                return 400;
            }

            @Override
            public double temperatureC(Instant t) {
                asked.add(t);
                return 20;
            }

            @Override
            public double relativeHumidityPercent(Instant t) {
                asked.add(t);
                return 50;
            }

            @Override
            public double pressureHpa(Instant t) {
                asked.add(t);
                return 1013;
            }
        };
        EnvironmentSignal lapsed = new TimeLapse(REAL, SCENARIO, 60).apply(recorder);
        lapsed.co2Ppm(REAL.plusSeconds(60));
        lapsed.pressureHpa(REAL.plusSeconds(1));
        assertThat(asked).containsExactly(SCENARIO.plusSeconds(3600), SCENARIO.plusSeconds(60));
    }

    @Test
    void theIdentityLeavesTheSignalAlone() {
        EnvironmentSignal air = EnvironmentSignal.constant(400, 20, 50, 1013);
        assertThat(TimeLapse.none(REAL).apply(air)).isSameAs(air);
        assertThat(new TimeLapse(REAL, SCENARIO, 1).apply(air)).isNotSameAs(air);
    }

    @Test
    void refusesASpeedOfZero() {
        assertThatThrownBy(() -> new TimeLapse(REAL, SCENARIO, 0)).hasMessageContaining("speed must be above 0");
    }
}

package de.dos2030.iot.edge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrainCompensationTest {

    static final GatewayConfig BRIDGE = TestGateways.bridge("""
              - id: air
                driver: sht4x
                i2c: {address: 0x44}
                sample-interval: 10s
              - id: girder
                driver: ads1115
                i2c: {address: 0x48}
                sample-rate: 10Hz
                calibration:
                  temperature-compensation: {coefficient: 10.8, source: air, reference-temperature: 20}
            """);

    final VirtualClock clock = new VirtualClock(Instant.parse("2026-07-01T12:00:00Z"));
    final RecordingOutput out = new RecordingOutput();
    final Pipeline pipeline = Pipeline.inMemory(BRIDGE, clock, out, null);

    List<Reading> strain() {
        return out.readings.stream().filter(r -> r.sensorId().equals("girder")).toList();
    }

    void strain(double umPerM) {
        clock.advance(Duration.ofMillis(100));
        pipeline.sample(Sample.ok("girder", Quantity.STRAIN, clock.instant(), umPerM));
    }

    @Test
    void subtractsTheGaugesApparentStrainAtTheOtherSensorsTemperature() {
        pipeline.sample(Sample.ok("air", Quantity.TEMPERATURE, clock.instant(), 35.0));
        strain(-400);
        assertThat(strain().get(0).value()).isCloseTo(-400 - 10.8 * (35 - 20), within(1e-9));
        assertThat(strain().get(0).quality()).isEqualTo(Quality.OK);
        pipeline.sample(Sample.ok("air", Quantity.TEMPERATURE, clock.instant(), 20.0));
        strain(-400);
        assertThat(strain().get(1).value()).as("at the reference temperature").isEqualTo(-400.0);
    }

    @Test
    void passesStrainUncompensatedAndSuspectWithoutARecentTemperature() {
        strain(-400);
        assertThat(strain().get(0).value()).isEqualTo(-400.0);
        assertThat(strain().get(0).quality()).isEqualTo(Quality.SUSPECT);
        pipeline.sample(Sample.ok("air", Quantity.TEMPERATURE, clock.instant(), 30.0));
        clock.advance(Duration.ofMinutes(2)); // thermometer silent beyond a minute
        strain(-400);
        assertThat(strain().get(1).quality()).isEqualTo(Quality.SUSPECT);
        assertThat(strain().get(1).value()).isEqualTo(-400.0);
    }

    @Test
    void ignoresTemperaturesThePlausibilityCheckRejected() {
        pipeline.sample(Sample.ok("air", Quantity.TEMPERATURE, clock.instant(), 25.0));
        pipeline.sample(Sample.ok("air", Quantity.TEMPERATURE, clock.instant(), 999.0)); // beyond the range
        strain(0);
        assertThat(strain().get(0).value()).isCloseTo(-10.8 * 5, within(1e-9));
    }
}

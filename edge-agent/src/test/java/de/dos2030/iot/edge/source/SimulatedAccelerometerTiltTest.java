package de.dos2030.iot.edge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.Scenario;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.edge.pipeline.Pipeline;
import de.dos2030.iot.edge.pipeline.RecordingOutput;
import de.dos2030.iot.edge.pipeline.TestGateways;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.edge.sim.model.BridgeModel;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tilt without an inclinometer, end to end on the virtual clock: a simulated accelerometer on a
 * bridge whose support has settled, its real driver draining the FIFO, the scheduler, and the
 * real pipeline with {@code tilt:}. Pitch and roll must be the bridge's inclination.
 */
class SimulatedAccelerometerTiltTest {

    static GatewayConfig bridge(String driver) {
        return TestGateways.bridge("""
                  - id: deck
                    driver: %s
                    source: {kind: simulated, scenario: bridge-ambient, seed: 11}
                    spi: {bus: 0, chip-select: 0}
                    sample-rate: 400Hz
                    tilt: {low-pass: 2s, interval: 1s}
                """.formatted(driver));
    }

    /**
     * Tolerance: the chip's resolution at 1 g as an angle, plus the model's noise. The ADXL355
     * resolves 3.9 ug (0.0002 deg); the ADXL345 3.9 mg, i.e. 0.22 deg per LSB, and the simulated
     * chip has no noise to dither it, so its angle is the LSB nearest to the truth (within half an LSB).
     */
    @ParameterizedTest
    @CsvSource({"adxl355, 0.005", "adxl345, 0.12"})
    void pitchAndRollFollowTheSimulatedInclination(String driver, double tolerance) throws Exception {
        GatewayConfig config = bridge(driver);
        SensorConfig deck = config.sensors().get(0);
        VirtualClock clock = new VirtualClock(Instant.parse("2026-07-01T02:00:00Z"));
        SimulatedWorld world = new SimulatedWorld(clock);
        world.place(deck);
        BridgeModel bridge = (BridgeModel) world.model(Scenario.BRIDGE_AMBIENT, 11);
        bridge.settle(1.5); // the support sank: the deck tips by 1.5 degrees about the chip's y axis

        RecordingOutput out = new RecordingOutput();
        Pipeline pipeline = Pipeline.inMemory(config, clock, out, null);
        SensorScheduler scheduler = new SensorScheduler(clock, pipeline);
        scheduler.add("spi-0.0", SensorSources.create(deck, world.buses()).acquisition());
        scheduler.runUntil(clock.instant().plus(Duration.ofSeconds(30)), clock::setInstant);

        List<Reading> pitch = angles(out, "deck-pitch");
        List<Reading> roll = angles(out, "deck-roll");
        assertThat(pitch).hasSizeBetween(29, 31);
        assertThat(roll).hasSameSizeAs(pitch);
        double inclination = bridge.tiltDeg(clock.instant().minusMillis(5));
        assertThat(inclination).isBetween(1.4, 1.6);
        // After 15 low-pass time constants the angle is the inclination, within the chip's resolution.
        assertThat(pitch.get(pitch.size() - 1).value()).isCloseTo(inclination, within(tolerance));
        assertThat(roll.get(roll.size() - 1).value()).isCloseTo(0.0, within(tolerance));
        // The single-axis series is still there beside the derived tilt.
        assertThat(out.readings.stream()
                        .filter(r -> r.sensorId().equals("deck"))
                        .count())
                .isPositive();
    }

    static List<Reading> angles(RecordingOutput out, String sensorId) {
        return out.readings.stream()
                .filter(r -> r.sensorId().equals(sensorId)
                        && r.quantity() == Quantity.TILT
                        && r.statistic() == Statistic.SAMPLE)
                .toList();
    }
}

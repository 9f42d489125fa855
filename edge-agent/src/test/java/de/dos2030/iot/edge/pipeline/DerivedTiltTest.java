package de.dos2030.iot.edge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tilt from a 3-axis accelerometer: a synthetic gravity vector tilted by known angles, with vibration on top. */
class DerivedTiltTest {

    static final GatewayConfig BRIDGE = TestGateways.bridge("""
              - id: deck
                driver: adxl355
                spi: {bus: 0, chip-select: 0}
                sample-rate: 100Hz
                tilt: {low-pass: 2s, interval: 1s}
                rules:
                  - {id: deck-tilt, quantity: tilt, warning-above: 2, raise-after: 5s}
            """);

    final VirtualClock clock = new VirtualClock(Instant.parse("2026-07-01T12:00:00Z"));
    final RecordingOutput out = new RecordingOutput();
    final Pipeline pipeline = Pipeline.inMemory(BRIDGE, clock, out, null);

    /** {@code seconds} of 100 Hz samples of gravity tilted so that pitch and roll take the given angles. */
    void tilted(double pitchDeg, double rollDeg, int seconds, long start) {
        // A unit vector with asin(x) = pitch and asin(y) = roll has exactly these atan2 angles.
        double x = Math.sin(Math.toRadians(pitchDeg));
        double y = Math.sin(Math.toRadians(rollDeg));
        double z = Math.sqrt(1 - x * x - y * y);
        Random r = new Random(3);
        AxesInput axes = pipeline.axes("deck");
        for (int i = 0; i < seconds * 100; i++) {
            double vib = 0.02 * Math.sin(2 * Math.PI * 3.1 * i / 100.0); // deck vibration, mostly vertical
            axes.accept(
                    start + i * 10_000_000L,
                    x + 0.001 * r.nextGaussian(),
                    y + 0.001 * r.nextGaussian(),
                    z + vib,
                    Quality.OK);
        }
    }

    List<Reading> angles(String sensorId) {
        return out.readings.stream()
                .filter(r -> r.sensorId().equals(sensorId)
                        && r.quantity() == Quantity.TILT
                        && r.statistic() == Statistic.SAMPLE)
                .toList();
    }

    @Test
    void reportsPitchAndRollOfATiltedGravityVectorOncePerInterval() {
        tilted(1.5, -0.8, 30, EpochNanos.of(clock.instant()));
        List<Reading> pitch = angles("deck-pitch");
        List<Reading> roll = angles("deck-roll");
        assertThat(pitch).hasSize(30);
        assertThat(roll).hasSize(30);
        assertThat(pitch.get(pitch.size() - 1).value()).isCloseTo(1.5, within(0.01));
        assertThat(roll.get(roll.size() - 1).value()).isCloseTo(-0.8, within(0.01));
        assertThat(pitch.get(1).time().toEpochMilli() - pitch.get(0).time().toEpochMilli())
                .isEqualTo(1000);
    }

    @Test
    void rulesOnTiltWatchPitchAndRollEachWithItsOwnAlert() {
        tilted(2.5, 0.5, 20, EpochNanos.of(clock.instant()));
        assertThat(out.raised("deck-tilt"))
                .singleElement()
                .satisfies(a -> assertThat(a.sensorId()).isEqualTo("deck-pitch"));
    }

    @Test
    void refusesAxesForASensorWithoutTilt() {
        assertThatThrownBy(() -> Pipeline.inMemory(TestGateways.bridge("""
                  - id: deck
                    driver: adxl355
                    spi: {bus: 0, chip-select: 0}
                """), clock, out, null)
                        .axes("deck"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("derives no tilt");
    }
}

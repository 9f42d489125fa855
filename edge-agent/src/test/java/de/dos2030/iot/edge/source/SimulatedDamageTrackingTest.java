package de.dos2030.iot.edge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.StiffnessLoss;
import de.dos2030.iot.edge.pipeline.Pipeline;
import de.dos2030.iot.edge.pipeline.RecordingOutput;
import de.dos2030.iot.edge.pipeline.TestGateways;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The damage knob end to end, on the virtual clock: {@code bridge-simulated.yaml}'s accelerometer
 * (simulated ADXL355 at 125 Hz, real driver, scheduler and pipeline, 60 s windows, 8192-point FFT)
 * on the same bridge, seed and hour, healthy and with f1 3 % less stiff (via
 * {@code --simulate-damage f1:3%}). The tracked f1 must fall by 1 - sqrt(0.97) = 1.5 %.
 */
class SimulatedDamageTrackingTest {

    static final Instant START = Instant.parse("2026-03-10T10:00:00Z");
    static final int MINUTES = 12;

    /** Mean tracked f1 over the windows that had a clear peak, and how many had one. */
    static double[] trackedF1(GatewayConfig gateway) throws Exception {
        SensorConfig vibration = gateway.sensor("p2-vibration").orElseThrow();
        GatewayConfig alone = new GatewayConfig(
                gateway.id(),
                gateway.site(),
                gateway.uplink(),
                gateway.outbox(),
                List.of(vibration),
                gateway.outputs());
        VirtualClock clock = new VirtualClock(START);
        SimulatedWorld world = new SimulatedWorld(clock);
        world.place(vibration);
        RecordingOutput out = new RecordingOutput();
        Pipeline pipeline = Pipeline.inMemory(alone, clock, out, null);
        SensorScheduler scheduler = new SensorScheduler(clock, pipeline);
        scheduler.add("spi-0.0", SensorSources.create(vibration, world.buses()).acquisition());
        scheduler.runUntil(START.plus(Duration.ofMinutes(MINUTES)), clock::setInstant);
        List<Reading> f1 = out.readings(Quantity.MODE_F1_FREQUENCY, Statistic.SAMPLE);
        return new double[] {f1.stream().mapToDouble(Reading::value).average().orElse(Double.NaN), f1.size()};
    }

    @Test
    void threePercentStiffnessLossLowersTheTrackedFirstModeByOneAndAHalfPercent() throws Exception {
        GatewayConfig healthy = GatewayConfigLoader.load(TestGateways.example("bridge-simulated.yaml"));
        GatewayConfig damaged = SimulatedDamage.apply(healthy, StiffnessLoss.parse("f1:3%"));

        double[] before = trackedF1(healthy);
        double[] after = trackedF1(damaged);

        assertThat(before[1]).as("windows with a clear f1 peak").isGreaterThanOrEqualTo(MINUTES - 3);
        assertThat(after[1]).isGreaterThanOrEqualTo(MINUTES - 3);
        // 3.2 Hz at 10 degC, the deck at about 15 degC at 11:00 local time: 1 % lower.
        assertThat(before[0]).isCloseTo(3.2 * 0.99, within(0.02));
        assertThat(1 - after[0] / before[0]).isCloseTo(1 - Math.sqrt(0.97), within(0.002));
    }
}

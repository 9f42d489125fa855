package de.dos2030.iot.edge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Raw capture through the whole pipeline: a strain alarm raises, both capturing sensors send their samples. */
class CapturePipelineTest {

    static final GatewayConfig BRIDGE = TestGateways.bridge("""
              - id: girder
                driver: ads1115
                i2c: {address: 0x48}
                sample-rate: 100Hz
                capture: {before: 5s, after: 2s}
                rules:
                  - {id: girder-band, quantity: strain, warning-above: 500, deadband: 5}
              - id: deck
                driver: adxl345 # 200 Hz is one of its rates (3200 / 2^4)
                spi: {bus: 0, chip-select: 0}
                sample-rate: 200Hz
                capture: {before: 3s, after: 1s}
            """);

    final Instant start = Instant.parse("2026-11-27T08:00:00Z");
    final RecordingOutput out = new RecordingOutput();
    final Pipeline pipeline = Pipeline.inMemory(BRIDGE, new VirtualClock(start), out, null);
    final SampleInput girder = pipeline.input("girder", Quantity.STRAIN);
    final SampleInput deck = pipeline.input("deck", Quantity.ACCELERATION);

    /** 10 ms steps: girder every step, deck twice a step; the girder's sample 1000 exceeds the limit. */
    void run(int steps) {
        long t0 = start.getEpochSecond() * 1_000_000_000L;
        for (int i = 0; i < steps; i++) {
            long t = t0 + i * 10_000_000L;
            girder.accept(t, i == 1_000 ? 900 : 100 + i % 7, Quality.OK);
            deck.accept(t, 0.001 * (i % 5), Quality.OK);
            deck.accept(t + 5_000_000L, 0.002, Quality.OK);
        }
    }

    @Test
    void aStrainAlarmSendsEachCapturingSensorsSecondsBeforeTheTriggerSampleWithTheAlertId() {
        run(1_300);

        AlertEvent raised = out.raised("girder-band").get(0);
        assertThat(out.captures).hasSize(2);
        RawCapture strain = out.captures.stream()
                .filter(c -> c.sensorId().equals("girder"))
                .findFirst()
                .orElseThrow();
        assertThat(strain.alertId()).isEqualTo(raised.alertId());
        assertThat(strain.quantity()).isEqualTo(Quantity.STRAIN);
        assertThat(strain.triggerTime()).isEqualTo(raised.time());
        assertThat(strain.before()).isEqualTo(Duration.ofSeconds(5));
        assertThat(strain.size()).isEqualTo(500 + 1 + 200);
        assertThat(strain.value(500)).as("the trigger sample").isEqualTo(900f);
        RawCapture accel = out.captures.stream()
                .filter(c -> c.sensorId().equals("deck"))
                .findFirst()
                .orElseThrow();
        assertThat(accel.alertId()).isEqualTo(raised.alertId());
        assertThat(accel.size()).isEqualTo(600 + 1 + 200);
        assertThat(accel.sampleRateHz()).isEqualTo(200.0);
        assertThat(pipeline.capturesSkipped()).isZero();
    }

    @Test
    void noAlarmNoCapture() {
        run(999);
        assertThat(out.captures).isEmpty();
    }
}

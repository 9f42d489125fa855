package de.dos2030.iot.edge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code send: raw | features | both}: what leaves the gateway; rules see features either way. */
class SendPolicyTest {

    final VirtualClock clock = new VirtualClock(Instant.parse("2026-03-02T08:00:00Z"));
    final RecordingOutput out = new RecordingOutput();

    static GatewayConfig air(String send) {
        return TestGateways.bridge("""
                  - id: air
                    driver: sht4x
                    i2c: {address: 0x44}
                    sample-interval: 1s
                    features: [{length: 10s}]
                """ + (send == null ? "" : "    send: " + send + "\n") + """
                    rules:
                      - {id: air-warm, quantity: temperature, warning-above: 30, clear-after: 0s}
                """);
    }

    void run(GatewayConfig config, double degC) {
        Pipeline p = Pipeline.inMemory(config, clock, out, null);
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(1));
            p.sample(Sample.ok("air", Quantity.TEMPERATURE, clock.instant(), degC));
        }
        p.flush();
    }

    long raw() {
        return out.readings.stream()
                .filter(r -> r.statistic() == Statistic.SAMPLE)
                .count();
    }

    long means() {
        return out.readings.stream()
                .map(Reading::statistic)
                .filter(s -> s == Statistic.MEAN)
                .count();
    }

    @Test
    void defaultsToFeaturesForASensorWithWindows() {
        run(air(null), 20);
        assertThat(raw()).isZero();
        assertThat(means())
                .as("windows ending 08:00:10, :20, :30 and the flushed one")
                .isEqualTo(4);
    }

    @Test
    void rawSendsEverySampleAndKeepsWindowFeaturesOnTheGateway() {
        run(air("raw"), 20);
        assertThat(raw()).isEqualTo(30);
        assertThat(means()).isZero();
    }

    @Test
    void bothSendsSamplesAndFeatures() {
        run(air("both"), 20);
        assertThat(raw()).isEqualTo(30);
        assertThat(means())
                .as("windows ending 08:00:10, :20, :30 and the flushed one")
                .isEqualTo(4);
    }

    @Test
    void featuresSendRawSamplesWhileAnAlertIsActive() {
        run(air("features"), 31);
        assertThat(out.raised("air-warm")).hasSize(1);
        assertThat(raw()).as("the raw burst around the alarm").isEqualTo(29);
        assertThat(means())
                .as("windows ending 08:00:10, :20, :30 and the flushed one")
                .isEqualTo(4);
    }
}

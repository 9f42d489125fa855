package de.dos2030.iot.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GatewayRateLimitsTest {
    /** A clock that moves only when told. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2025-03-01T08:00:00Z");

        void step(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final StepClock clock = new StepClock();
    final GatewayRateLimits limits = new GatewayRateLimits(new GatewayRateConfig(5, 10), clock);

    @Test
    void admitsTheBurstThenSaysHowLongToWait() {
        for (int i = 0; i < 10; i++) {
            assertThat(limits.take("gw-1")).as("batch %d of the burst", i).isEmpty();
        }
        assertThat(limits.take("gw-1")).hasValue(Duration.ofMillis(200));
    }

    @Test
    void refillsAtTheRateUpToTheBurst() {
        for (int i = 0; i < 10; i++) {
            limits.take("gw-1");
        }
        clock.step(Duration.ofMillis(400)); // two batches' worth at 5/s
        assertThat(limits.take("gw-1")).isEmpty();
        assertThat(limits.take("gw-1")).isEmpty();
        assertThat(limits.take("gw-1")).isPresent();

        clock.step(Duration.ofHours(1)); // a long quiet time fills the bucket, never beyond the burst
        for (int i = 0; i < 10; i++) {
            assertThat(limits.take("gw-1")).isEmpty();
        }
        assertThat(limits.take("gw-1")).isPresent();
    }

    @Test
    void oneGatewaysFloodLeavesAnotherGatewaysBucketAlone() {
        for (int i = 0; i < 50; i++) {
            limits.take("flooder");
        }
        assertThat(limits.take("flooder")).isPresent();
        assertThat(limits.take("calm")).isEmpty();
    }

    @Test
    void aClockSetBackAddsNothing() {
        for (int i = 0; i < 10; i++) {
            limits.take("gw-1");
        }
        clock.step(Duration.ofHours(-1));
        assertThat(limits.take("gw-1")).isPresent();
        clock.step(Duration.ofHours(1).plusMillis(200));
        assertThat(limits.take("gw-1")).isEmpty();
    }
}

package de.dos2030.iot.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.SampleBatches;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Durations a gateway reports are bounded before anything computes with them: an uptime of
 * {@code PT9999999999999H} used to pass and then overflow the collector's millisecond arithmetic (HTTP 500, no
 * MQTT answer, the gateway re-sending forever). Now it is a problem with its path: the batch is refused (4xx).
 */
class ValidatorRangesTest {
    private final Batch sample = SampleBatches.school(Duration.ofMinutes(1), 5);
    private final Validator validator =
            new Validator(Clock.fixed(sample.createdAt().plusSeconds(1), ZoneOffset.UTC));

    @Test
    void refusesAnUptimeThatWouldOverflowMilliseconds() {
        ValidationReport report =
                validator.validate(withHealth(Duration.parse("PT9999999999999H"), Duration.ZERO, null));
        assertThat(report.envelopeValid()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("health.uptime");
            assertThat(p.message()).contains("longer than 36525 days");
        });
    }

    @Test
    void refusesAnAbsurdOutboxAgeAndClockOffsetEitherWay() {
        Duration absurd = Duration.ofSeconds(Long.MAX_VALUE / 2);
        assertThat(validator
                        .validate(withHealth(Duration.ofHours(1), absurd, null))
                        .problems())
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("health.oldestUnsentAge"));
        assertThat(validator
                        .validate(withHealth(Duration.ofHours(1), Duration.ZERO, absurd.negated()))
                        .problems())
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("health.clockOffset"));
    }

    @Test
    void acceptsLongButPossibleDurations() {
        assertThat(validator
                        .validate(withHealth(Duration.ofDays(3650), Duration.ofDays(30), Duration.ofMillis(-1500)))
                        .isValid())
                .isTrue();
    }

    private Batch withHealth(Duration uptime, Duration oldestUnsent, Duration clockOffset) {
        GatewayHealth health = new GatewayHealth(
                "0.1.0", "cfg", uptime, 0, 0, oldestUnsent, 0, null, null, ClockSync.SYNCED, clockOffset);
        return new Batch(
                sample.formatVersion(),
                sample.gatewayId(),
                sample.siteId(),
                sample.bootId(),
                sample.sequence(),
                sample.createdAt(),
                sample.clockSync(),
                sample.readings(),
                sample.alerts(),
                health);
    }
}

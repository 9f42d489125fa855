package de.dos2030.iot.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.SampleBatches;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The measured clock offset travels in health, signed, in both codecs; a health without it stays as it was. */
class HealthClockOffsetTest {

    @ParameterizedTest
    @ValueSource(longs = {-1_250, 0, 37, 86_400_000})
    void clockOffsetSurvivesBothCodecs(long offsetMs) throws Exception {
        Batch batch = withHealth(health(Duration.ofMillis(offsetMs)));
        for (BatchCodec codec : new BatchCodec[] {BatchCodec.json(), BatchCodec.cbor()}) {
            assertThat(codec.decode(codec.encode(batch)).health().clockOffset())
                    .as(codec.toString())
                    .isEqualTo(Duration.ofMillis(offsetMs));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor"})
    void healthWithoutAMeasurementHasNoOffsetField(String format) throws Exception {
        BatchCodec codec = format.equals("json") ? BatchCodec.json() : BatchCodec.cbor();
        Batch batch = withHealth(health(null));
        assertThat(codec.decode(codec.encode(batch)).health().clockOffset()).isNull();
        if (format.equals("json")) {
            assertThat(new String(codec.encode(batch), StandardCharsets.UTF_8)).doesNotContain("clockOffset");
        }
    }

    private static GatewayHealth health(Duration offset) {
        return new GatewayHealth(
                "0.1.0",
                "cfg-1",
                Duration.ofHours(2),
                0,
                0,
                Duration.ZERO,
                0,
                Instant.parse("2026-11-27T08:00:00Z"),
                51.5,
                ClockSync.SYNCED,
                offset);
    }

    private static Batch withHealth(GatewayHealth health) {
        Batch b = SampleBatches.school(Duration.ofMinutes(1), 3);
        return new Batch(
                b.formatVersion(),
                b.gatewayId(),
                b.siteId(),
                b.bootId(),
                b.sequence(),
                b.createdAt(),
                b.clockSync(),
                b.readings(),
                b.alerts(),
                health);
    }
}

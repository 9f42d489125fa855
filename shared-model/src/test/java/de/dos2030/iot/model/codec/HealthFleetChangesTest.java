package de.dos2030.iot.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.FleetChange.Kind;
import de.dos2030.iot.model.FleetChange.Outcome;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.SampleBatches;
import de.dos2030.iot.model.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Remote-change outcomes travel in health in both codecs; a health without them stays as it was. */
class HealthFleetChangesTest {
    static final Instant AT = Instant.parse("2026-12-05T08:00:00.123Z");

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor"})
    void changesSurviveBothCodecs(String format) throws Exception {
        BatchCodec codec = format.equals("json") ? BatchCodec.json() : BatchCodec.cbor();
        List<FleetChange> changes = List.of(
                new FleetChange(
                        Kind.CONFIG, "sha256:0123456789ab", Outcome.ROLLED_BACK, "sensor r1 did not answer", AT),
                new FleetChange(Kind.AGENT, "0.2.0", Outcome.COMMITTED, null, AT));
        Batch batch = withHealth(health().withChanges(changes));
        assertThat(codec.decode(codec.encode(batch)).health().changes()).isEqualTo(changes);
    }

    @Test
    void healthWithoutChangesHasNoChangesField() throws Exception {
        Batch batch = withHealth(health());
        assertThat(new String(BatchCodec.json().encode(batch), StandardCharsets.UTF_8))
                .doesNotContain("changes");
        assertThat(BatchCodec.cbor()
                        .decode(BatchCodec.cbor().encode(batch))
                        .health()
                        .changes())
                .isEmpty();
    }

    @Test
    void moreThanOneChangePerKindOrAChangeWithoutOutcomeIsAProblem() {
        Validator validator = new Validator(Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC));
        FleetChange good = new FleetChange(Kind.CONFIG, "sha256:0123456789ab", Outcome.COMMITTED, null, AT);
        assertThat(validator
                        .validate(withHealth(health().withChanges(List.of(good))))
                        .isValid())
                .isTrue();
        assertThat(validator
                        .validate(withHealth(health().withChanges(List.of(good, good, good))))
                        .problems())
                .anyMatch(p -> p.toString().contains("health.changes: 3 changes"));
        assertThat(validator
                        .validate(withHealth(
                                health().withChanges(List.of(new FleetChange(Kind.AGENT, "0.2.0", null, null, AT)))))
                        .problems())
                .anyMatch(p -> p.toString().equals("health.changes[0].outcome: is missing"));
    }

    @Test
    void aVeryLongReasonIsCut() {
        FleetChange c = new FleetChange(Kind.CONFIG, "v", Outcome.REFUSED, "x".repeat(10_000), AT);
        assertThat(c.reason()).hasSize(FleetChange.MAX_REASON_LENGTH);
    }

    private static GatewayHealth health() {
        return new GatewayHealth(
                "0.1.0",
                "sha256:0123456789ab",
                Duration.ofHours(2),
                0,
                0,
                Duration.ZERO,
                0,
                AT,
                51.5,
                ClockSync.SYNCED);
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

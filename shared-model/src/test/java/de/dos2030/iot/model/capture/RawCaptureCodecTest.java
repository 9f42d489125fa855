package de.dos2030.iot.model.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.codec.BatchCodec;
import de.dos2030.iot.model.codec.DecodeException;
import de.dos2030.iot.model.codec.DecodeLimits;
import de.dos2030.iot.model.validation.Problem;
import de.dos2030.iot.model.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class RawCaptureCodecTest {
    private static final Instant TRIGGER = Instant.parse("2026-11-27T08:00:30Z");
    private static final Validator VALIDATOR =
            new Validator(Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC));

    static RawCapture capture(Quantity quantity, double rate, int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(50) == 0
                    ? Float.NaN
                    : (float)
                            (quantity == Quantity.STRAIN
                                    ? 120 + random.nextGaussian() * 30
                                    : random.nextGaussian() * 0.05);
        }
        return new RawCapture("a-17", "deck.accel", quantity, TRIGGER.minusSeconds(30), rate, TRIGGER, values);
    }

    static Batch batchOf(RawCapture... captures) {
        return new Batch(
                1,
                "gw-1",
                "site-1",
                "boot-1",
                7,
                TRIGGER.plusSeconds(11),
                ClockSync.SYNCED,
                List.of(),
                List.of(),
                null,
                List.of(captures));
    }

    @Test
    void bothCodecsGiveBackTheExactSamplesIncludingUnusableOnes() throws DecodeException {
        Batch batch = batchOf(capture(Quantity.ACCELERATION, 400, 16_000, 1), capture(Quantity.STRAIN, 100, 4_000, 2));
        for (BatchCodec codec : List.of(BatchCodec.json(), BatchCodec.cbor())) {
            Batch back = codec.decode(codec.encode(batch));
            assertThat(back).as(codec.mediaType()).isEqualTo(batch);
            assertThat(Float.isNaN(back.captures()
                            .get(0)
                            .value(firstNaN(batch.captures().get(0)))))
                    .isTrue();
        }
    }

    @Test
    void cborCarriesFourBytesASample() {
        Batch batch = batchOf(capture(Quantity.ACCELERATION, 400, 16_000, 1));
        int bytes = BatchCodec.cbor().encode(batch).length;
        assertThat(bytes).isBetween(16_000 * 4, 16_000 * 4 + 300);
    }

    @Test
    void anyCaptureSurvivesBothCodecs() {
        Gen<RawCapture> captures = SourceDSL.integers()
                .between(1, 3_000)
                .zip(
                        SourceDSL.longs().all(),
                        SourceDSL.booleans().all(),
                        (n, seed, strain) ->
                                capture(strain ? Quantity.STRAIN : Quantity.ACCELERATION, strain ? 100 : 800, n, seed));
        qt().withFixedSeed(19).withExamples(200).forAll(captures).checkAssert(c -> {
            Batch batch = batchOf(c);
            for (BatchCodec codec : List.of(BatchCodec.json(), BatchCodec.cbor())) {
                try {
                    assertThat(codec.decode(codec.encode(batch))).isEqualTo(batch);
                } catch (DecodeException e) {
                    throw new AssertionError(e);
                }
            }
            assertThat(VALIDATOR.validate(batch).isValid()).isTrue();
        });
    }

    @Test
    void batchesWithoutCapturesEncodeWithoutTheField() {
        Batch none = batchOf();
        assertThat(new String(BatchCodec.json().encode(none), StandardCharsets.UTF_8))
                .doesNotContain("captures");
    }

    @Test
    void refusesMoreValuesThanTheLimitWithThePath() {
        StringBuilder json = new StringBuilder("{\"formatVersion\":1,\"sequence\":0,\"captures\":[{\"values\":[");
        for (int i = 0; i <= DecodeLimits.MAX_CAPTURE_VALUES; i++) {
            json.append(i == 0 ? "" : ",").append('0');
        }
        json.append("]}]}");
        assertThatThrownBy(() -> BatchCodec.json().decode(json.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.path()).startsWith("captures[0].values");
                    assertThat(e.reason()).contains("more than " + DecodeLimits.MAX_CAPTURE_VALUES);
                });
    }

    @Test
    void refusesACaptureWithoutValues() {
        byte[] json = "{\"formatVersion\":1,\"sequence\":0,\"captures\":[{\"alertId\":\"a\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BatchCodec.json().decode(json))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.path()).isEqualTo("captures[0].values"));
    }

    @Test
    void validatorNamesTheBadFieldOfACaptureAndFailsTheEnvelope() {
        RawCapture good = capture(Quantity.ACCELERATION, 400, 100, 3);
        float[] values = good.values();
        values[42] = 99f; // beyond +-16 g
        RawCapture bad = new RawCapture(
                "a 17", good.sensorId(), Quantity.CO2, good.firstSampleTime(), -1, good.triggerTime(), values);
        var report = VALIDATOR.validate(batchOf(bad));
        assertThat(report.envelopeValid()).isFalse();
        assertThat(report.problems())
                .extracting(Problem::path)
                .containsExactly("captures[0].alertId", "captures[0].quantity", "captures[0].sampleRateHz");
        RawCapture badValue = new RawCapture(
                "a-17", good.sensorId(), good.quantity(), good.firstSampleTime(), 400, good.triggerTime(), values);
        assertThat(VALIDATOR.validate(batchOf(badValue)).problems())
                .extracting(Problem::path)
                .containsExactly("captures[0].values[42]");
    }

    @Test
    void refusesATriggerBeforeTheFirstSample() {
        RawCapture c = capture(Quantity.STRAIN, 100, 10, 4);
        RawCapture early = new RawCapture(
                c.alertId(), c.sensorId(), c.quantity(), TRIGGER.plusSeconds(1), 100, TRIGGER, c.values());
        assertThat(VALIDATOR.validate(batchOf(early)).problems())
                .extracting(Problem::path)
                .containsExactly("captures[0].triggerTime");
    }

    private static int firstNaN(RawCapture c) {
        for (int i = 0; i < c.size(); i++) {
            if (Float.isNaN(c.value(i))) {
                return i;
            }
        }
        throw new AssertionError("the fixture has no unusable sample");
    }
}

package de.dos2030.iot.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.ValidBatches;
import de.dos2030.iot.model.validation.Validator;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {
    /** Every run tries the same batches; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    private final Validator validator = new Validator(Clock.fixed(ValidBatches.NOW, ZoneOffset.UTC));

    @Test
    void generatedBatchesAreValid() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(ValidBatches.gen())
                .checkAssert(batch ->
                        assertThat(validator.validate(batch).problems()).isEmpty());
    }

    @Test
    void everyValidBatchRoundTripsThroughJsonToAnEqualBatch() {
        BatchCodec json = BatchCodec.json();
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(ValidBatches.gen())
                .checkAssert(batch -> assertThat(roundTrip(json, batch)).isEqualTo(batch));
    }

    @Test
    void everyValidBatchRoundTripsThroughCborWithinEachQuantitysResolution() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(ValidBatches.gen())
                .checkAssert(CodecRoundTripTest::roundTripsThroughCborWithinEachQuantitysResolution);
    }

    private static void roundTripsThroughCborWithinEachQuantitysResolution(Batch batch) {
        Batch decoded = roundTrip(BatchCodec.cbor(), batch);

        assertThat(withoutReadings(decoded)).isEqualTo(withoutReadings(batch));
        assertThat(decoded.readings()).hasSameSizeAs(batch.readings());
        for (int i = 0; i < batch.readings().size(); i++) {
            Reading sent = batch.readings().get(i);
            Reading got = decoded.readings().get(i);
            assertThat(got).usingRecursiveComparison().ignoringFields("value").isEqualTo(sent);
            double tolerance = sent.quantity().resolution() / 2 * (1 + 1e-9);
            assertThat(Math.abs(got.value() - sent.value()))
                    .as("readings[%d] %s", i, sent)
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    private static Batch roundTrip(BatchCodec codec, Batch batch) {
        try {
            return codec.decode(codec.encode(batch));
        } catch (DecodeException e) {
            throw new AssertionError("a valid batch did not decode: " + e.getMessage(), e);
        }
    }

    private static Batch withoutReadings(Batch b) {
        return new Batch(
                b.formatVersion(),
                b.gatewayId(),
                b.siteId(),
                b.bootId(),
                b.sequence(),
                b.createdAt(),
                b.clockSync(),
                null,
                b.alerts(),
                b.health());
    }
}

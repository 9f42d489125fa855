package de.dos2030.iot.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.BatchArbitraries;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.validation.Validator;
import java.time.Clock;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CodecRoundTripTest {
    private final Validator validator = new Validator(Clock.fixed(BatchArbitraries.NOW, ZoneOffset.UTC));

    @Provide
    Arbitrary<Batch> validBatches() {
        return BatchArbitraries.validBatches();
    }

    @Property(tries = 1000)
    void generatedBatchesAreValid(@ForAll("validBatches") Batch batch) {
        assertThat(validator.validate(batch).problems()).isEmpty();
    }

    @Property(tries = 1000)
    void everyValidBatchRoundTripsThroughJsonToAnEqualBatch(@ForAll("validBatches") Batch batch)
            throws DecodeException {
        BatchCodec json = BatchCodec.json();
        assertThat(json.decode(json.encode(batch))).isEqualTo(batch);
    }

    @Property(tries = 1000)
    void everyValidBatchRoundTripsThroughCborWithinEachQuantitysResolution(@ForAll("validBatches") Batch batch)
            throws DecodeException {
        BatchCodec cbor = BatchCodec.cbor();
        Batch decoded = cbor.decode(cbor.encode(batch));

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

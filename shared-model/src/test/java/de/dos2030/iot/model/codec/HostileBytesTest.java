package de.dos2030.iot.model.codec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.BatchArbitraries;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Untrusted bytes may decode to a batch or fail with a DecodeException: nothing else, and never slowly. */
class HostileBytesTest {
    private static final List<BatchCodec> CODECS = List.of(BatchCodec.json(), BatchCodec.cbor());

    @Provide
    Arbitrary<Batch> validBatches() {
        return BatchArbitraries.validBatches();
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
    }

    @Property(tries = 1000)
    void randomBytesYieldABatchOrADecodeError(@ForAll("randomBytes") byte[] bytes) {
        CODECS.forEach(codec -> decodeSafely(codec, bytes));
    }

    @Property(tries = 1000)
    void truncatedBatchesYieldADecodeError(
            @ForAll("validBatches") Batch batch, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        for (BatchCodec codec : CODECS) {
            byte[] bytes = codec.encode(batch);
            decodeSafely(codec, Arrays.copyOf(bytes, Math.min(cut, bytes.length - 1)));
        }
    }

    @Property(tries = 1000)
    void bitFlippedBatchesYieldABatchOrADecodeError(
            @ForAll("validBatches") Batch batch,
            @ForAll @IntRange(min = 0, max = 1_000_000) int position,
            @ForAll @IntRange(min = 1, max = 4) int flips) {
        for (BatchCodec codec : CODECS) {
            byte[] bytes = codec.encode(batch);
            for (int f = 0; f < flips; f++) {
                int bit = (position * (f + 31)) % (bytes.length * 8);
                bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            decodeSafely(codec, bytes);
        }
    }

    private static void decodeSafely(BatchCodec codec, byte[] bytes) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                codec.decode(bytes);
            } catch (DecodeException expected) {
                // the only permitted failure
            }
        });
    }
}

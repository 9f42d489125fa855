package de.dos2030.iot.model.codec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import de.dos2030.iot.model.ValidBatches;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Untrusted bytes may decode to a batch or fail with a DecodeException: nothing else, and never slowly. */
class HostileBytesTest {
    /** Every run tries the same bytes; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    private static final List<BatchCodec> CODECS = List.of(BatchCodec.json(), BatchCodec.cbor());

    static Gen<byte[]> randomBytes() {
        return Generate.byteArrays(
                integers().between(0, 2_000), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    @Test
    void randomBytesYieldABatchOrADecodeError() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(randomBytes())
                .checkAssert(bytes -> CODECS.forEach(codec -> decodeSafely(codec, bytes)));
    }

    @Test
    void truncatedBatchesYieldADecodeError() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(ValidBatches.gen(), integers().between(0, 10_000))
                .checkAssert((batch, cut) -> {
                    for (BatchCodec codec : CODECS) {
                        byte[] bytes = codec.encode(batch);
                        decodeSafely(codec, Arrays.copyOf(bytes, Math.min(cut, bytes.length - 1)));
                    }
                });
    }

    @Test
    void bitFlippedBatchesYieldABatchOrADecodeError() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(
                        ValidBatches.gen(),
                        integers().between(0, 1_000_000),
                        integers().between(1, 4))
                .checkAssert((batch, position, flips) -> {
                    for (BatchCodec codec : CODECS) {
                        byte[] bytes = codec.encode(batch);
                        for (int f = 0; f < flips; f++) {
                            int bit = (position * (f + 31)) % (bytes.length * 8);
                            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                        }
                        decodeSafely(codec, bytes);
                    }
                });
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

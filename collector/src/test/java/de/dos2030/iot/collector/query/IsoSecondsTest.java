package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class IsoSecondsTest {
    /** Every run tries the same instants; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    private static final int EXAMPLES = 1000;

    @Test
    void writesWholeSecondsExactlyAsInstantDoes() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(longs().between(-100_000_000_000L, 300_000_000_000L))
                .checkAssert(seconds -> {
                    long millis = seconds * 1000;
                    assertThat(IsoSeconds.format(millis))
                            .isEqualTo(Instant.ofEpochMilli(millis).toString());
                });
    }

    @Test
    void writesAnyMillisecondExactlyAsInstantDoes() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(longs().all())
                .checkAssert(millis -> assertThat(IsoSeconds.format(millis))
                        .isEqualTo(Instant.ofEpochMilli(millis).toString()));
    }

    @Test
    void aReusedBufferWritesEachInstantAsInstantDoes() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(instants()).checkAssert(millis -> {
            IsoSeconds.Buffer buffer = new IsoSeconds.Buffer();
            for (long m : millis) {
                assertThat(new String(buffer.chars(), 0, buffer.write(m)))
                        .isEqualTo(Instant.ofEpochMilli(m).toString());
            }
        });
    }

    /** Runs of whole seconds across day boundaries, with odd milliseconds and far-off years between them. */
    static Gen<List<Long>> instants() {
        Gen<Long> nearby = longs().between(1_700_000_000L, 1_700_300_000L).map(s -> s * 1000);
        Gen<Long> odd = longs().between(-10_000_000_000_000L, 300_000_000_000_000L);
        return lists().of(Generate.frequency(Pair.of(8, nearby), Pair.of(1, odd)))
                .ofSizeBetween(1, 50);
    }

    @Test
    void coversTheEdgesOfItsFastPath() {
        for (String t : new String[] {
            "1970-01-01T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "9999-12-31T23:59:59Z",
            "1969-12-31T23:59:59Z",
            "2025-03-01T08:00:00.250Z"
        }) {
            assertThat(IsoSeconds.format(Instant.parse(t).toEpochMilli())).isEqualTo(t);
        }
    }
}

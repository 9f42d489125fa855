package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoSecondsTest {
    @Property
    void writesWholeSecondsExactlyAsInstantDoes(
            @ForAll @LongRange(min = -100_000_000_000L, max = 300_000_000_000L) long seconds) {
        long millis = seconds * 1000;
        assertThat(IsoSeconds.format(millis))
                .isEqualTo(Instant.ofEpochMilli(millis).toString());
    }

    @Property
    void writesAnyMillisecondExactlyAsInstantDoes(@ForAll long millis) {
        assertThat(IsoSeconds.format(millis))
                .isEqualTo(Instant.ofEpochMilli(millis).toString());
    }

    @Property
    void aReusedBufferWritesEachInstantAsInstantDoes(@ForAll("instants") java.util.List<Long> millis) {
        IsoSeconds.Buffer buffer = new IsoSeconds.Buffer();
        for (long m : millis) {
            assertThat(new String(buffer.chars(), 0, buffer.write(m)))
                    .isEqualTo(Instant.ofEpochMilli(m).toString());
        }
    }

    /** Runs of whole seconds across day boundaries, with odd milliseconds and far-off years between them. */
    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<java.util.List<Long>> instants() {
        net.jqwik.api.Arbitrary<Long> nearby = net.jqwik.api.Arbitraries.longs()
                .between(1_700_000_000L, 1_700_300_000L)
                .map(s -> s * 1000);
        net.jqwik.api.Arbitrary<Long> odd =
                net.jqwik.api.Arbitraries.longs().between(-10_000_000_000_000L, 300_000_000_000_000L);
        return net.jqwik.api.Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, nearby), net.jqwik.api.Tuple.of(1, odd))
                .list()
                .ofMinSize(1)
                .ofMaxSize(50);
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

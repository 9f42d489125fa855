package de.dos2030.iot.collector.query;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IsoSecondsTest {
    @Property
    void writesWholeSecondsExactlyAsInstantDoes(@ForAll @LongRange(min = -100_000_000_000L, max = 300_000_000_000L) long seconds) {
        long millis = seconds * 1000;
        assertThat(IsoSeconds.format(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
    }

    @Property
    void writesAnyMillisecondExactlyAsInstantDoes(@ForAll long millis) {
        assertThat(IsoSeconds.format(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
    }

    @Test
    void coversTheEdgesOfItsFastPath() {
        for (String t : new String[] {"1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z",
                "2025-03-01T08:00:00.250Z"}) {
            assertThat(IsoSeconds.format(Instant.parse(t).toEpochMilli())).isEqualTo(t);
        }
    }
}

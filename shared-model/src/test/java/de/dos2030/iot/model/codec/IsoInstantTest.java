package de.dos2030.iot.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    @Property(tries = 1000)
    void readsWhatInstantWritesExactly(
            @ForAll @LongRange(min = -62_000_000_000L, max = 253_000_000_000L) long second,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        for (Instant t : new Instant[] {
            Instant.ofEpochSecond(second),
            Instant.ofEpochSecond(second, nanos / 1_000_000 * 1_000_000),
            Instant.ofEpochSecond(second, nanos / 1_000 * 1_000),
            Instant.ofEpochSecond(second, nanos)
        }) {
            assertThat(IsoInstant.parse(t.toString())).isEqualTo(t);
        }
    }

    @Test
    void acceptsOtherIsoFormsThroughTheStandardParser() {
        assertThat(IsoInstant.parse("2026-11-27T08:15:00.1Z")).isEqualTo(Instant.parse("2026-11-27T08:15:00.100Z"));
        assertThat(IsoInstant.parse("+12026-11-27T08:15:00Z")).isEqualTo(Instant.parse("+12026-11-27T08:15:00Z"));
    }

    @Test
    void refusesImpossibleDatesAsTheStandardParserDoes() {
        assertThatThrownBy(() -> IsoInstant.parse("2026-04-31T08:15:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoInstant.parse("2026-11-27T24:15:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoInstant.parse("2026-11-27T08:15:0xZ")).isInstanceOf(DateTimeException.class);
    }
}

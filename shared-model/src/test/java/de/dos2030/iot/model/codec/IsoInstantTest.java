package de.dos2030.iot.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
    /** Every run tries the same instants; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    @Test
    void readsWhatInstantWritesExactly() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(longs().between(-62_000_000_000L, 253_000_000_000L), longs().between(0, 999_999_999))
                .checkAssert((second, nanos) -> {
                    for (Instant t : new Instant[] {
                        Instant.ofEpochSecond(second),
                        Instant.ofEpochSecond(second, nanos / 1_000_000 * 1_000_000),
                        Instant.ofEpochSecond(second, nanos / 1_000 * 1_000),
                        Instant.ofEpochSecond(second, nanos)
                    }) {
                        assertThat(IsoInstant.parse(t.toString())).isEqualTo(t);
                    }
                });
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

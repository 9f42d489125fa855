package de.dos2030.iot.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class LineProtocolTest {
    /** Every run tries the same values; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    @Test
    void writesQuantisedValuesInShortFixedPoint() {
        assertThat(format(120.5)).isEqualTo("120.5");
        assertThat(format(13)).isEqualTo("13");
        assertThat(format(-0.0001)).isEqualTo("-0.0001");
        assertThat(format(0.01)).isEqualTo("0.01");
        assertThat(format(0)).isEqualTo("0");
        assertThat(format(-0.0)).isEqualTo("-0.0");
        assertThat(format(1e21)).isEqualTo("1.0E21");
        assertThat(format(Math.PI)).isEqualTo(Double.toString(Math.PI));
    }

    /** InfluxDB parses decimals correctly rounded, as Java does: every finite value must come back bit for bit. */
    @Test
    void everyFiniteValueParsesBackExactly() {
        qt().withFixedSeed(SEED)
                .withExamples(2000)
                .forAll(values())
                .checkAssert(value -> assertThat(Double.doubleToRawLongBits(Double.parseDouble(format(value))))
                        .isEqualTo(Double.doubleToRawLongBits(value)));
    }

    /** Decimal readings as gateways quantise them, any bit pattern, and any finite double. */
    static Gen<Double> values() {
        Gen<Double> quantised = longs().between(-10_000_000_000L, 10_000_000_000L)
                .zip(integers().between(0, 9), (m, k) -> m / Math.pow(10, k));
        Gen<Double> any = longs().all().map(Double::longBitsToDouble).assuming(Double::isFinite);
        return Generate.oneOf(quantised, any, doubles().any().assuming(Double::isFinite));
    }

    private static String format(double value) {
        return LineProtocol.appendDouble(new StringBuilder(), value).toString();
    }
}

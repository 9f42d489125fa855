package de.dos2030.iot.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LineProtocolTest {

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
    @Property(tries = 2000)
    void everyFiniteValueParsesBackExactly(@ForAll("values") double value) {
        assertThat(Double.doubleToRawLongBits(Double.parseDouble(format(value))))
                .isEqualTo(Double.doubleToRawLongBits(value));
    }

    @Provide
    Arbitrary<Double> values() {
        Arbitrary<Double> quantised = Arbitraries.longs()
                .between(-10_000_000_000L, 10_000_000_000L)
                .flatMap(m -> Arbitraries.integers().between(0, 9).map(k -> m / Math.pow(10, k)));
        Arbitrary<Double> any =
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
        return Arbitraries.oneOf(quantised, any, Arbitraries.doubles());
    }

    private static String format(double value) {
        return LineProtocol.appendDouble(new StringBuilder(), value).toString();
    }
}

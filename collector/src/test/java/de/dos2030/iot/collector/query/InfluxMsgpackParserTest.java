package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class InfluxMsgpackParserTest {

    /** Shaped like InfluxDB 1.6's MessagePack answer to a grouped SELECT with epoch=ms (as seen on the wire). */
    static byte[] answer() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1).packString("results").packArrayHeader(1);
        p.packMapHeader(2)
                .packString("statement_id")
                .packInt(0)
                .packString("series")
                .packArrayHeader(2);
        series(p, "room-1.co2");
        p.packArrayHeader(3);
        p.packArrayHeader(2).packLong(1740787200000L).packDouble(612.5);
        p.packArrayHeader(2).packLong(1740787260000L).packNil();
        p.packArrayHeader(2).packLong(1740787320000L).packLong(615);
        series(p, "room-2.co2");
        p.packArrayHeader(1);
        p.packArrayHeader(3).packLong(1740787200000L).packDouble(1e-4).packString("an extra column");
        return p.toByteArray();
    }

    private static void series(MessageBufferPacker p, String sensor) throws IOException {
        p.packMapHeader(4).packString("name").packString("co2");
        p.packString("tags")
                .packMapHeader(3)
                .packString("gateway")
                .packString("gw-1")
                .packString("sensor")
                .packString(sensor)
                .packString("site")
                .packString("school-1");
        p.packString("columns").packArrayHeader(2).packString("time").packString("value");
        p.packString("values");
    }

    static List<SeriesColumns> parse(byte[] answer, int maxPoints) throws IOException {
        return InfluxMsgpackParser.parse(new ByteArrayInputStream(answer), maxPoints);
    }

    @Test
    void readsEverySeriesWithItsTagsLeavesOutNilValuesAndReadsIntegers() throws IOException {
        List<SeriesColumns> series = parse(answer(), 100);
        assertThat(series).extracting(SeriesColumns::sensor).containsExactly("room-1.co2", "room-2.co2");
        SeriesColumns first = series.get(0);
        assertThat(first.site()).isEqualTo("school-1");
        assertThat(first.gateway()).isEqualTo("gw-1");
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.time(0)).isEqualTo(1740787200000L);
        assertThat(first.value(0)).isEqualTo(612.5);
        assertThat(first.time(1)).isEqualTo(1740787320000L);
        assertThat(first.value(1)).isEqualTo(615.0);
        assertThat(series.get(1).value(0)).isEqualTo(1e-4);
    }

    @Test
    void readsTheSameAsTheJsonParser() throws IOException {
        List<SeriesColumns> json = InfluxSeriesParserTest.parse(InfluxSeriesParserTest.ANSWER, 100);
        List<SeriesColumns> msgpack = parse(answer(), 100);
        assertThat(msgpack).hasSameSizeAs(json);
        for (int s = 0; s < json.size(); s++) {
            assertThat(msgpack.get(s).size()).isEqualTo(json.get(s).size());
            for (int i = 0; i < json.get(s).size(); i++) {
                assertThat(msgpack.get(s).time(i)).isEqualTo(json.get(s).time(i));
                assertThat(msgpack.get(s).value(i)).isEqualTo(json.get(s).value(i));
            }
        }
    }

    /** {@link InfluxSeriesParserTest#RAW_ANSWER} as MessagePack: the quality tag as a third column. */
    static byte[] rawAnswer() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1).packString("results").packArrayHeader(1);
        p.packMapHeader(2)
                .packString("statement_id")
                .packInt(0)
                .packString("series")
                .packArrayHeader(1);
        p.packMapHeader(4).packString("name").packString("co2");
        p.packString("tags")
                .packMapHeader(3)
                .packString("gateway")
                .packString("gw-1")
                .packString("sensor")
                .packString("room-1.co2")
                .packString("site")
                .packString("school-1");
        p.packString("columns")
                .packArrayHeader(3)
                .packString("time")
                .packString("value")
                .packString("quality");
        p.packString("values").packArrayHeader(4);
        p.packArrayHeader(3).packLong(1740787207000L).packDouble(612.5).packString("ok");
        p.packArrayHeader(3).packLong(1740787214000L).packNil().packString("ok");
        p.packArrayHeader(3).packLong(1740787221000L).packLong(2210).packString("suspect");
        p.packArrayHeader(3).packLong(1740787228000L).packLong(615).packNil();
        return p.toByteArray();
    }

    @Test
    void readsEachPointsQualityAsTheJsonParserDoes() throws IOException {
        SeriesColumns json = InfluxSeriesParserTest.parse(InfluxSeriesParserTest.RAW_ANSWER, 100)
                .get(0);
        SeriesColumns msgpack = parse(rawAnswer(), 100).get(0);
        assertThat(msgpack.size()).isEqualTo(3).isEqualTo(json.size());
        for (int i = 0; i < json.size(); i++) {
            assertThat(msgpack.time(i)).isEqualTo(json.time(i));
            assertThat(msgpack.value(i)).isEqualTo(json.value(i));
            assertThat(msgpack.quality(i)).isEqualTo(json.quality(i));
        }
        assertThat(msgpack.quality(1)).isEqualTo("suspect");
        assertThat(msgpack.quality(2)).isNull();
    }

    @Test
    void stopsAsSoonAsTheAnswerPassesThePointLimit() {
        assertThatThrownBy(() -> parse(answer(), 2))
                .isInstanceOf(TooManyPointsException.class)
                .hasMessageContaining("over the limit of 2 points");
    }

    @Test
    void missingDatabaseIsAnEmptyAnswerAndOtherErrorsFail() throws IOException {
        assertThat(parse(resultWithError("database not found: x"), 10)).isEmpty();
        assertThatThrownBy(() -> parse(resultWithError("invalid operation"), 10))
                .isInstanceOf(InfluxReader.QueryFailedException.class)
                .hasMessageContaining("invalid operation");
        MessageBufferPacker topLevel = MessagePack.newDefaultBufferPacker();
        topLevel.packMapHeader(1).packString("error").packString("error parsing query: found EOF");
        assertThatThrownBy(() -> parse(topLevel.toByteArray(), 10))
                .isInstanceOf(InfluxReader.QueryFailedException.class)
                .hasMessageContaining("error parsing query");
    }

    @Test
    void aMalformedOrTruncatedAnswerIsAnIoErrorNotACrash() throws IOException {
        MessageBufferPacker array = MessagePack.newDefaultBufferPacker();
        array.packArrayHeader(2).packInt(1).packInt(2);
        assertThatThrownBy(() -> parse(array.toByteArray(), 10)).isInstanceOf(IOException.class);
        byte[] whole = answer();
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 5);
        assertThatThrownBy(() -> parse(truncated, 10)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("{\"results\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 10))
                .isInstanceOf(IOException.class);
    }

    private static byte[] resultWithError(String error) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1).packString("results").packArrayHeader(1);
        p.packMapHeader(2)
                .packString("statement_id")
                .packInt(0)
                .packString("error")
                .packString(error);
        return p.toByteArray();
    }
}

package de.dos2030.iot.collector.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The raw readings' MessagePack answer, as InfluxDB 1.x writes it, into the sink. */
class RawReadingsMsgpackTest {
    record Got(String sensor, String site, boolean ok, long time, double value) {}

    static byte[] answer(boolean withError) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1).packString("results").packArrayHeader(1);
        if (withError) {
            p.packMapHeader(2).packString("statement_id").packInt(0);
            p.packString("error").packString("error parsing query: found EOF");
            return p.toByteArray();
        }
        p.packMapHeader(2)
                .packString("statement_id")
                .packInt(0)
                .packString("series")
                .packArrayHeader(2);
        series(p, "deck.strain-0", "ok", new Object[][] {{1000L, 120.5}, {1100L, null}, {1200L, 7L}});
        series(p, "deck.strain-1", "suspect", new Object[][] {{1000L, -3.25}});
        return p.toByteArray();
    }

    private static void series(MessageBufferPacker p, String sensor, String quality, Object[][] rows)
            throws IOException {
        p.packMapHeader(4).packString("name").packString("strain");
        p.packString("tags").packMapHeader(3);
        p.packString("quality").packString(quality);
        p.packString("sensor").packString(sensor);
        p.packString("site").packString("br-1");
        p.packString("columns").packArrayHeader(2).packString("time").packString("value");
        p.packString("values").packArrayHeader(rows.length);
        for (Object[] row : rows) {
            p.packArrayHeader(2).packLong((Long) row[0]);
            if (row[1] == null) {
                p.packNil();
            } else if (row[1] instanceof Long l) {
                p.packLong(l);
            } else {
                p.packDouble((Double) row[1]);
            }
        }
    }

    @Test
    void handsEachNonNullReadingToTheSinkWithItsSeriesTags() throws IOException {
        List<Got> got = new ArrayList<>();
        RawReadingsMsgpack.read(
                new ByteArrayInputStream(answer(false)),
                (sensor, site, ok, time, value) -> got.add(new Got(sensor, site, ok, time, value)));
        assertThat(got)
                .containsExactly(
                        new Got("deck.strain-0", "br-1", true, 1000, 120.5),
                        new Got("deck.strain-0", "br-1", true, 1200, 7.0),
                        new Got("deck.strain-1", "br-1", false, 1000, -3.25));
    }

    @Test
    void reportsInfluxDbsErrorWithItsReason() {
        assertThatThrownBy(() -> RawReadingsMsgpack.read(
                        new ByteArrayInputStream(answer(true)), (sensor, site, ok, time, value) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("found EOF");
    }
}

package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class InfluxMsgpackRowsTest {
    @Test
    void readsEveryColumnOfEachRowWithItsSeriesTagsAndNilAsNaN() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1).packString("results").packArrayHeader(1);
        p.packMapHeader(2)
                .packString("statement_id")
                .packInt(0)
                .packString("series")
                .packArrayHeader(2);
        series(p, "gw-1", "r1.co2");
        p.packArrayHeader(2);
        p.packArrayHeader(3).packLong(60_000L).packLong(6).packDouble(3712.5);
        p.packArrayHeader(3).packLong(120_000L).packNil().packNil();
        series(p, "gw-2", "r2.co2");
        p.packArrayHeader(1);
        p.packArrayHeader(3).packLong(60_000L).packLong(1).packDouble(-0.25);
        List<String> rows = new ArrayList<>();

        InfluxMsgpackRows.read(
                new ByteArrayInputStream(p.toByteArray()),
                (tags, time, values) -> rows.add(
                        tags.get("gateway") + "/" + tags.get("sensor") + "@" + time + Arrays.toString(values)));

        assertThat(rows)
                .containsExactly(
                        "gw-1/r1.co2@60000[6.0, 3712.5]",
                        "gw-1/r1.co2@120000[NaN, NaN]",
                        "gw-2/r2.co2@60000[1.0, -0.25]");
    }

    @Test
    void reportsAnErrorInTheAnswer() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1).packString("results").packArrayHeader(1);
        p.packMapHeader(2)
                .packString("statement_id")
                .packInt(0)
                .packString("error")
                .packString("field not found");

        assertThatThrownBy(() -> InfluxMsgpackRows.read(new ByteArrayInputStream(p.toByteArray()), (t, ms, v) -> {}))
                .isInstanceOf(InfluxReader.QueryFailedException.class)
                .hasMessageContaining("field not found");
    }

    private static void series(MessageBufferPacker p, String gateway, String sensor) throws Exception {
        p.packMapHeader(4).packString("name").packString("co2");
        p.packString("tags").packMapHeader(2).packString("gateway").packString(gateway);
        p.packString("sensor").packString(sensor);
        p.packString("columns").packArrayHeader(3).packString("time").packString("value_count");
        p.packString("value_sum");
        p.packString("values");
    }
}

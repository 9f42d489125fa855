package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.storage.InfluxMsgpackAnswer;
import java.io.IOException;
import java.io.InputStream;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads InfluxDB's MessagePack answer to {@link TierStore#raw}'s statement ({@code SELECT <field> ...
 * GROUP BY "sensor", "site", "quality"}, asked with {@code epoch=ms}) straight into the
 * {@link TierStore.RawSink}: no influxdb-java {@code QueryResult} with a boxed number and a list per
 * reading. The rollup worker re-reads every dirty hour while ingest runs, and a profile of
 * scripts/bench-ingest.sh put it at 46 % of the collector's CPU, most of it in that JSON path. The
 * envelope is the JSON answer's shape ({@code {"results": [{"series": [{"tags": {...}, "values":
 * [[time, value], ...]}]}]}}), walked by {@link InfluxMsgpackAnswer} as for the query side. Stateless.
 */
final class RawReadingsMsgpack {
    private RawReadingsMsgpack() {}

    /**
     * @throws IllegalStateException when InfluxDB reports an error in the answer (a missing database
     *                               reads as no readings)
     * @throws IOException           on a malformed answer or a broken stream
     */
    static void read(InputStream in, TierStore.RawSink sink) throws IOException {
        InfluxMsgpackAnswer.eachSeries(
                in,
                p -> series(p, sink),
                error -> new IllegalStateException("InfluxDB refused the raw readings' query: " + error));
    }

    /** One series; InfluxDB writes its tags before its values, so the tags are known for each reading. */
    private static void series(MessageUnpacker p, TierStore.RawSink sink) throws IOException {
        String sensor = "";
        String site = "";
        boolean ok = false;
        int fields = p.unpackMapHeader();
        for (int f = 0; f < fields; f++) {
            String name = p.unpackString();
            if (name.equals("tags")) {
                int n = p.unpackMapHeader();
                for (int t = 0; t < n; t++) {
                    String tag = p.unpackString();
                    String value = p.unpackString();
                    switch (tag) {
                        case "sensor" -> sensor = value;
                        case "site" -> site = value;
                        case "quality" -> ok = value.equals("ok");
                        default -> {} // not asked for
                    }
                }
            } else if (name.equals("values")) {
                int rows = p.unpackArrayHeader();
                for (int r = 0; r < rows; r++) {
                    int columns = p.unpackArrayHeader();
                    long time = p.unpackLong();
                    ValueType type = columns > 1 ? p.getNextFormat().getValueType() : ValueType.NIL;
                    double value = Double.NaN;
                    if (type == ValueType.FLOAT) {
                        value = p.unpackDouble();
                    } else if (type == ValueType.INTEGER) {
                        value = p.unpackLong();
                    } else if (columns > 1) {
                        p.skipValue(); // null: this series has no such field at that time
                    }
                    for (int c = 2; c < columns; c++) {
                        p.skipValue();
                    }
                    if (type == ValueType.FLOAT || type == ValueType.INTEGER) {
                        sink.reading(sensor, site, ok, time, value);
                    }
                }
            } else {
                p.skipValue(); // name, columns: the statement fixes them
            }
        }
    }
}

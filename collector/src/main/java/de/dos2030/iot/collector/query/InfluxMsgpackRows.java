package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.storage.InfluxMsgpackAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads InfluxDB's MessagePack answer to one multi-column statement ({@code SELECT a, b, c ... GROUP BY
 * <tags>}, asked with {@code epoch=ms}) row by row into a reused {@code double[]}: the rollup cells the
 * planner reads, without influxdb-java's JSON objects (a boxed number per value). The answer has the
 * shape {@link InfluxMsgpackParser} describes. Stateless.
 */
final class InfluxMsgpackRows {
    private InfluxMsgpackRows() {}

    /** Receives each row: its series' tags, its time and its values (column 1 on; NaN for nil). Reused arrays. */
    interface Sink {
        void row(Map<String, String> tags, long timeMs, double[] values);
    }

    /**
     * @throws InfluxReader.QueryFailedException when InfluxDB reports an error in the answer
     * @throws IOException                        on a malformed answer or a broken stream
     */
    static void read(InputStream in, Sink sink) throws IOException {
        InfluxMsgpackAnswer.eachSeries(in, p -> series(p, sink), InfluxReader.QueryFailedException::refused);
    }

    private static void series(MessageUnpacker p, Sink sink) throws IOException {
        Map<String, String> tags = new HashMap<>(4);
        double[] values = new double[0];
        int fields = p.unpackMapHeader();
        for (int f = 0; f < fields; f++) {
            String name = p.unpackString();
            if (name.equals("tags")) {
                int n = p.unpackMapHeader();
                for (int t = 0; t < n; t++) {
                    tags.put(p.unpackString(), p.unpackString());
                }
            } else if (name.equals("values")) {
                int rows = p.unpackArrayHeader();
                for (int r = 0; r < rows; r++) {
                    int columns = p.unpackArrayHeader();
                    if (values.length != columns - 1) {
                        values = new double[columns - 1];
                    }
                    long time = p.unpackLong();
                    for (int c = 1; c < columns; c++) {
                        ValueType v = p.getNextFormat().getValueType();
                        if (v == ValueType.FLOAT) {
                            values[c - 1] = p.unpackDouble();
                        } else if (v == ValueType.INTEGER) {
                            values[c - 1] = p.unpackLong();
                        } else {
                            p.skipValue();
                            values[c - 1] = Double.NaN;
                        }
                    }
                    sink.row(tags, time, values);
                }
            } else {
                p.skipValue(); // name, columns: the statement fixes the columns' order
            }
        }
    }
}

package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.storage.InfluxMsgpackAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads InfluxDB's MessagePack answer ({@code Accept: application/x-msgpack}, InfluxDB 1.4 and
 * later) to one {@code SELECT <value> ... GROUP BY "site", "gateway", "sensor"} asked with
 * {@code epoch=ms}, into {@link SeriesColumns}. The answer has the JSON answer's shape (see
 * {@link InfluxSeriesParser}), and InfluxDB has it ready sooner: 1.2-2.1 ms of a 10-12 ms 1-day,
 * 1440-point answer in the query benchmark. Rows whose value is nil are left out; a
 * {@code quality} column is read into each point; parsing stops as soon as the answer passes
 * {@code maxPoints}. Stateless.
 */
final class InfluxMsgpackParser {
    private InfluxMsgpackParser() {}

    /**
     * @throws InfluxReader.QueryFailedException when InfluxDB reports an error in the answer
     * @throws TooManyPointsException             past {@code maxPoints}
     * @throws IOException                        on a malformed answer or a broken stream
     */
    static List<SeriesColumns> parse(InputStream in, int maxPoints) throws IOException {
        List<SeriesColumns> out = new ArrayList<>();
        long[] total = {0};
        InfluxMsgpackAnswer.eachSeries(
                in, p -> out.add(series(p, total, maxPoints)), InfluxReader.QueryFailedException::refused);
        return out;
    }

    /**
     * InfluxDB writes {@code tags} and {@code columns} before {@code values}; a series without tags
     * gets empty ones. Column 0 is the time, column 1 the value; a column named {@code quality} (the
     * readings' quality, selected as a tag) goes with each point.
     */
    private static SeriesColumns series(MessageUnpacker p, long[] total, int maxPoints) throws IOException {
        Map<String, String> tags = new HashMap<>(4);
        SeriesColumns s = null;
        int qualityColumn = -1;
        int fields = p.unpackMapHeader();
        for (int f = 0; f < fields; f++) {
            String name = p.unpackString();
            if (name.equals("tags")) {
                int n = p.unpackMapHeader();
                for (int t = 0; t < n; t++) {
                    tags.put(p.unpackString(), p.unpackString());
                }
            } else if (name.equals("columns")) {
                int n = p.unpackArrayHeader();
                for (int c = 0; c < n; c++) {
                    if (p.unpackString().equals("quality")) {
                        qualityColumn = c;
                    }
                }
            } else if (name.equals("values")) {
                s = SeriesColumns.of(tags);
                int rows = p.unpackArrayHeader();
                for (int r = 0; r < rows; r++) {
                    int columns = p.unpackArrayHeader();
                    long time = p.unpackLong();
                    ValueType v = p.getNextFormat().getValueType();
                    boolean present = v == ValueType.FLOAT || v == ValueType.INTEGER;
                    double value = 0;
                    if (v == ValueType.FLOAT) {
                        value = p.unpackDouble();
                    } else if (v == ValueType.INTEGER) {
                        value = p.unpackLong();
                    } else {
                        p.skipValue();
                    }
                    String quality = null;
                    for (int c = 2; c < columns; c++) {
                        if (c == qualityColumn && p.getNextFormat().getValueType() == ValueType.STRING) {
                            quality = p.unpackString();
                        } else {
                            p.skipValue();
                        }
                    }
                    if (present) {
                        if (++total[0] > maxPoints) {
                            throw new TooManyPointsException(total[0], maxPoints);
                        }
                        s.add(time, value, quality);
                    }
                }
            } else {
                p.skipValue();
            }
        }
        return s != null ? s : SeriesColumns.of(tags);
    }
}

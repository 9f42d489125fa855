package de.dos2030.iot.collector.query;

import java.io.IOException;
import java.io.InputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * The envelope of InfluxDB's MessagePack answer ({@code {"results": [{"series": [...]}]}}, the JSON
 * answer's shape): walks it and hands each series, positioned at its map, to a reader; turns
 * InfluxDB's errors into {@link InfluxReader.QueryFailedException} (a missing database reads as no
 * series). Shared by {@link InfluxMsgpackParser} and {@link InfluxMsgpackRows}. Stateless.
 */
final class InfluxMsgpackAnswer {
    private InfluxMsgpackAnswer() {}

    /** Reads one series: the unpacker is at the series' map, and must be left after it. */
    interface SeriesReader {
        void read(MessageUnpacker p) throws IOException;
    }

    /**
     * @throws InfluxReader.QueryFailedException when InfluxDB reports an error in the answer
     * @throws IOException                        on a malformed answer or a broken stream
     */
    static void eachSeries(InputStream in, SeriesReader reader) throws IOException {
        try (MessageUnpacker p = MessagePack.newDefaultUnpacker(in)) {
            int fields = p.unpackMapHeader();
            for (int f = 0; f < fields; f++) {
                String name = p.unpackString();
                if (name.equals("results")) {
                    int results = p.unpackArrayHeader();
                    for (int r = 0; r < results; r++) {
                        result(p, reader);
                    }
                } else if (name.equals("error")) {
                    throw new InfluxReader.QueryFailedException(
                            "InfluxDB refused the query: " + p.unpackString(), null);
                } else {
                    p.skipValue();
                }
            }
        } catch (MessagePackException e) {
            throw new IOException("unexpected InfluxDB answer: " + e.getMessage(), e);
        }
    }

    private static void result(MessageUnpacker p, SeriesReader reader) throws IOException {
        int fields = p.unpackMapHeader();
        for (int f = 0; f < fields; f++) {
            String name = p.unpackString();
            if (name.equals("series")) {
                int series = p.unpackArrayHeader();
                for (int s = 0; s < series; s++) {
                    reader.read(p);
                }
            } else if (name.equals("error")) {
                String error = p.unpackString();
                if (!error.contains("database not found")) {
                    throw new InfluxReader.QueryFailedException("InfluxDB refused the query: " + error, null);
                }
            } else {
                p.skipValue();
            }
        }
    }
}

package de.dos2030.iot.collector.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * The envelope of InfluxDB's MessagePack answer ({@code {"results": [{"series": [...]}]}}, the JSON
 * answer's shape): walks it and hands each series, positioned at its map, to a reader; turns
 * InfluxDB's errors into the caller's exception (a missing database reads as no series). Shared by
 * the query side ({@code query.InfluxMsgpackParser}, {@code query.InfluxMsgpackRows}) and the rollup
 * worker's raw reads ({@code tiers.RawReadingsMsgpack}). Stateless.
 */
public final class InfluxMsgpackAnswer {
    private InfluxMsgpackAnswer() {}

    /** Reads one series: the unpacker is at the series' map, and must be left after it. */
    public interface SeriesReader {
        void read(MessageUnpacker p) throws IOException;
    }

    /**
     * @param refused turns InfluxDB's error message into the exception to throw
     * @throws IOException on a malformed answer or a broken stream
     */
    public static void eachSeries(InputStream in, SeriesReader reader, Function<String, RuntimeException> refused)
            throws IOException {
        try (MessageUnpacker p = MessagePack.newDefaultUnpacker(in)) {
            int fields = p.unpackMapHeader();
            for (int f = 0; f < fields; f++) {
                String name = p.unpackString();
                if (name.equals("results")) {
                    int results = p.unpackArrayHeader();
                    for (int r = 0; r < results; r++) {
                        result(p, reader, refused);
                    }
                } else if (name.equals("error")) {
                    throw refused.apply(p.unpackString());
                } else {
                    p.skipValue();
                }
            }
        } catch (MessagePackException e) {
            throw new IOException("unexpected InfluxDB answer: " + e.getMessage(), e);
        }
    }

    private static void result(MessageUnpacker p, SeriesReader reader, Function<String, RuntimeException> refused)
            throws IOException {
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
                    throw refused.apply(error);
                }
            } else {
                p.skipValue();
            }
        }
    }
}

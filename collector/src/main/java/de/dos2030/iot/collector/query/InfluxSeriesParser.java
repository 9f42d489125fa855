package de.dos2030.iot.collector.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads InfluxDB's JSON answer to one {@code SELECT <value> ... GROUP BY "site", "gateway", "sensor"}
 * (asked with {@code epoch=ms}) with a streaming parser straight into {@link SeriesColumns}, without
 * building the generic object tree influxdb-java's {@code QueryResult} would (a list of boxed
 * values per row). Rows whose value is null are left out; a {@code quality} column is read into
 * each point. Counts points as it goes and stops as soon as the answer passes {@code maxPoints}.
 * Thread-safe (stateless).
 */
final class InfluxSeriesParser {
    private static final JsonFactory JSON = new JsonFactory();

    private InfluxSeriesParser() {}

    /**
     * @throws InfluxReader.QueryFailedException when InfluxDB reports an error in the answer
     * @throws TooManyPointsException             past {@code maxPoints}
     * @throws IOException                        on malformed JSON or a broken stream
     */
    static List<SeriesColumns> parse(InputStream in, int maxPoints) throws IOException {
        List<SeriesColumns> out = new ArrayList<>();
        long[] total = {0};
        try (JsonParser p = JSON.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("results")) {
                    expect(p.currentToken(), JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        result(p, out, total, maxPoints);
                    }
                } else if (name.equals("error")) {
                    throw new InfluxReader.QueryFailedException("InfluxDB refused the query: " + p.getText(), null);
                } else {
                    p.skipChildren();
                }
            }
        }
        return out;
    }

    private static void result(JsonParser p, List<SeriesColumns> out, long[] total, int maxPoints) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("series")) {
                expect(p.currentToken(), JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    out.add(series(p, total, maxPoints));
                }
            } else if (name.equals("error")) {
                String error = p.getText();
                if (!error.contains("database not found")) {
                    throw new InfluxReader.QueryFailedException("InfluxDB refused the query: " + error, null);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /**
     * InfluxDB writes {@code tags} and {@code columns} before {@code values}; a series without tags
     * gets empty ones. Column 0 is the time, column 1 the value; a column named {@code quality} (the
     * readings' quality, selected as a tag) goes with each point.
     */
    private static SeriesColumns series(JsonParser p, long[] total, int maxPoints) throws IOException {
        Map<String, String> tags = new HashMap<>(4);
        SeriesColumns s = null;
        int qualityColumn = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("tags")) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    tags.put(key, p.getText());
                }
            } else if (name.equals("columns")) {
                expect(p.currentToken(), JsonToken.START_ARRAY);
                for (int c = 0; p.nextToken() != JsonToken.END_ARRAY; c++) {
                    if (p.getText().equals("quality")) {
                        qualityColumn = c;
                    }
                }
            } else if (name.equals("values")) {
                s = SeriesColumns.of(tags);
                expect(p.currentToken(), JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    p.nextToken();
                    long time = p.getLongValue();
                    JsonToken v = p.nextToken();
                    boolean present = v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT;
                    double value = present ? p.getDoubleValue() : 0;
                    String quality = null;
                    for (int c = 2; p.nextToken() != JsonToken.END_ARRAY; c++) {
                        if (c == qualityColumn && p.currentToken() == JsonToken.VALUE_STRING) {
                            quality = p.getText();
                        } else {
                            p.skipChildren();
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
                p.skipChildren();
            }
        }
        return s != null ? s : SeriesColumns.of(tags);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected InfluxDB answer: " + expected + " expected, found " + actual);
        }
    }
}

package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.storage.InfluxConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Runs InfluxQL built by the query package (never text from a request: see {@link InfluxQl})
 * against the configured database, with its own connection pool so that queries and the
 * ingest writer do not wait for each other. Times come back as epoch milliseconds. Thread-safe.
 */
@Singleton
public class InfluxReader implements AutoCloseable {
    private static final String MSGPACK = "application/x-msgpack";
    private final InfluxDB influx;
    private final OkHttpClient raw;
    private final HttpUrl queryUrl;
    private final InfluxConfig config;
    private final Counter msgpackAnswers;
    private final Counter jsonAnswers;
    private final Counter statements;

    public InfluxReader(InfluxConfig config, QueryConfig queryConfig, MeterRegistry meters) {
        this.config = config;
        this.msgpackAnswers = answers(meters, "msgpack");
        this.jsonAnswers = answers(meters, "json");
        // Every statement the read side sends, whatever asked: shows whether page caches keep InfluxDB's
        // load flat however many people watch (scripts/bench-web.sh reads it before and after).
        this.statements = Counter.builder("collector.query.influx.statements")
                .description("InfluxQL statements the query side (API and web pages) sent to InfluxDB")
                .register(meters);
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(config.requestTimeout())
                .readTimeout(queryConfig.requestTimeout())
                .connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES));
        // Built before influxdb-java adds its own interceptors to the builder; shares the pool.
        this.raw = http.build();
        this.queryUrl = HttpUrl.get(config.url().replaceAll("/+$", "") + "/query");
        this.influx = config.username() == null
                ? InfluxDBFactory.connect(config.url(), http)
                : InfluxDBFactory.connect(config.url(), config.username(), config.password(), http);
        this.influx.setLogLevel(InfluxDB.LogLevel.NONE);
    }

    /**
     * The events policy (alerts, health, quarantine: {@code collector.influx.retention-policy}), quoted, for
     * {@code FROM "rp"."measurement"}. Readings live in their site kind's raw policy ({@code rollup.TierLayout}).
     */
    public String retentionPolicy() {
        return InfluxQl.identifier(config.retentionPolicy());
    }

    /**
     * Runs one statement; the series of its (single) result, empty when there is none.
     *
     * @throws QueryFailedException when InfluxDB is unreachable or refuses the statement
     */
    public List<QueryResult.Series> series(String influxQl) {
        QueryResult result;
        statements.increment();
        try {
            result = influx.query(new Query(influxQl, config.database()), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            throw new QueryFailedException("InfluxDB at " + config.url() + " did not answer: " + e.getMessage(), e);
        }
        if (result.hasError()) {
            throw new QueryFailedException("InfluxDB refused the query: " + result.getError(), null);
        }
        if (result.getResults() == null || result.getResults().isEmpty()) {
            return List.of();
        }
        QueryResult.Result r = result.getResults().get(0);
        if (r.hasError()) {
            if (r.getError().contains("database not found")) {
                return List.of();
            }
            throw new QueryFailedException("InfluxDB refused the query: " + r.getError(), null);
        }
        return r.getSeries() == null ? List.of() : r.getSeries();
    }

    /**
     * Runs one series statement (a value per row, grouped by site, gateway and sensor) and streams
     * InfluxDB's answer into columns: the query API's hot path. Asks for epoch milliseconds, an
     * uncompressed answer (InfluxDB is local; gzip costs both sides CPU) and MessagePack, which
     * InfluxDB writes faster than JSON (see {@link InfluxMsgpackParser}); an InfluxDB or proxy
     * that answers JSON anyway is read as JSON.
     *
     * @throws QueryFailedException   when InfluxDB is unreachable or refuses the statement
     * @throws TooManyPointsException when the answer holds more than {@code maxPoints} points
     */
    public List<SeriesColumns> columns(String influxQl, int maxPoints) {
        return ask(
                influxQl,
                body -> InfluxMsgpackParser.parse(body, maxPoints),
                body -> InfluxSeriesParser.parse(body, maxPoints));
    }

    /**
     * Runs one multi-column statement (e.g. a tier's cells) and hands each row to {@code sink}, read
     * from InfluxDB's MessagePack answer into a reused array (see {@link InfluxMsgpackRows}). An answer
     * in JSON (a proxy that ignored the request) is read through influxdb-java instead.
     *
     * @throws QueryFailedException when InfluxDB is unreachable or refuses the statement
     */
    public void rows(String influxQl, InfluxMsgpackRows.Sink sink) {
        ask(
                influxQl,
                body -> {
                    InfluxMsgpackRows.read(body, sink);
                    return null;
                },
                body -> {
                    for (QueryResult.Series s : series(influxQl)) {
                        Map<String, String> tags = s.getTags() == null ? Map.of() : s.getTags();
                        for (List<Object> row : s.getValues()) {
                            double[] values = new double[row.size() - 1];
                            for (int i = 1; i < row.size(); i++) {
                                values[i - 1] = row.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
                            }
                            sink.row(tags, ((Number) row.get(0)).longValue(), values);
                        }
                    }
                    return null;
                });
    }

    /** Reads one answer of InfluxDB. */
    private interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * Asks for epoch milliseconds, an uncompressed answer (InfluxDB is local; gzip costs both sides
     * CPU) and MessagePack, which InfluxDB writes faster than JSON; reads the answer with the reader
     * for the format it came in.
     */
    private <T> T ask(String influxQl, BodyReader<T> msgpack, BodyReader<T> json) {
        statements.increment();
        HttpUrl.Builder url = queryUrl.newBuilder()
                .addQueryParameter("db", config.database())
                .addQueryParameter("epoch", "ms")
                .addQueryParameter("q", influxQl);
        Request.Builder request = new Request.Builder()
                .url(url.build())
                .header("Accept-Encoding", "identity")
                .header("Accept", MSGPACK); // exactly: InfluxDB compares the whole header, no lists
        if (config.username() != null) {
            request.header(
                    "Authorization",
                    Credentials.basic(config.username(), config.password() == null ? "" : config.password()));
        }
        try (Response response = raw.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            if (body == null) {
                throw new QueryFailedException(
                        "InfluxDB at " + config.url() + " answered " + response.code() + " without a body", null);
            }
            if (!response.isSuccessful() && response.code() != 400) {
                throw new QueryFailedException(
                        "InfluxDB at " + config.url() + " answered " + response.code() + ": " + body.string(), null);
            }
            okhttp3.MediaType type = body.contentType();
            if (type != null && MSGPACK.equals(type.type() + "/" + type.subtype())) {
                msgpackAnswers.increment();
                return msgpack.read(body.byteStream());
            }
            jsonAnswers.increment();
            return json.read(body.byteStream());
        } catch (IOException e) {
            throw new QueryFailedException("InfluxDB at " + config.url() + " did not answer: " + e.getMessage(), e);
        }
    }

    private static Counter answers(MeterRegistry meters, String format) {
        return Counter.builder("collector.query.influx.answers")
                .tag("format", format)
                .description(
                        "series answers read from InfluxDB, by format: json means InfluxDB or a proxy ignored the MessagePack request")
                .register(meters);
    }

    /** InfluxDB unreachable or refusing (HTTP 503 / 502 for the caller, never its fault). */
    public static class QueryFailedException extends RuntimeException {
        public QueryFailedException(String message, Throwable cause) {
            super(message, cause);
        }

        /** InfluxDB answered the query with an error. */
        static QueryFailedException refused(String error) {
            return new QueryFailedException("InfluxDB refused the query: " + error, null);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        influx.close();
    }
}

package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.rollup.CellStats;
import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierLayout;
import de.dos2030.iot.collector.storage.InfluxConfig;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * What the rollup worker reads from and writes to InfluxDB: a window's raw readings with their
 * quality, a tier's cells, and new cells (the same series and timestamp again: InfluxDB overwrites).
 * Its own client and connection pool, apart from ingest's writer and the query API. Thread-safe.
 */
@Singleton
public class TierStore implements AutoCloseable {
    private static final int LINES_PER_REQUEST = 5000;
    private static final String MSGPACK = "application/x-msgpack";

    private final InfluxDB influx;
    private final OkHttpClient http;
    private final HttpUrl queryUrl;
    private final InfluxConfig config;
    /** False once InfluxDB (or a proxy) answered the MessagePack request with JSON: then JSON from the start. */
    private volatile boolean msgpackAnswered = true;

    public TierStore(InfluxConfig config) {
        this.config = config;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(config.requestTimeout())
                .readTimeout(config.requestTimeout().multipliedBy(6)) // an hour of 100 Hz readings takes a while
                .writeTimeout(config.requestTimeout());
        // Built before influxdb-java adds its own interceptors to the builder; shares the pool.
        this.http = http.build();
        this.queryUrl = HttpUrl.get(config.url().replaceAll("/+$", "") + "/query");
        this.influx = config.username() == null
                ? InfluxDBFactory.connect(config.url(), http)
                : InfluxDBFactory.connect(config.url(), config.username(), config.password(), http);
        this.influx.setLogLevel(InfluxDB.LogLevel.NONE);
    }

    /** Receives one series' readings: the series' tags, then each reading in time order. */
    public interface RawSink {
        void reading(String sensor, String site, boolean ok, long timeMs, double value);
    }

    /**
     * The readings of {@code w}'s field from its gateway in [from, to), of every quality. Read from
     * InfluxDB's MessagePack answer ({@link RawReadingsMsgpack}); an InfluxDB that answers JSON is read
     * through influxdb-java, and asked for JSON from then on.
     */
    public void raw(DirtyWindow w, Instant from, Instant to, RawSink sink) {
        String ql = "SELECT " + identifier(w.field()) + " FROM " + identifier(TierLayout.rawPolicy(w.siteKind()))
                + "." + identifier(w.measurement()) + " WHERE " + identifier("gateway") + " = " + literal(w.gateway())
                + range(from, to) + " GROUP BY \"sensor\", \"site\", \"quality\"";
        if (msgpackAnswered && rawAsMsgpack(ql, sink)) {
            return;
        }
        for (QueryResult.Series s : series(ql)) {
            Map<String, String> tags = s.getTags();
            String sensor = tags.getOrDefault("sensor", "");
            String site = tags.getOrDefault("site", "");
            boolean ok = "ok".equals(tags.get("quality"));
            for (List<Object> row : s.getValues()) {
                if (row.get(1) instanceof Number v) {
                    sink.reading(sensor, site, ok, ((Number) row.get(0)).longValue(), v.doubleValue());
                }
            }
        }
    }

    /** Asks for MessagePack; false (nothing read) when the answer came as something else. */
    private boolean rawAsMsgpack(String ql, RawSink sink) {
        HttpUrl url = queryUrl.newBuilder()
                .addQueryParameter("db", config.database())
                .addQueryParameter("epoch", "ms")
                .addQueryParameter("q", ql)
                .build();
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("Accept-Encoding", "identity")
                .header("Accept", MSGPACK); // exactly: InfluxDB compares the whole header, no lists
        if (config.username() != null) {
            request.header(
                    "Authorization",
                    Credentials.basic(config.username(), config.password() == null ? "" : config.password()));
        }
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            if (body == null || (!response.isSuccessful() && response.code() != 400)) {
                throw new IllegalStateException("InfluxDB at " + config.url() + " answered " + response.code() + " to '"
                        + ql + "'" + (body == null ? "" : ": " + body.string()));
            }
            okhttp3.MediaType type = body.contentType();
            if (type == null || !MSGPACK.equals(type.type() + "/" + type.subtype())) {
                if (!response.isSuccessful()) {
                    throw new IllegalStateException(
                            "InfluxDB refused '" + ql + "' (HTTP " + response.code() + "): " + body.string());
                }
                msgpackAnswered = false;
                return false;
            }
            RawReadingsMsgpack.read(body.byteStream(), sink);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "InfluxDB at " + config.url() + " did not answer '" + ql + "': " + e.getMessage(), e);
        }
    }

    /** Receives one cell of a tier. */
    public interface CellSink {
        void cell(String sensor, String site, long startMs, CellStats stats);
    }

    /** The cells of {@code tier} for {@code w}'s field, gateway and site in [from, to). */
    public void cells(DirtyWindow w, Tier tier, Instant from, Instant to, CellSink sink) {
        StringBuilder select = new StringBuilder();
        for (String suffix : TierLayout.FIELD_SUFFIXES) {
            select.append(select.length() == 0 ? "" : ", ").append(identifier(TierLayout.cellField(w.field(), suffix)));
        }
        String ql = "SELECT " + select + " FROM " + identifier(TierLayout.policy(w.siteKind(), tier)) + "."
                + identifier(w.measurement()) + " WHERE " + identifier("gateway") + " = " + literal(w.gateway())
                + " AND " + identifier("site") + " = " + literal(w.site()) + range(from, to)
                + " GROUP BY \"sensor\", \"site\"";
        for (QueryResult.Series s : series(ql)) {
            String sensor = s.getTags().getOrDefault("sensor", "");
            String site = s.getTags().getOrDefault("site", "");
            for (List<Object> row : s.getValues()) {
                if (row.get(1) instanceof Number count) {
                    sink.cell(
                            sensor,
                            site,
                            ((Number) row.get(0)).longValue(),
                            new CellStats(
                                    count.longValue(),
                                    number(row.get(2), 0),
                                    number(row.get(3), Double.NaN),
                                    number(row.get(4), Double.NaN),
                                    number(row.get(5), 0),
                                    (long) number(row.get(6), 0),
                                    (long) number(row.get(7), 0),
                                    number(row.get(8), Double.NaN),
                                    (long) number(row.get(9), 0)));
                }
            }
        }
    }

    /** Receives an hour that holds raw readings of one field of one gateway's measurement. */
    public interface HourSink {
        void hour(String gateway, String site, String measurement, String field, Instant hourStart);
    }

    /**
     * The UTC hours in [from, to) that hold raw readings (any quality) of a site kind, per gateway, site,
     * measurement and field; optionally of one site and one gateway. InfluxDB counts the readings per hour
     * ({@code count(*)} over every measurement of the raw policy), so the cost grows with the readings in
     * the range: callers ask in slices.
     */
    public void rawHours(
            SiteKind kind, Instant from, Instant to, @Nullable String site, @Nullable String gateway, HourSink sink) {
        StringBuilder ql = new StringBuilder("SELECT count(*) FROM ")
                .append(identifier(TierLayout.rawPolicy(kind)))
                .append("./.*/ WHERE time >= ")
                .append(from.toEpochMilli())
                .append("ms AND time < ")
                .append(to.toEpochMilli())
                .append("ms");
        if (site != null) {
            ql.append(" AND ").append(identifier("site")).append(" = ").append(literal(site));
        }
        if (gateway != null) {
            ql.append(" AND ").append(identifier("gateway")).append(" = ").append(literal(gateway));
        }
        ql.append(" GROUP BY time(1h), \"gateway\", \"site\" fill(none)");
        for (QueryResult.Series s : series(ql.toString())) {
            Map<String, String> tags = s.getTags();
            String gw = tags.getOrDefault("gateway", "");
            String st = tags.getOrDefault("site", "");
            List<String> columns = s.getColumns();
            for (List<Object> row : s.getValues()) {
                Instant hour = Instant.ofEpochMilli(((Number) row.get(0)).longValue());
                for (int i = 1; i < row.size(); i++) {
                    // columns are count_<field>, the union over all measurements: null where this one has none
                    if (row.get(i) instanceof Number n && n.longValue() > 0) {
                        sink.hour(gw, st, s.getName(), columns.get(i).substring("count_".length()), hour);
                    }
                }
            }
        }
    }

    /** Writes line-protocol cells to a site kind's tier. */
    public void write(SiteKind kind, Tier tier, List<String> lines) {
        for (int from = 0; from < lines.size(); from += LINES_PER_REQUEST) {
            influx.write(
                    config.database(),
                    TierLayout.policy(kind, tier),
                    InfluxDB.ConsistencyLevel.ONE,
                    TimeUnit.MILLISECONDS,
                    String.join("\n", lines.subList(from, Math.min(lines.size(), from + LINES_PER_REQUEST))));
        }
    }

    private List<QueryResult.Series> series(String ql) {
        QueryResult result = influx.query(new Query(ql, config.database()), TimeUnit.MILLISECONDS);
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB refused '" + ql + "': " + result.getError());
        }
        if (result.getResults() == null || result.getResults().isEmpty()) {
            return List.of();
        }
        QueryResult.Result r = result.getResults().get(0);
        if (r.hasError()) {
            throw new IllegalStateException("InfluxDB refused '" + ql + "': " + r.getError());
        }
        return r.getSeries() == null ? List.of() : r.getSeries();
    }

    private static double number(Object o, double otherwise) {
        return o instanceof Number n ? n.doubleValue() : otherwise;
    }

    private static String range(Instant from, Instant to) {
        return " AND time >= " + from.toEpochMilli() + "ms AND time < " + to.toEpochMilli() + "ms";
    }

    /** A quoted identifier, {@code \} and {@code "} escaped (names come from the dirty set, ids validated at ingest). */
    static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @PreDestroy
    @Override
    public void close() {
        influx.close();
    }
}

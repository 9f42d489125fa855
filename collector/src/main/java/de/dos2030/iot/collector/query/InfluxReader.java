package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.storage.InfluxConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs InfluxQL built by the query package (never text from a request: see {@link InfluxQl})
 * against the configured database, with its own connection pool so that queries and the
 * ingest writer do not wait for each other. Times come back as epoch milliseconds. Thread-safe.
 */
@Singleton
public class InfluxReader implements AutoCloseable {
    private final InfluxDB influx;
    private final InfluxConfig config;

    public InfluxReader(InfluxConfig config, QueryConfig queryConfig) {
        this.config = config;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(config.requestTimeout())
                .readTimeout(queryConfig.requestTimeout())
                .connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES));
        this.influx = config.username() == null
                ? InfluxDBFactory.connect(config.url(), http)
                : InfluxDBFactory.connect(config.url(), config.username(), config.password(), http);
        this.influx.setLogLevel(InfluxDB.LogLevel.NONE);
    }

    /** The retention policy the collector writes to, quoted, for {@code FROM "rp"."measurement"}. */
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

    /** InfluxDB unreachable or refusing (HTTP 503 / 502 for the caller, never its fault). */
    public static class QueryFailedException extends RuntimeException {
        public QueryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        influx.close();
    }
}

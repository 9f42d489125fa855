package de.dos2030.iot.collector.storage;

import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the database and the retention policy (as the database's default) when missing.
 * Idempotent; re-run after InfluxDB lost them (e.g. a fresh instance behind the same URL).
 */
final class InfluxSchema {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSchema.class);

    private final InfluxDB influx;
    private final InfluxConfig config;
    private volatile boolean ready;

    InfluxSchema(InfluxDB influx, InfluxConfig config) {
        this.influx = influx;
        this.config = config;
    }

    /** Makes sure the schema exists; throws the client's exception when InfluxDB is unreachable. */
    void ensure() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            try {
                run("CREATE DATABASE \"" + config.database() + "\"");
                if (!retentionPolicyExists()) {
                    run("CREATE RETENTION POLICY \"" + config.retentionPolicy() + "\" ON \"" + config.database()
                            + "\" DURATION "
                            + config.retentionDuration()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace("inf", "INF") + " REPLICATION 1 DEFAULT");
                    LOG.info(
                            "Created retention policy {} ({}) on InfluxDB database {}",
                            config.retentionPolicy(),
                            config.retentionDuration(),
                            config.database());
                }
                ready = true;
            } catch (RuntimeException e) {
                LOG.warn(
                        "InfluxDB at {} is not ready: {} (will retry before the next write)",
                        config.url(),
                        e.getMessage());
                throw e;
            }
        }
    }

    /** Called when a write found the database missing. */
    void forget() {
        ready = false;
    }

    private boolean retentionPolicyExists() {
        QueryResult result = run("SHOW RETENTION POLICIES ON \"" + config.database() + "\"");
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> row : s.getValues()) {
                    if (config.retentionPolicy().equals(row.get(0))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private QueryResult run(String statement) {
        QueryResult result = influx.query(new Query(statement));
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB refused '" + statement + "': " + result.getError());
        }
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException("InfluxDB refused '" + statement + "': " + r.getError());
            }
        }
        return result;
    }
}

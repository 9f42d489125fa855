package de.dos2030.iot.collector.storage;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierLayout;
import de.dos2030.iot.model.SiteKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the database and its retention policies when missing: the events policy
 * ({@code collector.influx.retention-policy}, the database's default) and per site kind one for raw
 * readings and one per rollup tier ({@link RetentionConfig}). A policy whose duration differs from the
 * configuration is altered to it, so that changing a key and restarting is all an operator does.
 * Idempotent; re-run after InfluxDB lost them (e.g. a fresh instance behind the same URL).
 */
final class InfluxSchema {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSchema.class);
    private static final java.util.regex.Pattern INFLUX_DURATION =
            java.util.regex.Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private final InfluxDB influx;
    private final InfluxConfig config;
    private final RetentionConfig retention;
    private volatile boolean ready;

    InfluxSchema(InfluxDB influx, InfluxConfig config, RetentionConfig retention) {
        this.influx = influx;
        this.config = config;
        this.retention = retention;
    }

    /** Policy name -> configured duration (InfluxQL text), the events policy first. */
    Map<String, String> policies() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(config.retentionPolicy(), config.retentionDuration());
        for (SiteKind kind : SiteKind.values()) {
            out.put(TierLayout.rawPolicy(kind), retention.value(kind, null));
            for (Tier tier : Tier.values()) {
                out.put(TierLayout.policy(kind, tier), retention.value(kind, tier));
            }
        }
        return out;
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
                Map<String, Duration> existing = existingPolicies();
                for (Map.Entry<String, String> p : policies().entrySet()) {
                    ensurePolicy(p.getKey(), p.getValue(), existing, p.getKey().equals(config.retentionPolicy()));
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

    private void ensurePolicy(String name, String duration, Map<String, Duration> existing, boolean isDefault) {
        String influxDuration = duration.toLowerCase(java.util.Locale.ROOT).replace("inf", "INF");
        Duration wanted = RetentionConfig.parse(duration);
        Duration wantedOrZero = wanted == null ? Duration.ZERO : wanted; // InfluxDB shows INF as 0s
        String on = "\"" + name + "\" ON \"" + config.database() + "\" DURATION " + influxDuration;
        if (!existing.containsKey(name)) {
            run("CREATE RETENTION POLICY " + on + " REPLICATION 1" + (isDefault ? " DEFAULT" : ""));
            LOG.info("Created retention policy {} ({}) on InfluxDB database {}", name, duration, config.database());
        } else if (!existing.get(name).equals(wantedOrZero)) {
            run("ALTER RETENTION POLICY " + on);
            LOG.info(
                    "Retention policy {} on InfluxDB database {} changed from {} to {}",
                    name,
                    config.database(),
                    existing.get(name),
                    duration);
        }
    }

    /** Called when a write found the database missing. */
    void forget() {
        ready = false;
    }

    private Map<String, Duration> existingPolicies() {
        Map<String, Duration> out = new HashMap<>();
        QueryResult result = run("SHOW RETENTION POLICIES ON \"" + config.database() + "\"");
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                int durationColumn = s.getColumns().indexOf("duration");
                for (List<Object> row : s.getValues()) {
                    out.put(String.valueOf(row.get(0)), parseInfluxDuration(String.valueOf(row.get(durationColumn))));
                }
            }
        }
        return out;
    }

    /** InfluxDB's {@code 720h0m0s} (or {@code 0s} for INF) as a Duration. */
    static Duration parseInfluxDuration(String text) {
        Matcher m = INFLUX_DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException(
                    "InfluxDB showed a retention duration '" + text + "' this collector cannot read");
        }
        return Duration.ofHours(number(m.group(1)))
                .plusMinutes(number(m.group(2)))
                .plusSeconds(number(m.group(3)));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
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

package de.dos2030.iot.collector.fleet.reported;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;

import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.FleetChange;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest configuration and agent change each gateway reported ({@code fleet_reported}, Flyway V18), kept
 * from every stored batch whose health carries {@code changes}. Health repeats the latest change in every
 * report, so only a new one is written (remembered in memory per instance), and a report that could not be
 * written now is written with the next health. Thread-safe.
 */
@Singleton
public class ReportedChanges {
    private static final Logger LOG = LoggerFactory.getLogger(ReportedChanges.class);

    private final RelationalStore store;
    private final Clock clock;
    private final Map<String, ReportedChange> known = new ConcurrentHashMap<>();

    public ReportedChanges(RelationalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @EventListener
    void onBatch(IngestService.BatchStored stored) {
        if (stored.batch().health() == null || stored.batch().health().changes().isEmpty()) {
            return;
        }
        String gatewayId = stored.batch().gatewayId();
        for (FleetChange c : stored.batch().health().changes()) {
            if (c == null || c.kind() == null || c.version() == null || c.outcome() == null) {
                continue; // the validator lets only complete changes through; nothing to keep otherwise
            }
            ReportedChange before = known.get(key(gatewayId, c.kind()));
            if (before != null && before.sameAs(c)) {
                continue;
            }
            try {
                record(gatewayId, c);
            } catch (RuntimeException e) {
                LOG.warn("Change report of {} not stored (the next health repeats it): {}", gatewayId, e.toString());
            }
        }
    }

    /** Keeps a reported change unless the same one is stored already; returns what is stored now. */
    public ReportedChange record(String gatewayId, FleetChange c) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ReportedChange kept = store.inTransaction(conn -> {
            ReportedChange stored = find(conn, gatewayId, c.kind());
            if (stored != null && stored.sameAs(c)) {
                return stored;
            }
            if (stored != null
                    && stored.reportedAt() != null
                    && c.at() != null
                    && c.at().isBefore(stored.reportedAt())) {
                return stored; // an older report arriving late (an outbox draining out of order)
            }
            ReportedChange fresh =
                    new ReportedChange(gatewayId, c.kind(), c.version(), c.outcome(), c.reason(), c.at(), now);
            RelationalStore.update(
                    conn, "DELETE FROM fleet_reported WHERE gateway_id = ? AND kind = ?", gatewayId, c.kind());
            RelationalStore.update(
                    conn,
                    "INSERT INTO fleet_reported (gateway_id, kind, version, outcome, reason, reported_at, received_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    gatewayId,
                    c.kind(),
                    c.version(),
                    c.outcome(),
                    c.reason(),
                    c.at(),
                    now);
            return fresh;
        });
        known.put(key(gatewayId, c.kind()), kept);
        return kept;
    }

    /** The latest change of each kind this gateway reported. */
    public Map<FleetChange.Kind, ReportedChange> of(String gatewayId) {
        Map<FleetChange.Kind, ReportedChange> out = new EnumMap<>(FleetChange.Kind.class);
        for (ReportedChange r : query("SELECT * FROM fleet_reported WHERE gateway_id = ?", gatewayId)) {
            out.put(r.kind(), r);
        }
        return out;
    }

    /** Every gateway's latest changes: gateway id to kind to change. */
    public Map<String, Map<FleetChange.Kind, ReportedChange>> all() {
        Map<String, Map<FleetChange.Kind, ReportedChange>> out = new java.util.HashMap<>();
        for (ReportedChange r : query("SELECT * FROM fleet_reported")) {
            out.computeIfAbsent(r.gatewayId(), k -> new EnumMap<>(FleetChange.Kind.class))
                    .put(r.kind(), r);
        }
        return out;
    }

    private List<ReportedChange> query(String sql, Object... params) {
        return store.run(c -> {
            List<ReportedChange> out = new ArrayList<>();
            try (PreparedStatement ps = bind(c.prepareStatement(sql), params);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    private static ReportedChange find(java.sql.Connection c, String gatewayId, FleetChange.Kind kind)
            throws SQLException {
        try (PreparedStatement ps = bind(
                        c.prepareStatement("SELECT * FROM fleet_reported WHERE gateway_id = ? AND kind = ?"),
                        gatewayId,
                        kind);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? read(rs) : null;
        }
    }

    private static ReportedChange read(ResultSet rs) throws SQLException {
        return new ReportedChange(
                rs.getString("gateway_id"),
                FleetChange.Kind.valueOf(rs.getString("kind")),
                rs.getString("version"),
                FleetChange.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("reason"),
                RelationalStore.instant(rs, "reported_at"),
                RelationalStore.instant(rs, "received_at"));
    }

    private static String key(String gatewayId, FleetChange.Kind kind) {
        return gatewayId + "\n" + kind;
    }
}

package de.dos2030.iot.collector.ingest;

import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the {@link SequenceTracker}'s knowledge between collector instances through the
 * relational store, every {@code collector.sequences.share-interval}: writes this instance's view of
 * the boots that changed (one row per gateway, boot and instance, so instances never overwrite each
 * other), then merges the rows other instances changed since the last round. Each instance writes
 * the union it knows, so rows stay a few ranges long even when instances take turns. A restarted
 * instance reads every row first and so remembers what was stored before it started. Rows of boots
 * no instance touched for {@link #KEEP} are deleted.
 */
@Context
public class SequenceSharing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SequenceSharing.class);
    static final Duration KEEP = Duration.ofDays(7);
    /** Rows committed a little after their updated_at are still read: every round re-reads this much. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);

    private final RelationalStore store;
    private final SequenceTracker tracker;
    private final String instanceId = UUID.randomUUID().toString();
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sequence-sharing");
        t.setDaemon(true);
        return t;
    });
    private Instant readUpTo; // database time of the last read; null: read everything
    private Instant prunedAt = Instant.EPOCH;

    public SequenceSharing(RelationalStore store, SequenceTracker tracker, SequenceConfig config) {
        this.store = store;
        this.tracker = tracker;
        long every = Math.max(100, config.shareInterval().toMillis());
        rounds.scheduleWithFixedDelay(this::roundQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    /** One round: publish, merge the others' changes, count the holes that outlived two rounds. */
    public synchronized void round() {
        List<SequenceTracker.BootRanges> changed = tracker.takeChanged();
        Instant now;
        try {
            now = store.inTransaction(c -> {
                Instant dbNow = databaseNow(c);
                for (SequenceTracker.BootRanges r : changed) {
                    publish(c, r, dbNow);
                }
                return dbNow;
            });
        } catch (RuntimeException e) {
            tracker.changedAgain(changed);
            throw e;
        }
        Instant since = readUpTo == null ? null : readUpTo.minus(OVERLAP);
        for (SequenceTracker.BootRanges r : othersChangedSince(since)) {
            tracker.merge(r);
        }
        readUpTo = now;
        tracker.settle();
        if (Duration.between(prunedAt, now).toHours() >= 1) {
            store.run(c ->
                    RelationalStore.update(c, "DELETE FROM stored_sequences WHERE updated_at < ?", now.minus(KEEP)));
            prunedAt = now;
        }
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.warn("Sequence numbers not shared with other instances this round (will retry): {}", e.toString());
        }
    }

    private static Instant databaseNow(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP AS now");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return RelationalStore.instant(rs, "now");
        }
    }

    private void publish(Connection c, SequenceTracker.BootRanges r, Instant now) throws SQLException {
        String ranges = SequenceRanges.format(r.stored());
        int n = RelationalStore.update(
                c,
                "UPDATE stored_sequences SET ranges = ?, first_seen = ?, last_seen = ?, updated_at = ?"
                        + " WHERE gateway_id = ? AND boot_id = ? AND instance_id = ?",
                ranges,
                r.firstSeen(),
                r.lastSeen(),
                now,
                r.gatewayId(),
                r.bootId(),
                instanceId);
        if (n == 0) {
            RelationalStore.update(
                    c,
                    "INSERT INTO stored_sequences (gateway_id, boot_id, instance_id, ranges, first_seen, last_seen,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    r.gatewayId(),
                    r.bootId(),
                    instanceId,
                    ranges,
                    r.firstSeen(),
                    r.lastSeen(),
                    now);
        }
    }

    private List<SequenceTracker.BootRanges> othersChangedSince(Instant since) {
        return store.run(c -> {
            List<SequenceTracker.BootRanges> out = new ArrayList<>();
            String sql =
                    "SELECT gateway_id, boot_id, ranges, first_seen, last_seen FROM stored_sequences WHERE instance_id <> ?"
                            + (since == null ? "" : " AND updated_at >= ?");
            try (PreparedStatement ps = since == null
                            ? RelationalStore.bind(c.prepareStatement(sql), instanceId)
                            : RelationalStore.bind(c.prepareStatement(sql), instanceId, since);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String gateway = rs.getString("gateway_id");
                    String boot = rs.getString("boot_id");
                    try {
                        out.add(new SequenceTracker.BootRanges(
                                gateway,
                                boot,
                                SequenceRanges.parse(rs.getString("ranges")),
                                RelationalStore.instant(rs, "first_seen"),
                                RelationalStore.instant(rs, "last_seen")));
                    } catch (IllegalArgumentException e) {
                        LOG.warn(
                                "stored_sequences row of gateway {} boot {} skipped: {}",
                                gateway,
                                boot,
                                e.getMessage());
                    }
                }
            }
            return out;
        });
    }

    @PreDestroy
    @Override
    public void close() {
        rounds.shutdown();
        try {
            round(); // what this instance stored last stays known after it stops
        } catch (RuntimeException e) {
            LOG.warn("Sequence numbers not shared at shutdown: {}", e.toString());
        }
    }
}

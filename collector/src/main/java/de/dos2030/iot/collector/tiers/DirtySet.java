package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.SiteKind;
import jakarta.inject.Singleton;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The persistent set of dirty rollup windows, table {@code rollup_dirty} (Flyway V7), shared by all
 * instances through the relational store. Statements stay within SQL that H2 and PostgreSQL both
 * accept. Thread-safe.
 *
 * <p>Protocol: {@link #mark} adds 1 to a window's version; {@link #claim} leases a due window and
 * returns the version it saw; {@link #finish} deletes the window only if its version is unchanged
 * (no batch marked it while it was recomputed) and otherwise hands it back for a later round.
 */
@Singleton
public class DirtySet {
    private static final String KEY =
            "gateway_id = ? AND measurement = ? AND field = ? AND tier = ? AND window_start = ?";

    private final RelationalStore store;

    public DirtySet(RelationalStore store) {
        this.store = store;
    }

    /** A claimed window and the version it had when claimed. */
    public record Claim(DirtyWindow window, long version) {}

    /**
     * Marks windows dirty in one transaction: an existing row's version goes up by one (its lease and
     * first mark stay), a missing one is inserted. Windows are updated in key order, so that two
     * instances marking overlapping sets wait for each other instead of deadlocking; when another
     * instance inserted the same new window first, the whole mark is tried once more.
     */
    public void mark(Collection<DirtyWindow> windows, Instant now) {
        if (windows.isEmpty()) {
            return;
        }
        List<DirtyWindow> sorted = new ArrayList<>(windows);
        sorted.sort(DirtyWindow.KEY_ORDER);
        for (int attempt = 1; ; attempt++) {
            try {
                store.inTransaction(c -> markIn(c, sorted, now));
                return;
            } catch (RelationalStore.StoreException e) {
                if (attempt == 3 || !RelationalStore.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private static Void markIn(Connection c, List<DirtyWindow> windows, Instant now) throws SQLException {
        int[] updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE rollup_dirty SET version = version + 1, marked_at = ?,"
                + " site_id = ?, site_kind = ? WHERE " + KEY)) {
            for (DirtyWindow w : windows) {
                RelationalStore.bind(
                        ps,
                        now,
                        w.site(),
                        w.siteKind().wireName(),
                        w.gateway(),
                        w.measurement(),
                        w.field(),
                        w.tier().wireName(),
                        w.start().toEpochMilli());
                ps.addBatch();
            }
            updated = executeBatch(ps);
        }
        List<DirtyWindow> missing = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            if (updated[i] == 0) {
                missing.add(windows.get(i));
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_dirty (gateway_id, measurement, field, tier,"
                + " window_start, site_id, site_kind, version, first_marked_at, marked_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
            for (DirtyWindow w : missing) {
                RelationalStore.bind(
                        ps,
                        w.gateway(),
                        w.measurement(),
                        w.field(),
                        w.tier().wireName(),
                        w.start().toEpochMilli(),
                        w.site(),
                        w.siteKind().wireName(),
                        now,
                        now);
                ps.addBatch();
            }
            executeBatch(ps);
        }
        return null;
    }

    /** The batch's own failure (e.g. SQLSTATE 23505) rather than the driver's wrapper around it. */
    private static int[] executeBatch(PreparedStatement ps) throws SQLException {
        try {
            return ps.executeBatch();
        } catch (BatchUpdateException e) {
            SQLException cause = e.getNextException();
            throw cause != null ? cause : e;
        }
    }

    /**
     * Windows due for a recompute at {@code now} and not leased: quiet for {@code settle}, or first
     * marked at least {@code maxDelay} ago. Hours before days (a day is composed from its hours),
     * oldest first.
     */
    public List<DirtyWindow> due(Instant now, Duration settle, Duration maxDelay, int limit) {
        return store.run(c -> {
            List<DirtyWindow> out = new ArrayList<>();
            try (PreparedStatement ps = RelationalStore.bind(
                            c.prepareStatement("SELECT gateway_id, measurement, field, tier, window_start, site_id,"
                                    + " site_kind FROM rollup_dirty WHERE (lease_until IS NULL OR lease_until < ?)"
                                    + " AND (marked_at <= ? OR first_marked_at <= ?)"
                                    + " ORDER BY tier DESC, first_marked_at FETCH FIRST " + limit + " ROWS ONLY"),
                            now,
                            now.minus(settle),
                            now.minus(maxDelay));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(window(rs));
                }
            }
            return out;
        });
    }

    /** Leases {@code w} to {@code owner} until {@code until} if nobody holds it; null when another instance does. */
    public Claim claim(DirtyWindow w, String owner, Instant now, Instant until) {
        return store.inTransaction(c -> {
            int n = RelationalStore.update(
                    c,
                    "UPDATE rollup_dirty SET lease_owner = ?, lease_until = ? WHERE " + KEY
                            + " AND (lease_until IS NULL OR lease_until < ?)",
                    owner,
                    until,
                    w.gateway(),
                    w.measurement(),
                    w.field(),
                    w.tier().wireName(),
                    w.start().toEpochMilli(),
                    now);
            if (n == 0) {
                return null;
            }
            try (PreparedStatement ps = RelationalStore.bind(
                            c.prepareStatement("SELECT version FROM rollup_dirty WHERE " + KEY),
                            w.gateway(),
                            w.measurement(),
                            w.field(),
                            w.tier().wireName(),
                            w.start().toEpochMilli());
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Claim(w, rs.getLong("version"));
            }
        });
    }

    /** Extends {@code owner}'s lease; false when it lost it (it expired and another instance took it). */
    public boolean renew(Claim claim, String owner, Instant until) {
        DirtyWindow w = claim.window();
        return store.run(c -> RelationalStore.update(
                        c,
                        "UPDATE rollup_dirty SET lease_until = ? WHERE " + KEY + " AND lease_owner = ?",
                        until,
                        w.gateway(),
                        w.measurement(),
                        w.field(),
                        w.tier().wireName(),
                        w.start().toEpochMilli(),
                        owner)
                == 1);
    }

    /**
     * After a recompute: deletes the window if nothing marked it since the claim and returns true;
     * otherwise releases the lease and restarts its max-delay clock at {@code claimedAt} (everything
     * stored before the claim is in the cells now) and returns false.
     */
    public boolean finish(Claim claim, String owner, Instant claimedAt) {
        DirtyWindow w = claim.window();
        return store.inTransaction(c -> {
            int deleted = RelationalStore.update(
                    c,
                    "DELETE FROM rollup_dirty WHERE " + KEY + " AND version = ? AND lease_owner = ?",
                    w.gateway(),
                    w.measurement(),
                    w.field(),
                    w.tier().wireName(),
                    w.start().toEpochMilli(),
                    claim.version(),
                    owner);
            if (deleted == 1) {
                return true;
            }
            RelationalStore.update(
                    c,
                    "UPDATE rollup_dirty SET lease_owner = NULL, lease_until = NULL, first_marked_at = ? WHERE " + KEY
                            + " AND lease_owner = ?",
                    claimedAt,
                    w.gateway(),
                    w.measurement(),
                    w.field(),
                    w.tier().wireName(),
                    w.start().toEpochMilli(),
                    owner);
            return false;
        });
    }

    /** Gives a window back without touching its marks (the recompute failed): due again after {@code retryAt}. */
    public void release(Claim claim, String owner, Instant retryAt) {
        DirtyWindow w = claim.window();
        store.run(c -> RelationalStore.update(
                c,
                "UPDATE rollup_dirty SET lease_until = ? WHERE " + KEY + " AND lease_owner = ?",
                retryAt,
                w.gateway(),
                w.measurement(),
                w.field(),
                w.tier().wireName(),
                w.start().toEpochMilli(),
                owner));
    }

    /** Drops a window without recomputing it (its raw readings are past retention). */
    public void drop(Claim claim, String owner) {
        DirtyWindow w = claim.window();
        store.run(c -> RelationalStore.update(
                c,
                "DELETE FROM rollup_dirty WHERE " + KEY + " AND lease_owner = ?",
                w.gateway(),
                w.measurement(),
                w.field(),
                w.tier().wireName(),
                w.start().toEpochMilli(),
                owner));
    }

    /** How many windows are dirty, and when the longest-waiting one was first marked (null: none). */
    public record Backlog(long windows, Instant oldestMark) {}

    public Backlog backlog() {
        return store.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT COUNT(*) AS n, MIN(first_marked_at) AS oldest FROM rollup_dirty");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong("n"), RelationalStore.instant(rs, "oldest"));
            }
        });
    }

    private static DirtyWindow window(ResultSet rs) throws SQLException {
        String tier = rs.getString("tier");
        return new DirtyWindow(
                rs.getString("gateway_id"),
                rs.getString("measurement"),
                rs.getString("field"),
                tier.equals(Tier.DAY.wireName()) ? Tier.DAY : Tier.HOUR,
                Instant.ofEpochMilli(rs.getLong("window_start")),
                rs.getString("site_id"),
                SiteKind.valueOf(rs.getString("site_kind").toUpperCase(Locale.ROOT)));
    }
}

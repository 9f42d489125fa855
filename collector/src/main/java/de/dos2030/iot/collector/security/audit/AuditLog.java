package de.dos2030.iot.collector.security.audit;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;

import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code audit_log} table (Flyway V16): appends entries to the hash chain, lists them, and checks
 * the chain. The collector only ever inserts; a row changed, inserted or deleted by hand breaks the
 * chain at that row, which {@link #verify()} names. Appends from several collector instances are
 * ordered by the primary key {@code seq}: the loser of a race takes the next number. Thread-safe.
 */
@Singleton
public class AuditLog {
    private static final int ATTEMPTS = 8;

    private final RelationalStore store;
    private final Clock clock;

    public AuditLog(RelationalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Appends an entry after the current last one. */
    public synchronized AuditEntry append(
            String actor,
            @Nullable String actorRole,
            @Nullable String client,
            String action,
            String target,
            @Nullable String before,
            @Nullable String after) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String who = cut(actor, 64);
        String where = cut(target, 300);
        String from = cut(client, 100);
        for (int attempt = 1; ; attempt++) {
            try {
                return store.inTransaction(c -> {
                    long seq = 1;
                    String prev = AuditHash.GENESIS;
                    try (PreparedStatement ps =
                                    c.prepareStatement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                            ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            seq = rs.getLong("seq") + 1;
                            prev = rs.getString("hash");
                        }
                    }
                    String hash = AuditHash.of(prev, seq, at, who, actorRole, from, action, where, before, after);
                    RelationalStore.update(
                            c,
                            "INSERT INTO audit_log (seq, recorded_at, actor, actor_role, client, action, target,"
                                    + " before_state, after_state, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            seq,
                            at,
                            who,
                            actorRole,
                            from,
                            action,
                            where,
                            before,
                            after,
                            prev,
                            hash);
                    return new AuditEntry(seq, at, who, actorRole, from, action, where, before, after, prev, hash);
                });
            } catch (RelationalStore.StoreException e) {
                if (!RelationalStore.isUniqueViolation(e) || attempt >= ATTEMPTS) {
                    throw e;
                }
                // another instance appended the same seq first: take the next one
            }
        }
    }

    /** Which entries to list; null criteria match all. {@code target} matches as a prefix. */
    public record Query(
            @Nullable String actor,
            @Nullable String action,
            @Nullable String target,
            @Nullable Instant from,
            @Nullable Instant to,
            int limit) {}

    /** Entries matching the query, newest first. */
    public List<AuditEntry> list(Query q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(q.actor());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            params.add(q.action());
        }
        if (q.target() != null) {
            sql.append(" AND target LIKE ? ESCAPE '\\'");
            params.add(q.target().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.from() != null) {
            sql.append(" AND recorded_at >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND recorded_at < ?");
            params.add(q.to());
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(q.limit());
        return store.run(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = bind(c.prepareStatement(sql.toString()), params.toArray());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        });
    }

    /**
     * The outcome of checking the chain: {@code ok}, how many entries, the last one's seq and hash (keep
     * them elsewhere to notice a cut-off tail later), or the first broken entry and why.
     */
    @Serdeable
    public record Verification(
            boolean ok,
            long entries,
            long lastSeq,
            String lastHash,
            @Nullable Long firstBroken,
            @Nullable String problem) {}

    /** Checks every entry in order: numbered without gaps, linked to its predecessor, hash matching its fields. */
    public Verification verify() {
        // In a transaction with a fetch size, PostgreSQL streams the rows through a cursor: a long log is
        // read in pieces, not all at once.
        return store.inTransaction(c -> {
            long count = 0;
            long expectedSeq = 1;
            String prev = AuditHash.GENESIS;
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_log ORDER BY seq")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditEntry e = entry(rs);
                        count++;
                        String problem = null;
                        if (e.seq() != expectedSeq) {
                            problem = "entry " + expectedSeq + " is missing: the next one is " + e.seq();
                        } else if (!e.prevHash().equals(prev)) {
                            problem = "its prev_hash does not match the hash of entry " + (e.seq() - 1)
                                    + ": an entry before it was removed or replaced";
                        } else if (!AuditHash.of(e).equals(e.hash())) {
                            problem = "its fields do not match its hash: the row was changed after it was written";
                        }
                        if (problem != null) {
                            return new Verification(false, count, e.seq(), e.hash(), e.seq(), problem);
                        }
                        expectedSeq = e.seq() + 1;
                        prev = e.hash();
                    }
                }
            }
            return new Verification(true, count, expectedSeq - 1, prev, null, null);
        });
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("seq"),
                RelationalStore.instant(rs, "recorded_at"),
                rs.getString("actor"),
                rs.getString("actor_role"),
                rs.getString("client"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("before_state"),
                rs.getString("after_state"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    @Nullable
    private static String cut(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

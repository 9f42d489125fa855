package de.dos2030.iot.collector.web.session;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.instant;

import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code web_session} table (Flyway V8) in the database the collector instances share, so that
 * any instance behind a load balancer knows every session and a sign-out on one ends it on all.
 * Rows are keyed by the SHA-256 of the session id, never the id itself. Thread-safe.
 */
@Singleton
class SessionStore {
    private final RelationalStore store;

    SessionStore(RelationalStore store) {
        this.store = store;
    }

    /**
     * A stored session with what its token says now: {@code tokenRole} is the API token's current role,
     * null when the token is gone or revoked (or, with {@code tokenId} null, for the bootstrap admin);
     * {@code tokenScope} its scope ({@code security.Scope}'s wire form).
     */
    record Row(
            String subject,
            @Nullable String tokenId,
            String role,
            @Nullable String tokenRole,
            @Nullable String tokenScope,
            Instant createdAt,
            Instant lastSeenAt,
            Instant expiresAt) {}

    void insert(String idHash, String subject, @Nullable String tokenId, String role, Instant now, Instant expires) {
        store.run(c -> RelationalStore.update(
                c,
                "INSERT INTO web_session (id_hash, subject, token_id, role, created_at, last_seen_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                idHash,
                subject,
                tokenId,
                role,
                now,
                now,
                expires));
    }

    Optional<Row> find(String idHash) {
        return store.run(c -> {
            try (PreparedStatement ps = bind(
                            c.prepareStatement("SELECT s.subject, s.token_id, s.role, s.created_at, s.last_seen_at,"
                                    + " s.expires_at, t.role AS token_role, t.scope AS token_scope FROM web_session s"
                                    + " LEFT JOIN api_token t ON t.id = s.token_id AND t.revoked_at IS NULL"
                                    + " WHERE s.id_hash = ?"),
                            idHash);
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<Row>empty();
                }
                return Optional.of(new Row(
                        rs.getString("subject"),
                        rs.getString("token_id"),
                        rs.getString("role"),
                        rs.getString("token_role"),
                        rs.getString("token_scope"),
                        instant(rs, "created_at"),
                        instant(rs, "last_seen_at"),
                        instant(rs, "expires_at")));
            }
        });
    }

    void touch(String idHash, Instant now) {
        store.run(c ->
                RelationalStore.update(c, "UPDATE web_session SET last_seen_at = ? WHERE id_hash = ?", now, idHash));
    }

    boolean delete(String idHash) {
        return store.run(c -> RelationalStore.update(c, "DELETE FROM web_session WHERE id_hash = ?", idHash)) == 1;
    }

    /** Removes sessions past their absolute expiry or idle since before {@code idleBefore}; returns how many. */
    int deleteExpired(Instant now, Instant idleBefore) {
        return store.run(c -> RelationalStore.update(
                c, "DELETE FROM web_session WHERE expires_at <= ? OR last_seen_at < ?", now, idleBefore));
    }
}

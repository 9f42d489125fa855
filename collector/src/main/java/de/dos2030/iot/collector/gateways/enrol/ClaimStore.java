package de.dos2030.iot.collector.gateways.enrol;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;
import static de.dos2030.iot.collector.statedb.RelationalStore.instant;
import static de.dos2030.iot.collector.statedb.RelationalStore.update;

import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code gateway_claim} table (Flyway V17), statement by statement; callers hold the connection and
 * so decide the transaction ({@link Enrolment}). Only code hashes go in or out.
 */
@Singleton
class ClaimStore {
    private static final String COLUMNS =
            "gateway_id, site_id, site_kind, location_id, created_by, created_at, expires_at, used_at";

    /**
     * Stores a claim under its code's hash, first dropping the gateway's claims that are still open:
     * only the newest code of a gateway works, so a lost sheet is fixed by issuing a new code.
     */
    void replaceOpen(Connection c, String codeHash, Claim claim) throws SQLException {
        update(c, "DELETE FROM gateway_claim WHERE gateway_id = ? AND used_at IS NULL", claim.gatewayId());
        update(
                c,
                "INSERT INTO gateway_claim (code_hash, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                codeHash,
                claim.gatewayId(),
                claim.siteId(),
                claim.siteKind(),
                claim.location(),
                claim.createdBy(),
                claim.createdAt(),
                claim.expiresAt(),
                null);
    }

    /** The claim of this code hash, its row locked until the transaction ends. */
    Optional<Claim> lock(Connection c, String codeHash) throws SQLException {
        try (PreparedStatement ps = bind(
                        c.prepareStatement("SELECT " + COLUMNS + " FROM gateway_claim WHERE code_hash = ? FOR UPDATE"),
                        codeHash);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(claim(rs)) : Optional.empty();
        }
    }

    /**
     * Uses the claim, if it is still open and unexpired at {@code now}: the condition is in the statement
     * itself, so of two redemptions racing for one code exactly one changes the row.
     *
     * @return whether this call used it
     */
    boolean use(Connection c, String codeHash, Instant now, @Nullable String from) throws SQLException {
        return update(
                        c,
                        "UPDATE gateway_claim SET used_at = ?, used_from = ?"
                                + " WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                        now,
                        from,
                        codeHash,
                        now)
                == 1;
    }

    private static Claim claim(ResultSet rs) throws SQLException {
        return new Claim(
                rs.getString("gateway_id"),
                rs.getString("site_id"),
                SiteKind.valueOf(rs.getString("site_kind")),
                rs.getString("location_id"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "used_at"));
    }
}

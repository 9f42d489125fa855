package de.dos2030.iot.collector.fleet.release;

import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Agent releases and the release each gateway should run, in the shared database (V19: {@code agent_release},
 * {@code desired_agent}). The jar bytes are read only by {@link #copyJar}. Thread-safe; blocking.
 */
@Singleton
public class ReleaseStore {
    private static final String COLUMNS = "version, sha256, signature, size_bytes, uploaded_by, uploaded_at";

    private final RelationalStore db;

    public ReleaseStore(RelationalStore db) {
        this.db = db;
    }

    /**
     * A stored release.
     *
     * @param signature Base64 Ed25519 over the jar's SHA-256
     */
    @Serdeable
    public record Release(
            String version, String sha256, String signature, long size, String uploadedBy, Instant uploadedAt) {
        /** Where a gateway downloads it. */
        public String url() {
            return "/api/v1/releases/" + version + "/edge-agent.jar";
        }
    }

    /**
     * Stores a release with its jar.
     *
     * @throws ConflictException when the version exists (releases never change)
     */
    public void insert(Release release, Path jar) {
        try {
            db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO agent_release (" + COLUMNS + ", jar) VALUES (?, ?, ?, ?, ?, ?, ?)");
                        InputStream in = Files.newInputStream(jar)) {
                    RelationalStore.bind(
                            ps,
                            release.version(),
                            release.sha256(),
                            release.signature(),
                            release.size(),
                            release.uploadedBy(),
                            release.uploadedAt());
                    ps.setBinaryStream(7, in, release.size());
                    return ps.executeUpdate();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RelationalStore.StoreException e) {
            if (RelationalStore.isUniqueViolation(e)) {
                throw new ConflictException(
                        "release " + release.version()
                                + " exists: a version is uploaded once and never changes; upload the new jar under a new version");
            }
            throw e;
        }
    }

    public List<Release> list() {
        return db.run(c -> query(c, "SELECT " + COLUMNS + " FROM agent_release ORDER BY uploaded_at DESC, version"));
    }

    public Optional<Release> find(String version) {
        return db.run(c -> query(c, "SELECT " + COLUMNS + " FROM agent_release WHERE version = ?", version)).stream()
                .findFirst();
    }

    /** Copies a release's jar from the database to a file; false when there is no such release. */
    public boolean copyJar(String version, Path target) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT jar FROM agent_release WHERE version = ?")) {
                ps.setString(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    try (InputStream in = rs.getBinaryStream(1)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return true;
                }
            }
        });
    }

    /** Sets the release a gateway should run; returns the version it had before, if any. */
    public Optional<String> desire(String gatewayId, String version, String by, Instant at) {
        return db.inTransaction(c -> {
            Optional<String> before = desiredVersion(c, gatewayId);
            RelationalStore.update(c, "DELETE FROM desired_agent WHERE gateway_id = ?", gatewayId);
            RelationalStore.update(
                    c,
                    "INSERT INTO desired_agent (gateway_id, version, set_by, set_at) VALUES (?, ?, ?, ?)",
                    gatewayId,
                    version,
                    by,
                    at);
            return before;
        });
    }

    /** The release a gateway should run, if one was set. */
    public Optional<Release> desired(String gatewayId) {
        return db
                .run(c -> query(
                        c,
                        "SELECT r.version, r.sha256, r.signature, r.size_bytes, r.uploaded_by, r.uploaded_at"
                                + " FROM desired_agent d JOIN agent_release r ON r.version = d.version"
                                + " WHERE d.gateway_id = ?",
                        gatewayId))
                .stream()
                .findFirst();
    }

    private static Optional<String> desiredVersion(Connection c, String gatewayId) throws SQLException {
        try (PreparedStatement ps = RelationalStore.bind(
                c.prepareStatement("SELECT version FROM desired_agent WHERE gateway_id = ?"), gatewayId)) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<Release> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = RelationalStore.bind(c.prepareStatement(sql), params)) {
            try (ResultSet rs = ps.executeQuery()) {
                List<Release> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Release(
                            rs.getString("version"),
                            rs.getString("sha256"),
                            rs.getString("signature"),
                            rs.getLong("size_bytes"),
                            rs.getString("uploaded_by"),
                            RelationalStore.instant(rs, "uploaded_at")));
                }
                return out;
            }
        }
    }
}

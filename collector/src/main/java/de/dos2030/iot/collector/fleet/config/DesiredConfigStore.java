package de.dos2030.iot.collector.fleet.config;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;

import de.dos2030.iot.collector.statedb.RelationalStore;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code desired_config} table (Flyway V18): one desired gateway file per gateway. Thread-safe, blocking. */
@Singleton
public class DesiredConfigStore {
    private final RelationalStore store;

    public DesiredConfigStore(RelationalStore store) {
        this.store = store;
    }

    /** Sets (or replaces) a gateway's desired file. */
    public void put(DesiredConfig c) {
        store.inTransaction(conn -> {
            RelationalStore.update(conn, "DELETE FROM desired_config WHERE gateway_id = ?", c.gatewayId());
            return RelationalStore.update(
                    conn,
                    "INSERT INTO desired_config (gateway_id, version, yaml, set_by, set_at, rollout_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    c.gatewayId(),
                    c.version(),
                    c.yaml().getBytes(StandardCharsets.UTF_8),
                    c.setBy(),
                    c.setAt(),
                    c.rolloutId());
        });
    }

    /** Removes it; whether there was one. */
    public boolean delete(String gatewayId) {
        return store.run(c -> RelationalStore.update(c, "DELETE FROM desired_config WHERE gateway_id = ?", gatewayId))
                > 0;
    }

    public Optional<DesiredConfig> find(String gatewayId) {
        return store.run(c -> {
            try (PreparedStatement ps =
                            bind(c.prepareStatement("SELECT * FROM desired_config WHERE gateway_id = ?"), gatewayId);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    /** The ids of every gateway with a desired file. */
    public List<String> gatewayIds() {
        return store.run(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT gateway_id FROM desired_config ORDER BY gateway_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Gateway id to desired version, for every gateway with a desired file. */
    public java.util.Map<String, String> versions() {
        return store.run(c -> {
            java.util.Map<String, String> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT gateway_id, version FROM desired_config");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    private static DesiredConfig read(ResultSet rs) throws SQLException {
        return new DesiredConfig(
                rs.getString("gateway_id"),
                new String(rs.getBytes("yaml"), StandardCharsets.UTF_8),
                rs.getString("version"),
                rs.getString("set_by"),
                RelationalStore.instant(rs, "set_at"),
                rs.getString("rollout_id"));
    }
}

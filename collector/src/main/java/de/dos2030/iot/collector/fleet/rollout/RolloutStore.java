package de.dos2030.iot.collector.fleet.rollout;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;

import de.dos2030.iot.collector.statedb.RelationalStore;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code rollout} and {@code rollout_gateway} tables (Flyway V18). Status columns hold the enum names.
 * Thread-safe, blocking; each call is one transaction.
 */
@Singleton
public class RolloutStore {
    private final RelationalStore store;

    public RolloutStore(RelationalStore store) {
        this.store = store;
    }

    public void create(Rollout r, List<Rollout.Member> members) {
        store.inTransaction(c -> {
            RelationalStore.update(
                    c,
                    "INSERT INTO rollout (id, kind, template, target, status, percent_steps, pace_ms, watch_ms,"
                            + " created_by, created_at, current_step, step_started_at, next_step_at) VALUES"
                            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    r.id(),
                    r.kind(),
                    r.template() == null ? null : r.template().getBytes(StandardCharsets.UTF_8),
                    r.target(),
                    r.status(),
                    r.percentSteps().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    r.pace().toMillis(),
                    r.watch().toMillis(),
                    r.createdBy(),
                    r.createdAt(),
                    r.currentStep(),
                    r.stepStartedAt(),
                    r.nextStepAt());
            for (Rollout.Member m : members) {
                RolloutStore.update(
                        c,
                        "INSERT INTO rollout_gateway (rollout_id, gateway_id, position, step, target_version, status)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        r.id(),
                        m.gatewayId(),
                        m.position(),
                        m.step(),
                        m.targetVersion(),
                        m.status());
            }
            return null;
        });
    }

    public Optional<Rollout> find(String id) {
        return store.run(c -> {
            try (PreparedStatement ps = bind(c.prepareStatement("SELECT * FROM rollout WHERE id = ?"), id);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    /** The newest rollouts first. */
    public List<Rollout> list(int limit) {
        return store.run(c -> {
            List<Rollout> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM rollout ORDER BY created_at DESC, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    public List<String> running() {
        return store.run(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = bind(
                            c.prepareStatement("SELECT id FROM rollout WHERE status = ? ORDER BY created_at"),
                            RolloutStatus.RUNNING);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** The rollout's gateways in rollout order. */
    public List<Rollout.Member> members(String rolloutId) {
        return store.run(c -> {
            List<Rollout.Member> out = new ArrayList<>();
            try (PreparedStatement ps = bind(
                            c.prepareStatement("SELECT * FROM rollout_gateway WHERE rollout_id = ? ORDER BY position"),
                            rolloutId);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Rollout.Member(
                            rs.getString("gateway_id"),
                            rs.getInt("position"),
                            rs.getInt("step"),
                            rs.getString("target_version"),
                            GatewayStep.valueOf(rs.getString("status")),
                            RelationalStore.instant(rs, "sent_at"),
                            RelationalStore.instant(rs, "done_at"),
                            rs.getString("reason")));
                }
            }
            return out;
        });
    }

    /**
     * Takes (or extends) the lease on a running rollout: whether this instance may advance it now. Another
     * instance's lease is taken over only once it has passed (that instance died or hangs).
     */
    public boolean lease(String id, String owner, Instant now, Duration length) {
        return store.run(c -> RolloutStore.update(
                        c,
                        "UPDATE rollout SET lease_owner = ?, lease_until = ? WHERE id = ? AND status = ?"
                                + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)",
                        owner,
                        now.plus(length),
                        id,
                        RolloutStatus.RUNNING,
                        owner,
                        now))
                == 1;
    }

    public void markMember(String id, String gatewayId, GatewayStep status, Instant at, String reason) {
        store.run(c -> RolloutStore.update(
                c,
                "UPDATE rollout_gateway SET status = ?, "
                        + (status == GatewayStep.SENT ? "sent_at" : "done_at")
                        + " = ?, reason = ? WHERE rollout_id = ? AND gateway_id = ?",
                status,
                at,
                reason,
                id,
                gatewayId));
    }

    public void stepStarted(String id, Instant at) {
        store.run(c -> RolloutStore.update(c, "UPDATE rollout SET step_started_at = ? WHERE id = ?", at, id));
    }

    public void nextStep(String id, int step, Instant notBefore) {
        store.run(c -> RolloutStore.update(
                c,
                "UPDATE rollout SET current_step = ?, step_started_at = NULL, next_step_at = ? WHERE id = ?",
                step,
                notBefore,
                id));
    }

    /** Ends a running rollout; whether it was still running. */
    public boolean finish(String id, RolloutStatus status, Instant at, String reason) {
        return store.run(c -> RolloutStore.update(
                        c,
                        "UPDATE rollout SET status = ?, finished_at = ?, reason = ?, lease_owner = NULL,"
                                + " lease_until = NULL WHERE id = ? AND status = ?",
                        status,
                        at,
                        reason,
                        id,
                        RolloutStatus.RUNNING))
                == 1;
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        return RelationalStore.update(c, sql, params);
    }

    private static Rollout read(ResultSet rs) throws SQLException {
        byte[] template = rs.getBytes("template");
        return new Rollout(
                rs.getString("id"),
                RolloutKind.valueOf(rs.getString("kind")),
                template == null ? null : new String(template, StandardCharsets.UTF_8),
                rs.getString("target"),
                RolloutStatus.valueOf(rs.getString("status")),
                Arrays.stream(rs.getString("percent_steps").split(","))
                        .map(Integer::valueOf)
                        .toList(),
                Duration.ofMillis(rs.getLong("pace_ms")),
                Duration.ofMillis(rs.getLong("watch_ms")),
                rs.getString("created_by"),
                RelationalStore.instant(rs, "created_at"),
                rs.getInt("current_step"),
                RelationalStore.instant(rs, "step_started_at"),
                RelationalStore.instant(rs, "next_step_at"),
                RelationalStore.instant(rs, "finished_at"),
                rs.getString("reason"));
    }
}

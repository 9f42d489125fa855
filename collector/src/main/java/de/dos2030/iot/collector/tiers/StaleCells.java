package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierFreshness;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The query planner's view of the dirty set ({@link DirtySet}'s table): which hour and day cells of
 * a field are waiting for a recompute, whoever holds them. One indexed read per query. Thread-safe.
 */
@Singleton
public class StaleCells implements TierFreshness {
    private final RelationalStore store;
    private final RollupConfig config;

    public StaleCells(RelationalStore store, RollupConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public boolean maintained() {
        return config.enabled();
    }

    @Override
    public Stale stale(
            String measurement,
            String field,
            @Nullable String site,
            @Nullable String gateway,
            Instant from,
            Instant to) {
        StringBuilder sql = new StringBuilder("SELECT tier, window_start FROM rollup_dirty"
                + " WHERE measurement = ? AND field = ? AND window_start >= ? AND window_start < ?");
        List<Object> values = new ArrayList<>(List.of(
                measurement,
                field,
                from.minus(Duration.ofHours(1)).toEpochMilli(), // the hour that holds from
                to.toEpochMilli()));
        if (site != null) {
            sql.append(" AND site_id = ?");
            values.add(site);
        }
        if (gateway != null) {
            sql.append(" AND gateway_id = ?");
            values.add(gateway);
        }
        return store.run(c -> {
            Stale stale = new Stale(new TreeSet<>(), new TreeSet<>());
            try (PreparedStatement ps = RelationalStore.bind(c.prepareStatement(sql.toString()), values.toArray());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant start = Instant.ofEpochMilli(rs.getLong("window_start"));
                    (Tier.DAY.wireName().equals(rs.getString("tier")) ? stale.days() : stale.hours()).add(start);
                }
            }
            return stale;
        });
    }
}

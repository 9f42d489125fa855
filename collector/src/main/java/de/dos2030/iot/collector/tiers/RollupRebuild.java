package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the rollup tiers of a time range: marks dirty every hour window that holds raw readings,
 * for every gateway (or one, or one site's) and every raw field it has, as ingest would have marked
 * them; the {@link RollupWorker}s of all instances then recompute them (and their days) as usual.
 * For tiers that never saw those readings: data from a version without tiers, imported data, or
 * readings stored while {@code collector.rollup.enabled} was false.
 *
 * <p>Asks InfluxDB which hours hold readings in slices of {@link #SLICE}, so that no single query
 * counts more than a week of readings, and marks each slice's windows in transactions of at most
 * {@link #MARKS_PER_TRANSACTION}. Thread-safe; a rebuild runs on the caller's thread.
 */
@Singleton
public class RollupRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(RollupRebuild.class);
    /** The longest range one rebuild takes: a school year and then some. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);

    static final Duration SLICE = Duration.ofDays(7);
    static final int MARKS_PER_TRANSACTION = 2000;
    private static final Duration HOUR = Duration.ofHours(1);

    private final TierStore store;
    private final DirtySet dirty;
    private final Clock clock;

    public RollupRebuild(TierStore store, DirtySet dirty, Clock clock) {
        this.store = store;
        this.dirty = dirty;
        this.clock = clock;
    }

    /**
     * What a rebuild marked.
     *
     * @param from    the range asked for, widened to whole UTC hours
     * @param windows hour windows marked dirty
     * @param fields  the raw fields found, as {@code measurement.field}
     */
    public record Result(Instant from, Instant to, long windows, Set<String> gateways, Set<String> fields) {}

    /**
     * Marks the hours of [from, to) that hold raw readings dirty.
     *
     * @throws IllegalArgumentException when the range is empty, backwards or longer than {@link #MAX_RANGE}
     */
    public Result rebuild(Instant from, Instant to, @Nullable String site, @Nullable String gateway) {
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("a rebuild range is between 1 ms and " + MAX_RANGE.toDays() + " days");
        }
        Instant start = Tier.HOUR.cellStart(from, java.time.ZoneOffset.UTC);
        Instant end =
                Tier.HOUR.cellStart(to.minusMillis(1), java.time.ZoneOffset.UTC).plus(HOUR);
        Set<String> gateways = new TreeSet<>();
        Set<String> fields = new TreeSet<>();
        long windows = 0;
        for (SiteKind kind : SiteKind.values()) {
            for (Instant a = start; a.isBefore(end); a = a.plus(SLICE)) {
                Instant b = a.plus(SLICE).isAfter(end) ? end : a.plus(SLICE);
                Set<DirtyWindow> found = new HashSet<>();
                store.rawHours(kind, a, b, site, gateway, (gw, st, measurement, field, hour) -> {
                    if (!gw.isEmpty() && !st.isEmpty()) { // not the collector's layout otherwise: nothing to roll up
                        found.add(new DirtyWindow(gw, measurement, field, Tier.HOUR, hour, st, kind));
                        gateways.add(gw);
                        fields.add(measurement + "." + field);
                    }
                });
                mark(new ArrayList<>(found));
                windows += found.size();
            }
        }
        LOG.info(
                "Rollup rebuild of {} to {} (site {}, gateway {}): {} hour windows of {} gateways marked dirty",
                start,
                end,
                site,
                gateway,
                windows,
                gateways.size());
        return new Result(start, end, windows, gateways, fields);
    }

    private void mark(List<DirtyWindow> windows) {
        for (int i = 0; i < windows.size(); i += MARKS_PER_TRANSACTION) {
            dirty.mark(windows.subList(i, Math.min(windows.size(), i + MARKS_PER_TRANSACTION)), clock.instant());
        }
    }
}

package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.query.TierCells.SeriesKey;
import de.dos2030.iot.collector.query.TierCoverage.Piece;
import de.dos2030.iot.collector.rollup.CellStats;
import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierFreshness;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Answers windowed queries from the rollup tiers where that is exact: each window's value is
 * composed from the coarsest clean cells that tile it ({@link TierCoverage}), with InfluxDB's
 * minute aggregates of raw readings for what no tier holds yet. Callers never name a tier; the
 * answer says which ones it read. Thread-safe.
 */
final class TierAnswers {
    /** A planned answer: per series, per window start, the composed cells; and what was read. */
    record Composed(Map<SeriesKey, TreeMap<Instant, CellStats>> windows, Set<String> sources) {}

    private final TierCells cells;
    private final TierFreshness freshness;

    TierAnswers(InfluxReader influx, TierFreshness freshness) {
        this.cells = new TierCells(influx);
        this.freshness = freshness;
    }

    /** Whether the tiers can answer {@code q} exactly at all: ok readings and an aggregate that composes. */
    static boolean answers(SeriesQuery q) {
        return q.window() != null && "ok".equals(q.quality()) && q.aggregate().composes();
    }

    /**
     * The tiers whose cells never straddle a window of {@code grid}, coarsest first: minutes and hours
     * when the windows are whole minutes or hours (for calendar windows: while the zone's offset is
     * whole minutes or hours), days when the windows are calendar days of the zone of the day tier's
     * cells ({@code dayZone}; null when the sites read have different zones).
     */
    static List<Tier> fitting(WindowGrid grid, @Nullable ZoneId dayZone, Instant from, Instant to) {
        Set<Tier> fit = EnumSet.noneOf(Tier.class);
        if (grid.calendarDays()) {
            ZoneOffset a = grid.zone().getRules().getOffset(from);
            ZoneOffset b = grid.zone().getRules().getOffset(to);
            if (a.getTotalSeconds() % 60 == 0 && b.getTotalSeconds() % 60 == 0) {
                fit.add(Tier.MINUTE);
            }
            if (a.getTotalSeconds() % 3600 == 0 && b.getTotalSeconds() % 3600 == 0) {
                fit.add(Tier.HOUR);
            }
            if (dayZone != null && grid.zone().normalized().equals(dayZone.normalized())) {
                fit.add(Tier.DAY);
            }
        } else {
            long ms = grid.window().toMillis();
            if (ms % Duration.ofMinutes(1).toMillis() == 0) {
                fit.add(Tier.MINUTE);
            }
            if (ms % Duration.ofHours(1).toMillis() == 0) {
                fit.add(Tier.HOUR);
            }
        }
        List<Tier> coarsestFirst = new ArrayList<>(fit);
        Collections.reverse(coarsestFirst);
        return coarsestFirst;
    }

    /**
     * The pieces of {@code q}'s range and where each is read from.
     *
     * @param tiers the fitting tiers, coarsest first
     */
    List<Piece> plan(SeriesQuery q, List<Tier> tiers, @Nullable ZoneId dayZone) {
        return TierCoverage.plan(
                q.from(),
                q.to(),
                tiers,
                dayZone,
                freshness.stale(q.quantity().measurement(), q.field(), q.site(), q.gateway(), q.from(), q.to()));
    }

    /**
     * Reads and composes the planned pieces into windows; null when a cell would straddle a window
     * (a zone whose offset changes by other than whole hours): then the raw readings must answer.
     *
     * @param aggregate what the cells are read for: only the fields it needs are asked for
     * @param sources InfluxQL {@code FROM} list of a tier (null: the raw readings)
     * @param filters InfluxQL conditions to AND to the time range
     */
    Composed compose(
            List<Piece> pieces,
            WindowGrid grid,
            @Nullable ZoneId dayZone,
            String field,
            Aggregate aggregate,
            String filters,
            Function<Tier, String> sources) {
        Map<SeriesKey, TreeMap<Instant, CellStats>> windows = new HashMap<>();
        boolean[] straddles = {false};
        TierCells.Sink into = (series, start, cell) -> {
            Instant window = grid.windowStart(start);
            windows.computeIfAbsent(series, k -> new TreeMap<>()).merge(window, cell, CellStats::merge);
        };
        Set<String> read = new LinkedHashSet<>();
        Map<Tier, List<Piece>> byTier = new HashMap<>();
        for (Piece p : pieces) {
            if (p.tier() == null) {
                cells.fromRaw(sources.apply(null), field, filters, p.from(), p.to(), into);
                read.add("raw");
            } else {
                byTier.computeIfAbsent(p.tier(), t -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<Tier, List<Piece>> e : byTier.entrySet()) {
            Tier tier = e.getKey();
            List<Piece> mine = e.getValue();
            // One query over the hull; cells between the pieces (stale ones) are dropped here.
            cells.stored(
                    tier,
                    sources.apply(tier),
                    field,
                    filters,
                    mine.get(0).from(),
                    mine.get(mine.size() - 1).to(),
                    aggregate,
                    (series, start, cell) -> {
                        if (!inside(mine, start)) {
                            return;
                        }
                        Instant window = grid.windowStart(start);
                        if (tier.nextCell(start, dayZone).isAfter(grid.nextWindow(window))) {
                            straddles[0] = true;
                        }
                        into.accept(series, start, cell);
                    });
            read.add(tier.wireName());
        }
        return straddles[0] ? null : new Composed(windows, read);
    }

    private static boolean inside(List<Piece> pieces, Instant t) {
        for (Piece p : pieces) {
            if (!t.isBefore(p.from()) && t.isBefore(p.to())) {
                return true;
            }
        }
        return false;
    }
}

package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierFreshness;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Covers a time range with as few, as coarse rollup cells as are exact: the coarsest tier takes
 * every cell that lies wholly inside the range and is clean (neither it nor an hour of it is
 * waiting for a recompute); what it leaves (the ragged ends, stale cells) goes to the next finer tier, and what
 * the minutes leave goes to the raw readings. Pure and stateless.
 */
final class TierCoverage {
    /**
     * A part of the range and where it is read from.
     *
     * @param tier null for the raw readings
     */
    record Piece(@Nullable Tier tier, Instant from, Instant to) {}

    private final List<Tier> tiers;
    private final ZoneId dayZone;
    private final TierFreshness.Stale stale;
    private final List<Piece> pieces = new ArrayList<>();

    private TierCoverage(List<Tier> tiers, ZoneId dayZone, TierFreshness.Stale stale) {
        this.tiers = tiers;
        this.dayZone = dayZone;
        this.stale = stale;
    }

    /**
     * The pieces covering {@code [from, to)}, in time order, adjacent pieces of one source merged.
     *
     * @param tiers      the tiers whose cells fit the query's windows, coarsest first
     * @param dayZone    the zone of the day tier's cells
     * @param stale      the cells waiting for a recompute
     */
    static List<Piece> plan(Instant from, Instant to, List<Tier> tiers, ZoneId dayZone, TierFreshness.Stale stale) {
        TierCoverage coverage = new TierCoverage(tiers, dayZone, stale);
        coverage.cover(from, to, 0);
        return coverage.pieces;
    }

    private void cover(Instant from, Instant to, int level) {
        if (!from.isBefore(to)) {
            return;
        }
        if (level == tiers.size()) {
            add(null, from, to);
            return;
        }
        Tier tier = tiers.get(level);
        Instant cell = tier.cellStart(from, dayZone);
        if (cell.isBefore(from)) {
            cell = tier.nextCell(cell, dayZone);
        }
        Instant covered = from; // everything before is in pieces already
        for (Instant end = tier.nextCell(cell, dayZone); !end.isAfter(to); end = tier.nextCell(cell, dayZone)) {
            if (clean(tier, cell, end)) {
                cover(covered, cell, level + 1);
                add(tier, cell, end);
                covered = end;
            }
            cell = end;
        }
        cover(covered, to, level + 1);
    }

    private boolean clean(Tier tier, Instant cellStart, Instant cellEnd) {
        Instant hour = cellStart.truncatedTo(ChronoUnit.HOURS);
        return stale.hours().subSet(hour, true, cellEnd, false).isEmpty()
                && (tier != Tier.DAY || !stale.days().contains(cellStart));
    }

    private void add(@Nullable Tier tier, Instant from, Instant to) {
        int last = pieces.size() - 1;
        if (last >= 0
                && pieces.get(last).tier() == tier
                && pieces.get(last).to().equals(from)) {
            pieces.set(last, new Piece(tier, pieces.get(last).from(), to));
        } else {
            pieces.add(new Piece(tier, from, to));
        }
    }
}

package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.query.TierCoverage.Piece;
import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.storage.RetentionConfig;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses a query that needs readings or cells InfluxDB no longer keeps ({@code collector.retention.*}),
 * naming the parameter to change, instead of answering with a silent hole. A query reading several
 * site kinds is refused only when every kind's data of that time is gone. Stateless.
 */
final class RetentionCheck {
    private final RetentionConfig retention;

    RetentionCheck(RetentionConfig retention) {
        this.retention = retention;
    }

    /**
     * For a query answered from the raw readings.
     *
     * @throws BadRequestException naming {@code from}
     */
    void requireRaw(SeriesQuery q, Set<SiteKind> kinds, Instant now) {
        Duration keep = longest(kinds, null);
        if (keep != null && q.from().isBefore(now.minus(keep))) {
            throw new BadRequestException("from " + q.from() + " is older than " + what(kinds, null) + " are kept ("
                    + keep.toDays() + " days): ask for windows of 1m or longer (window=1m, 1h, 1d) of ok readings"
                    + " with aggregate mean, min, max, count, stddev or last, which the rollup tiers keep longer");
        }
    }

    /**
     * For a query composed from pieces of tiers and raw readings.
     *
     * @param coarsest the coarsest tier that fits the query's windows
     * @throws BadRequestException naming {@code window}, {@code from} or {@code to}
     */
    void requirePieces(SeriesQuery q, List<Piece> pieces, Tier coarsest, Set<SiteKind> kinds, Instant now) {
        for (Piece p : pieces) {
            Duration keep = longest(kinds, p.tier());
            if (keep == null || !p.from().isBefore(now.minus(keep))) {
                continue;
            }
            String gone = what(kinds, p.tier()) + " are kept " + keep.toDays() + " days";
            if (p.tier() == coarsest) {
                throw new BadRequestException("window " + q.window() + " needs " + gone + ", and from " + q.from()
                        + " is older: ask for larger windows");
            }
            String edge = p.from().equals(q.from()) ? "from " + q.from() : "to " + q.to();
            throw new BadRequestException(edge + " cuts a " + coarsest.wireName() + " cell of data older than " + gone
                    + ": put it on a whole " + coarsest.wireName() + " boundary");
        }
    }

    /** The longest any of the kinds keeps the tier (null: raw), null for forever. */
    @Nullable
    private Duration longest(Set<SiteKind> kinds, @Nullable Tier tier) {
        Duration longest = Duration.ZERO;
        for (SiteKind kind : kinds) {
            Duration keep = retention.duration(kind, tier);
            if (keep == null) {
                return null;
            }
            longest = keep.compareTo(longest) > 0 ? keep : longest;
        }
        return longest;
    }

    private static String what(Set<SiteKind> kinds, @Nullable Tier tier) {
        return (tier == null ? "raw readings" : "the " + tier.wireName() + " cells") + " of "
                + kinds.stream().map(SiteKind::wireName).sorted().collect(Collectors.joining(" and ")) + " sites";
    }
}

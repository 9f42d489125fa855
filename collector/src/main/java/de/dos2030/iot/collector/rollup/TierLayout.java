package de.dos2030.iot.collector.rollup;

import de.dos2030.iot.model.SiteKind;
import java.util.List;

/**
 * Where tiers live in InfluxDB, in one place (collector/README.md, "Rollup tiers").
 *
 * <p>Each site kind has a retention policy per tier, so that each keeps its readings as long as
 * configured: {@code school_raw}, {@code school_1m}, {@code school_1h}, {@code school_1d}, and the
 * same for {@code bridge_}. A tier's point has the raw reading's measurement and its tags except
 * {@code quality} (gateway, sensor, site, site_kind), is stamped with its cell's start, and holds
 * for every raw field {@code f} the fields {@link #FIELD_SUFFIXES} of its {@link CellStats}:
 * {@code f_count}, {@code f_sum}, ... A recompute writes the same point again: InfluxDB overwrites it.
 */
public final class TierLayout {
    /** Per raw field, in {@link CellStats}'s order. */
    public static final List<String> FIELD_SUFFIXES =
            List.of("_count", "_sum", "_min", "_max", "_m2", "_first_ms", "_last_ms", "_last", "_flagged");

    private TierLayout() {}

    /** The retention policy of a site kind's raw readings, e.g. {@code bridge_raw}. */
    public static String rawPolicy(SiteKind kind) {
        return kind.wireName() + "_raw";
    }

    /** The retention policy of a site kind's tier, e.g. {@code school_1h}. */
    public static String policy(SiteKind kind, Tier tier) {
        return kind.wireName() + "_" + tier.wireName();
    }

    /** The tier field holding {@code suffix} (one of {@link #FIELD_SUFFIXES}) of raw field {@code field}. */
    public static String cellField(String field, String suffix) {
        return field + suffix;
    }
}

package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.model.SiteKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A window whose rollup cells must be recomputed: one raw field of one gateway's measurement over one
 * hour (UTC; its minute cells and its hour cell) or one day (a calendar day in the site's zone; its
 * day cell). The key is (gateway, measurement, field, tier, start); site and site kind say where the
 * readings live and which zone the day belongs to.
 *
 * @param tier {@link Tier#HOUR} or {@link Tier#DAY}
 */
public record DirtyWindow(
        String gateway, String measurement, String field, Tier tier, Instant start, String site, SiteKind siteKind) {

    /** The order windows are marked in: the same in every instance, so that two transactions never deadlock. */
    static final Comparator<DirtyWindow> KEY_ORDER = Comparator.comparing(DirtyWindow::gateway)
            .thenComparing(DirtyWindow::measurement)
            .thenComparing(DirtyWindow::field)
            .thenComparing(DirtyWindow::tier)
            .thenComparing(DirtyWindow::start);

    public DirtyWindow {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(siteKind, "siteKind");
        if (tier != Tier.HOUR && tier != Tier.DAY) {
            throw new IllegalArgumentException("a dirty window is an hour or a day, not " + tier);
        }
        if (tier == Tier.HOUR && !Tier.HOUR.isCellStart(start, java.time.ZoneOffset.UTC)) {
            throw new IllegalArgumentException("an hour window starts on the hour (UTC), not at " + start);
        }
    }

    /** Equal keys: the same row of the dirty set. */
    boolean sameKey(DirtyWindow o) {
        return KEY_ORDER.compare(this, o) == 0;
    }

    @Override
    public String toString() {
        return gateway + "/" + measurement + "." + field + " " + tier.wireName() + "@" + start;
    }
}

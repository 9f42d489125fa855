package de.dos2030.iot.collector.tiers;

import java.time.ZoneId;

/**
 * The port through which rollups learn a site's time zone, whose calendar days the day tier holds.
 * The places registry answers it; until then {@link ConfiguredSiteZones} answers the configured
 * default for every site. Implementations must be thread-safe and fast (called per recompute).
 */
public interface SiteZones {
    /** The zone of {@code siteId}'s days; never null (a site nobody knows gets the default zone). */
    ZoneId zoneOf(String siteId);
}

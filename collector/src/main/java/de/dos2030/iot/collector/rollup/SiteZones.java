package de.dos2030.iot.collector.rollup;

import io.micronaut.core.annotation.Nullable;
import java.time.ZoneId;

/** The time zone of a site: where its days begin. Implementations are thread-safe. */
public interface SiteZones {
    /** The zone of {@code siteId}; the default zone for null or an unknown site. */
    ZoneId zoneOf(@Nullable String siteId);
}

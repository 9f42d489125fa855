package de.dos2030.iot.collector.web.fleet;

import io.micronaut.core.annotation.Nullable;

/**
 * Names and positions of sites, for the fleet page's map and tables: the port through which the
 * places registry (issue 16) reaches the page. The default knows none, and the page shows site ids
 * and no map; a bean that replaces it ({@code @Replaces(SitePlaces.None.class)}) brings both.
 */
public interface SitePlaces {
    /** A site's display name and WGS84 position. */
    record Place(String name, double lat, double lon) {}

    /** The place of this site, or null when it has none (yet). */
    @Nullable
    Place of(String siteId);

    /** Until places exist: no site has a name or a position. */
    @jakarta.inject.Singleton
    final class None implements SitePlaces {
        @Override
        public Place of(String siteId) {
            return null;
        }
    }
}

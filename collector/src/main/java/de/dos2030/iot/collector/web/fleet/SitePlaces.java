package de.dos2030.iot.collector.web.fleet;

import io.micronaut.core.annotation.Nullable;

/**
 * Names and positions of sites, for the fleet page's map and tables: the port through which the
 * places registry reaches the page ({@link DirectorySitePlaces}). A site without a name is shown by
 * its id, one without a position has no marker on the map.
 */
public interface SitePlaces {
    /** A site's display name and WGS84 position (NaN when it has none). */
    record Place(String name, double lat, double lon) {
        public boolean positioned() {
            return !Double.isNaN(lat) && !Double.isNaN(lon);
        }
    }

    /** The place of this site, or null when the registry knows none (yet). */
    @Nullable
    Place of(String siteId);
}

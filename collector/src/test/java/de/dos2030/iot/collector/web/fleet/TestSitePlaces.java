package de.dos2030.iot.collector.web.fleet;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * With {@code test.site-places=true}: names and positions for the browser tests' sites, as the places
 * registry will give them, so that the fleet page draws its map.
 */
@Singleton
@Replaces(SitePlaces.None.class)
@Requires(property = "test.site-places", value = "true")
public class TestSitePlaces implements SitePlaces {
    private static final Map<String, Place> PLACES = Map.of(
            "gs-kley", new Place("Grundschule Kley", 51.4935, 7.3760),
            "br-ruhr", new Place("Ruhrbrücke Schwerte", 51.4460, 7.5650));

    @Override
    public Place of(String siteId) {
        return PLACES.get(siteId);
    }
}

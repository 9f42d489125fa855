package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.places.Position;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * Where a series was measured, as the place registry knows it: the site's name and position, the
 * location (room or bridge section) of its sensor. Fields the registry does not know are null.
 */
public record SeriesPlace(
        @Nullable String siteName,
        @Nullable String location,
        @Nullable String locationName,
        @Nullable Position position) {

    /** The place of a series, or null when the registry knows nothing of it. */
    @Nullable
    static SeriesPlace of(PlaceDirectory places, SeriesColumns s) {
        Optional<PlaceDirectory.Site> site = places.site(s.site());
        Optional<PlaceDirectory.Location> at = places.locationOf(s.gateway(), s.sensor());
        if (site.isEmpty() && at.isEmpty()) {
            return null;
        }
        return new SeriesPlace(
                site.map(PlaceDirectory.Site::name).orElse(null),
                at.map(PlaceDirectory.Location::id).orElse(null),
                at.map(PlaceDirectory.Location::name).orElse(null),
                site.map(PlaceDirectory.Site::position).orElse(null));
    }
}

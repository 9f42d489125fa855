package de.dos2030.iot.collector.web.fleet;

import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.places.Position;
import jakarta.inject.Singleton;

/** {@link SitePlaces} from the places registry: the name and position each site's gateways reported or an admin set. */
@Singleton
public class DirectorySitePlaces implements SitePlaces {
    private final PlaceDirectory directory;

    public DirectorySitePlaces(PlaceDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Place of(String siteId) {
        PlaceDirectory.Site site = directory.site(siteId).orElse(null);
        if (site == null || site.name() == null) {
            return null;
        }
        Position p = site.position();
        return new Place(site.name(), p == null ? Double.NaN : p.lat(), p == null ? Double.NaN : p.lon());
    }
}

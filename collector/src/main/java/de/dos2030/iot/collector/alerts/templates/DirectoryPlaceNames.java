package de.dos2030.iot.collector.alerts.templates;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.places.PlaceDirectory;
import jakarta.inject.Singleton;

/** {@link PlaceNames} from the place registry ({@link PlaceDirectory}, which caches it). Thread-safe. */
@Singleton
public class DirectoryPlaceNames implements PlaceNames {
    private final PlaceDirectory places;

    public DirectoryPlaceNames(PlaceDirectory places) {
        this.places = places;
    }

    @Override
    public Place of(AlertNotification step) {
        String site = places.site(step.siteId())
                .map(PlaceDirectory.Site::name)
                .filter(n -> !n.isBlank())
                .orElse(step.siteId());
        String room = step.sensorId() == null
                ? site
                : places.locationOf(step.gatewayId(), step.sensorId())
                        .map(l -> l.name() == null || l.name().isBlank() ? l.id() : l.name())
                        .orElse(step.sensorId());
        return new Place(site, room, places.zoneOf(step.siteId()));
    }
}

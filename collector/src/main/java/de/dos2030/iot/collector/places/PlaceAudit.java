package de.dos2030.iot.collector.places;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** What the audit log keeps of a place edit: the editable fields before and after, not the sensors and reports. */
final class PlaceAudit {
    private PlaceAudit() {}

    @Serdeable
    record SiteFields(
            @Nullable String name,
            @Nullable String address,
            @Nullable Position position,
            String timeZone,
            boolean isPublic,
            java.util.List<String> adminFields) {
        static SiteFields of(SiteViews.SiteDetail d) {
            return new SiteFields(d.name(), d.address(), d.position(), d.timeZone(), d.isPublic(), d.adminFields());
        }
    }

    @Serdeable
    record LocationFields(
            String id,
            String kind,
            @Nullable String name,
            @Nullable Integer floor,
            @Nullable String number,
            @Nullable Double at) {
        /** The location's fields in this site, or null when it does not exist (yet). */
        @Nullable
        static LocationFields of(SiteViews.SiteDetail d, String location) {
            return d.locations().stream()
                    .filter(l -> l.id().equals(location))
                    .findFirst()
                    .map(l -> new LocationFields(l.id(), l.kind(), l.name(), l.floor(), l.number(), l.at()))
                    .orElse(null);
        }
    }
}

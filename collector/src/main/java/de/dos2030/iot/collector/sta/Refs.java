package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import java.time.Duration;
import java.time.Instant;

/** What the entities are built from: the records the service navigates and reads observations with. */
final class Refs {
    private Refs() {}

    /** A room or bridge section of a site: a Thing, and the same place as a FeatureOfInterest. */
    record Place(PlaceDirectory.Site site, PlaceDirectory.Location location) {
        String key() {
            return site.id() + ":" + location.id();
        }

        SiteKind kind() {
            return "bridge".equals(site.kind()) ? SiteKind.BRIDGE : SiteKind.SCHOOL;
        }
    }

    /** One sensor x quantity x statistic of a gateway at a place. */
    record Stream(String gateway, String sensor, Quantity quantity, Statistic statistic, Place place) {
        String key() {
            return gateway + ":" + sensor + ":" + quantity.wireName() + ":"
                    + statistic.name().toLowerCase(java.util.Locale.ROOT);
        }

        String sensorKey() {
            return gateway + ":" + sensor;
        }
    }

    /**
     * One observation: a raw reading ({@code window} null) or a window's aggregate from a tier, whose
     * time is the window's start.
     */
    record Obs(
            Stream stream,
            long datastreamId,
            Instant time,
            double value,
            String quality,
            Duration window,
            String aggregate) {
        long id() {
            return Ids.observation(datastreamId, time.toEpochMilli());
        }
    }
}

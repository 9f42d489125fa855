package de.dos2030.iot.collector.alerts.templates;

import de.dos2030.iot.collector.alerts.AlertNotification;
import java.time.ZoneId;

/** Where an alert is, in the words of the place registry: a seam so that texts render without a database. */
@FunctionalInterface
public interface PlaceNames {
    /**
     * The place of a step.
     *
     * @param site the site's name, else its id
     * @param room the room (schools) or section (bridges) of the step's sensor, else the sensor's id, else the
     *     site's name (an alert about the whole gateway)
     * @param zone the site's time zone, for the times in the text
     */
    record Place(String site, String room, ZoneId zone) {
        public Place {
            if (site == null || site.isBlank() || room == null || room.isBlank() || zone == null) {
                throw new IllegalArgumentException(
                        "a place needs a site and room name and a zone (got " + site + ", " + room + ", " + zone + ")");
            }
        }
    }

    Place of(AlertNotification step);
}

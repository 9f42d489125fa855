package de.dos2030.iot.collector.places;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;

/** A WGS84 position in decimal degrees. */
@Serdeable
public record Position(double lat, double lon) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, %s", lat, lon);
    }
}

package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.List;

/** WGS84 latitude and longitude in decimal degrees. */
public record GeoPosition(double lat, double lon) {
    public GeoPosition {
        List<Violation> out = new ArrayList<>();
        if (!(lat >= -90 && lat <= 90)) {
            out.add(Violation.of("lat", lat + " is not a latitude", "-90 to 90"));
        }
        if (!(lon >= -180 && lon <= 180)) {
            out.add(Violation.of("lon", lon + " is not a longitude", "-180 to 180"));
        }
        Violation.throwIfAny("position", out);
    }
}

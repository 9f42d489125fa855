package de.dos2030.iot.model;

import java.util.List;
import java.util.Map;

/**
 * The place a gateway's configuration describes, reported with its health so that the collector's
 * registry fills itself: its site's kind, name, address, position and time zone, the locations
 * (rooms or bridge sections) inside the site, and which location each sensor is at. It describes the
 * site of the batch it travels in ({@link Batch#siteId()}); it has no site id of its own.
 * {@link de.dos2030.iot.model.validation.Validator} bounds every length and count, so that a hostile
 * gateway cannot flood the registry.
 *
 * @param siteKind  kind of the site, as the gateway's file says
 * @param name      human name of the site
 * @param address   postal address; {@code null} when the file has none
 * @param lat       WGS84 latitude in degrees; {@code null} together with {@code lon} when unknown
 * @param lon       WGS84 longitude in degrees
 * @param timeZone  IANA time zone of the site ({@code Europe/Berlin}); {@code null} when the file says none
 * @param locations the rooms or sections the file declares, in file order
 * @param sensors   sensor id to location id, for every sensor the file attaches to a location
 * @param limits    the limits of the sensors' alarm rules, so that pages can draw them beside the values
 *                  (a bridge's limits come from its design, so only its gateway's file knows them)
 */
public record PlaceReport(
        SiteKind siteKind,
        String name,
        String address,
        Double lat,
        Double lon,
        String timeZone,
        List<Location> locations,
        Map<String, String> sensors,
        List<Limit> limits) {

    public PlaceReport {
        locations = locations == null ? List.of() : List.copyOf(locations);
        sensors = sensors == null ? Map.of() : Map.copyOf(sensors);
        limits = limits == null ? List.of() : List.copyOf(limits);
    }

    /** A place whose sensors report no limits. */
    public PlaceReport(
            SiteKind siteKind,
            String name,
            String address,
            Double lat,
            Double lon,
            String timeZone,
            List<Location> locations,
            Map<String, String> sensors) {
        this(siteKind, name, address, lat, lon, timeZone, locations, sensors, List.of());
    }

    /** This place under another name. */
    public PlaceReport withName(String newName) {
        return new PlaceReport(siteKind, newName, address, lat, lon, timeZone, locations, sensors, limits);
    }

    /**
     * The limits an alarm rule of a sensor watches a quantity with; any of them may be absent.
     *
     * @param sensorId      the sensor whose rule it is
     * @param quantity      the quantity the rule watches
     * @param warningAbove  a warning from this value up
     * @param criticalAbove critical from this value up
     * @param warningBelow  a warning from this value down
     * @param criticalBelow critical from this value down
     */
    public record Limit(
            String sensorId,
            Quantity quantity,
            Double warningAbove,
            Double criticalAbove,
            Double warningBelow,
            Double criticalBelow) {}

    /**
     * A room or bridge section inside the site.
     *
     * @param id     location id, unique within the site
     * @param kind   room (schools) or section (bridges)
     * @param name   human name ("Klasse 4b", "Feld 2, Pfeiler P2")
     * @param floor  floor of a room; {@code null} when not said
     * @param number room number as on the door ("R204"); {@code null} when not said
     * @param at     position of a section along the bridge in metres from its start; {@code null} when not said
     */
    public record Location(String id, LocationKind kind, String name, Integer floor, String number, Double at) {}
}
